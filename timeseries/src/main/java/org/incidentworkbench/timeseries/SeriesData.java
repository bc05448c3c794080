package org.incidentworkbench.timeseries;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer for one series: one entry per non-empty bucket, in time order. {@code timestamps[i]} is the
 * start of bucket {@code i} (at full resolution, where a bucket holds one point, the point's own time);
 * {@code avg}, {@code min} and {@code max} aggregate the bucket's values and {@code count} says how many
 * points went in. A bucket with no points is absent: a gap stays a gap and is never interpolated. A
 * bucket holding only gap markers ({@code NaN} appended) is present with count 0 and NaN aggregates, so
 * a chart breaks its line there.
 *
 * <p>{@code tier} names what served the data: {@code raw} (hot memory and compressed chunks, full
 * resolution), {@code 1m} or {@code 1h} (rollups), or several joined by {@code +} when the range
 * crossed tiers, for example {@code 1m+raw}.
 *
 * <p>The arrays are owned by this record once built; do not modify them.
 */
public record SeriesData(SeriesKey key, String tier, long[] timestamps, double[] avg, double[] min, double[] max,
                         long[] count) {

    public SeriesData {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tier, "tier");
        int n = timestamps.length;
        if (avg.length != n || min.length != n || max.length != n || count.length != n) {
            throw new IllegalArgumentException("All arrays of a SeriesData have the same length; timestamps has " + n
                    + ", avg " + avg.length + ", min " + min.length + ", max " + max.length + ", count " + count.length + ".");
        }
    }

    /** Number of buckets. */
    public int size() {
        return timestamps.length;
    }

    public boolean isEmpty() {
        return timestamps.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesData d && key.equals(d.key) && tier.equals(d.tier)
                && Arrays.equals(timestamps, d.timestamps) && Arrays.equals(avg, d.avg)
                && Arrays.equals(min, d.min) && Arrays.equals(max, d.max) && Arrays.equals(count, d.count);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, tier, Arrays.hashCode(timestamps), Arrays.hashCode(avg));
    }

    @Override
    public String toString() {
        return "SeriesData[" + key + ", tier=" + tier + ", " + size() + " buckets]";
    }
}
