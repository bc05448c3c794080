package org.incidentworkbench.app.ui.metrics;

/**
 * A forecast drawn ahead of now: a dashed line from the last point to where the series is expected
 * to cross {@code threshold}, and the band between the interval's early and late crossing times.
 *
 * @param label            what is forecast ("web-1 / full in 3 d")
 * @param fromMillis       where the forecast starts (the last point)
 * @param fromValue        the value there
 * @param crossMillis      the expected crossing time
 * @param earliestMillis   the early end of the interval
 * @param latestMillis     the late end of the interval
 * @param threshold        the value crossed (100 % for a disk)
 */
public record ChartForecast(String label, long fromMillis, double fromValue, long crossMillis, long earliestMillis,
                            long latestMillis, double threshold) {
}
