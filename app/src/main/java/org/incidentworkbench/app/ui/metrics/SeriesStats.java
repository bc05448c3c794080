package org.incidentworkbench.app.ui.metrics;

/**
 * What a legend row shows for one series over the visible range: the last value, the lowest, the
 * highest and the mean of the points (NaN when the range holds none).
 */
public record SeriesStats(double last, double min, double max, double mean) {

    public static final SeriesStats EMPTY = new SeriesStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
        return Double.isNaN(last);
    }
}
