package org.incidentworkbench.timeseries;

import java.util.Arrays;
import java.util.Objects;

/**
 * The full-resolution points of one series in a range, in time order, as stored: gap markers are
 * {@code NaN} values. Used for export, import and incident slices. Arrays are owned by the record.
 */
public record SeriesPoints(SeriesKey key, long[] timestamps, double[] values) {

    public SeriesPoints {
        Objects.requireNonNull(key, "key");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps (" + timestamps.length + ") and values (" + values.length
                    + ") differ in length.");
        }
    }

    public int size() {
        return timestamps.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesPoints p && key.equals(p.key) && Arrays.equals(timestamps, p.timestamps)
                && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(timestamps), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SeriesPoints[" + key + ", " + size() + " points]";
    }
}
