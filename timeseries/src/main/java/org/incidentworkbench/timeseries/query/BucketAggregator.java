package org.incidentworkbench.timeseries.query;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;

/**
 * Folds points and rollup buckets of one series into the query's grid of buckets. NaN values are gap
 * markers: they make a bucket present (count 0, NaN aggregates) only when nothing else falls in it, so a
 * chart breaks its line there, and never enter avg, min or max. Not thread-safe: one per series per query.
 */
public final class BucketAggregator {

    private final long from;
    private final long to;
    private final long step;
    private final long origin;
    private final int n;
    private final double[] sum;
    private final double[] min;
    private final double[] max;
    private final long[] count;
    private final boolean[] touched;
    private final Set<Tier> tiers = EnumSet.noneOf(Tier.class);
    /** The bucket the previous value fell in: values arrive in time order, so most need no division. */
    private int lastBucket = -1;
    private long lastStart = Long.MAX_VALUE;
    private long lastEnd = Long.MIN_VALUE;

    public BucketAggregator(long fromMillis, long toMillis, long stepMillis) {
        this.from = fromMillis;
        this.to = toMillis;
        this.step = stepMillis;
        this.origin = Math.floorDiv(fromMillis, stepMillis) * stepMillis;
        long buckets = Math.floorDiv(toMillis - 1 - origin, stepMillis) + 1;
        if (buckets > 50_000_000) {
            throw new IllegalArgumentException("A query asked for " + buckets + " buckets; ask for fewer points.");
        }
        this.n = (int) buckets;
        this.sum = new double[n];
        this.min = new double[n];
        this.max = new double[n];
        this.count = new long[n];
        this.touched = new boolean[n];
    }

    /** Adds one raw point (ignored outside the range). */
    public void point(long ts, double value, Tier tier) {
        if (ts < from || ts >= to) {
            return;
        }
        int b = index(ts);
        touched[b] = true;
        tiers.add(tier);
        if (Double.isNaN(value)) {
            return;
        }
        if (count[b] == 0) {
            min[b] = value;
            max[b] = value;
            sum[b] = value;
        } else {
            if (value < min[b]) {
                min[b] = value;
            }
            if (value > max[b]) {
                max[b] = value;
            }
            sum[b] += value;
        }
        count[b]++;
    }

    /** Adds one rollup bucket starting at {@code ts} (ignored outside the range; one the range starts inside counts). */
    public void bucket(long ts, double bMin, double bMax, double bSum, long bCount, Tier tier) {
        if (ts < origin || ts >= to) {
            return;
        }
        int b = index(ts);
        touched[b] = true;
        tiers.add(tier);
        if (bCount <= 0) {
            return;
        }
        if (count[b] == 0) {
            min[b] = bMin;
            max[b] = bMax;
            sum[b] = bSum;
        } else {
            min[b] = Math.min(min[b], bMin);
            max[b] = Math.max(max[b], bMax);
            sum[b] += bSum;
        }
        count[b] += bCount;
    }

    private int index(long ts) {
        if (ts >= lastStart && ts < lastEnd) {
            return lastBucket;
        }
        lastBucket = (int) ((ts - origin) / step);
        lastStart = origin + lastBucket * step;
        lastEnd = lastStart + step;
        return lastBucket;
    }

    public SeriesData result(SeriesKey key) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (touched[i]) {
                k++;
            }
        }
        long[] ts = new long[k];
        double[] avg = new double[k];
        double[] mn = new double[k];
        double[] mx = new double[k];
        long[] ct = new long[k];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!touched[i]) {
                continue;
            }
            ts[j] = origin + i * step;
            ct[j] = count[i];
            if (count[i] == 0) {
                avg[j] = Double.NaN;
                mn[j] = Double.NaN;
                mx[j] = Double.NaN;
            } else {
                avg[j] = sum[i] / count[i];
                mn[j] = min[i];
                mx[j] = max[i];
            }
            j++;
        }
        String tier = tiers.isEmpty() ? "none" : tiers.stream().sorted((a, b) -> b.compareTo(a)).map(Tier::label)
                .collect(Collectors.joining("+"));
        return new SeriesData(key, tier, ts, avg, mn, mx, ct);
    }

    @Override
    public String toString() {
        return "BucketAggregator[" + n + " buckets of " + step + " ms from " + origin + ", " + Arrays.stream(count).sum()
                + " values]";
    }
}
