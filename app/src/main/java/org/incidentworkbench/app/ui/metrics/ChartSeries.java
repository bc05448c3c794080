package org.incidentworkbench.app.ui.metrics;

import java.util.Arrays;

/**
 * One line on a chart: points sorted by time, with an optional min/max band (the store's bucket
 * extremes). A NaN value is the store's gap marker; a step more than {@link #gapMillis()} between
 * two points (a missing bucket) is a gap too. Both break the line; nothing is interpolated.
 * Arrays are owned by the series and never changed after construction.
 */
public final class ChartSeries {

    private final String label;
    /** Where the points come from and their native step ("sar, 10 min step"), for the legend; "" when unknown. */
    private final String source;
    private final long[] t;
    private final double[] v;
    private final double[] lo;
    private final double[] hi;
    private final long gapMillis;
    /** Running sums and counts of the non-NaN values ({@code sums[i]} covers points before i): any range's mean in O(1). */
    private final double[] sums;
    private final int[] counts;

    public ChartSeries(String label, long[] t, double[] v, double[] lo, double[] hi) {
        this(label, "", t, v, lo, hi);
    }

    public ChartSeries(String label, String source, long[] t, double[] v, double[] lo, double[] hi) {
        if (t.length != v.length || (lo != null && lo.length != t.length) || (hi != null && hi.length != t.length)) {
            throw new IllegalArgumentException("Series " + label + " has arrays of different lengths.");
        }
        this.label = label;
        this.source = source == null ? "" : source;
        this.t = t;
        this.v = v;
        this.lo = lo;
        this.hi = hi;
        this.gapMillis = gapThreshold(t);
        this.sums = new double[t.length + 1];
        this.counts = new int[t.length + 1];
        for (int i = 0; i < t.length; i++) {
            boolean ok = !Double.isNaN(v[i]);
            sums[i + 1] = sums[i] + (ok ? v[i] : 0);
            counts[i + 1] = counts[i] + (ok ? 1 : 0);
        }
    }

    /** The mean of the values of points {@code from} (inclusive) to {@code to} (exclusive), NaN when there are none. */
    public double mean(int from, int to) {
        int a = Math.max(0, Math.min(from, t.length));
        int b = Math.max(a, Math.min(to, t.length));
        int c = counts[b] - counts[a];
        return c == 0 ? Double.NaN : (sums[b] - sums[a]) / c;
    }

    public static ChartSeries of(String label, long[] t, double[] v) {
        return new ChartSeries(label, t, v, null, null);
    }

    /** 2.5 × the median step: a bucket or sample missing makes a gap, jitter does not. */
    static long gapThreshold(long[] t) {
        if (t.length < 3) {
            return Long.MAX_VALUE;
        }
        int n = Math.min(t.length - 1, 1001);
        long[] d = new long[n];
        int stride = Math.max(1, (t.length - 1) / n);
        for (int i = 0; i < n; i++) {
            int j = Math.min(t.length - 1, (i + 1) * stride);
            d[i] = t[j] - t[j - 1];
        }
        Arrays.sort(d);
        long median = Math.max(1, d[n / 2]);
        return Math.round(median * 2.5);
    }

    public String label() {
        return label;
    }

    /** Where the points come from and their step, as the legend shows it ("sampled, 1 s step"); "" when unknown. */
    public String source() {
        return source;
    }

    /** The same points with {@code source} as their legend's source text. */
    public ChartSeries withSource(String source) {
        return new ChartSeries(label, source, t, v, lo, hi);
    }

    public int size() {
        return t.length;
    }

    public long time(int i) {
        return t[i];
    }

    public double value(int i) {
        return v[i];
    }

    public boolean hasBand() {
        return lo != null && hi != null;
    }

    public double low(int i) {
        return lo == null ? v[i] : lo[i];
    }

    public double high(int i) {
        return hi == null ? v[i] : hi[i];
    }

    public long gapMillis() {
        return gapMillis;
    }

    public boolean isEmpty() {
        return t.length == 0;
    }

    public long firstTime() {
        return t.length == 0 ? Long.MAX_VALUE : t[0];
    }

    public long lastTime() {
        return t.length == 0 ? Long.MIN_VALUE : t[t.length - 1];
    }

    /** Index of the first point at or after {@code time} (size() when none). */
    public int indexAtOrAfter(long time) {
        int i = Arrays.binarySearch(t, time);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && t[i - 1] == time) {
            i--;
        }
        return i;
    }

    /**
     * The value shown at {@code time}: the nearest point, when it is closer than half the gap
     * threshold and not a gap marker; NaN otherwise (the crosshair then says "no data").
     */
    public double valueAt(long time) {
        if (t.length == 0) {
            return Double.NaN;
        }
        int i = indexAtOrAfter(time);
        int best = -1;
        long bestD = Long.MAX_VALUE;
        for (int j = Math.max(0, i - 1); j <= Math.min(t.length - 1, i); j++) {
            long d = Math.abs(t[j] - time);
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        long limit = gapMillis == Long.MAX_VALUE ? Long.MAX_VALUE : gapMillis / 2 + 1;
        return best >= 0 && bestD <= limit ? v[best] : Double.NaN;
    }
}
