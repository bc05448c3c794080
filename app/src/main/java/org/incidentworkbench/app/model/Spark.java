package org.incidentworkbench.app.model;

import java.util.Arrays;

/**
 * A few minutes of one sampled metric of one host, for a sparkline: bucket averages in time order (NaN for a
 * gap). Pure data.
 *
 * @param timestamps   bucket times, epoch milliseconds
 * @param values       bucket averages in the metric's unit
 * @param unit         "%", "bytes" or "" (load)
 */
public record Spark(long[] timestamps, double[] values, String unit) {

    public Spark {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("A sparkline needs one value per timestamp: " + timestamps.length
                    + " timestamps, " + values.length + " values.");
        }
    }

    /** The last finite value, NaN when there is none. */
    public double last() {
        for (int i = values.length - 1; i >= 0; i--) {
            if (Double.isFinite(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    public double max() {
        return Arrays.stream(values).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    public double min() {
        return Arrays.stream(values).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    public boolean isEmpty() {
        return Double.isNaN(last());
    }

    /** The time of the last point, epoch milliseconds (0 when empty). */
    public long lastMillis() {
        return timestamps.length == 0 ? 0 : timestamps[timestamps.length - 1];
    }
}
