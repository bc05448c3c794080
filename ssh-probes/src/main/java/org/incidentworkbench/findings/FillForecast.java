package org.incidentworkbench.findings;

import java.time.Duration;
import java.util.Optional;
import org.incidentworkbench.probe.Severity;

/**
 * How a forecast from history changes the severity a level alone gives (shared by the filesystem, inode and
 * memory rules, each with its own numbers): running out within {@code criticalWithin} is critical whatever the
 * level; within {@code warningWithin} at least a warning; a level that is critical but has not moved towards
 * its limit over the fitted history is a warning (it has looked like this for a while: not the emergency).
 * Without a forecast the level decides alone.
 */
final class FillForecast {

    private FillForecast() {
    }

    static Optional<Severity> severity(Optional<Severity> byLevel, Optional<TimeToLimit> trend, Duration criticalWithin,
                                       Duration warningWithin) {
        if (trend.isEmpty()) {
            return byLevel;
        }
        TimeToLimit t = trend.get();
        if (t.in().isPresent()) {
            Duration in = t.in().get();
            if (in.compareTo(criticalWithin) <= 0) {
                return Optional.of(Severity.CRITICAL);
            }
            if (in.compareTo(warningWithin) <= 0) {
                return Optional.of(byLevel.filter(s -> s == Severity.CRITICAL).orElse(Severity.WARNING));
            }
            return byLevel;
        }
        return byLevel.map(s -> s == Severity.CRITICAL ? Severity.WARNING : s);
    }

    /** The findings, the soonest to run out first (a stable sort: without forecasts, the order stays). */
    static java.util.List<org.incidentworkbench.probe.Finding> soonestFirst(java.util.List<org.incidentworkbench.probe.Finding> findings,
                                                                          java.util.List<Long> inMillis) {
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(inMillis::get));
        return order.stream().map(findings::get).toList();
    }

    /** The title's tail: ", full in 42 min (35 min to 51 min)", or ", steady" for a level that is not moving. */
    static String titleTail(Optional<TimeToLimit> trend, String verb) {
        return trend.map(t -> t.whenText().map(w -> ", " + verb + " in " + w).orElse(", steady")).orElse("");
    }

    /** The evidence's tail: the fit behind the forecast, in the metric's unit per hour. */
    static String evidenceTail(Optional<TimeToLimit> trend, String slope, String limit) {
        return trend.map(t -> "; trend " + slope + " " + t.basis() + (t.reaches()
                ? ", reaching " + limit + " in " + t.whenText().orElseThrow() + " at 95 %"
                : ", not heading for " + limit)).orElse("");
    }
}
