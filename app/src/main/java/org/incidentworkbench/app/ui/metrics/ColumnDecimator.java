package org.incidentworkbench.app.ui.metrics;

/**
 * Reduces the points of a series in a time range to at most one column per pixel: the first, lowest,
 * highest and last value of the points falling in each column (so a spike of one sample survives
 * any zoom), the band's extremes, and whether the column starts a new run of the line (after a NaN
 * gap marker or a step longer than {@link ChartSeries#gapMillis()}). A chart draws either a
 * polyline through the four values or one filled span per column from these columns; this is the
 * only loop that visits every visible point, so it is kept free of drawing and of allocation.
 *
 * <p>Example: {@code d.decimate(series, from, to, 800.0 / (to - from))} then read columns
 * {@code 0 .. d.size() - 1}. Not thread-safe; the arrays are reused between frames.
 */
public final class ColumnDecimator {

    private static final int NONE = Integer.MIN_VALUE;

    private int n;
    private int[] col = new int[64];
    private double[] first = new double[64];
    private double[] min = new double[64];
    private double[] max = new double[64];
    private double[] last = new double[64];
    private double[] bandLo = new double[64];
    private double[] bandHi = new double[64];
    private boolean[] runStart = new boolean[64];

    /**
     * Fills the columns of {@code s} between {@code fromMillis} and {@code toMillis}, with one point either
     * side so lines run to the edges; column {@code c} holds points with
     * {@code floor((t - fromMillis) * pxPerMilli) == c}. Returns the number of columns.
     */
    public int decimate(ChartSeries s, long fromMillis, long toMillis, double pxPerMilli) {
        n = 0;
        if (s.isEmpty()) {
            return 0;
        }
        int i0 = Math.max(0, s.indexAtOrAfter(fromMillis) - 1);
        int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(toMillis));
        boolean band = s.hasBand();
        long gap = s.gapMillis();
        int c = NONE;
        boolean newRun = true;
        boolean cStarts = true;
        double cFirst = 0;
        double cMin = 0;
        double cMax = 0;
        double cLast = 0;
        double bLo = 0;
        double bHi = 0;
        long prevT = Long.MIN_VALUE;
        for (int i = i0; i <= i1; i++) {
            double v = s.value(i);
            if (v != v) { // NaN: the store's gap marker
                if (c != NONE) {
                    put(c, cStarts, cFirst, cMin, cMax, cLast, band ? bLo : cMin, band ? bHi : cMax);
                    c = NONE;
                }
                newRun = true;
                prevT = Long.MIN_VALUE;
                continue;
            }
            long t = s.time(i);
            int px = (int) Math.floor((t - fromMillis) * pxPerMilli);
            boolean gapBefore = prevT != Long.MIN_VALUE && t - prevT > gap;
            if (c != NONE && (px != c || gapBefore)) {
                put(c, cStarts, cFirst, cMin, cMax, cLast, band ? bLo : cMin, band ? bHi : cMax);
                c = NONE;
            }
            if (gapBefore) {
                newRun = true;
            }
            if (c == NONE) {
                c = px;
                cStarts = newRun;
                newRun = false;
                cFirst = v;
                cMin = v;
                cMax = v;
                if (band) {
                    bLo = s.low(i);
                    bHi = s.high(i);
                }
            } else {
                if (v < cMin) {
                    cMin = v;
                }
                if (v > cMax) {
                    cMax = v;
                }
                if (band) {
                    bLo = Math.min(bLo, s.low(i));
                    bHi = Math.max(bHi, s.high(i));
                }
            }
            cLast = v;
            prevT = t;
        }
        if (c != NONE) {
            put(c, cStarts, cFirst, cMin, cMax, cLast, band ? bLo : cMin, band ? bHi : cMax);
        }
        return n;
    }

    private void put(int c, boolean starts, double f, double lo, double hi, double l, double bLo, double bHi) {
        if (n == col.length) {
            grow();
        }
        col[n] = c;
        runStart[n] = starts;
        first[n] = f;
        min[n] = lo;
        max[n] = hi;
        last[n] = l;
        bandLo[n] = bLo;
        bandHi[n] = bHi;
        n++;
    }

    private void grow() {
        int cap = col.length * 2;
        col = java.util.Arrays.copyOf(col, cap);
        runStart = java.util.Arrays.copyOf(runStart, cap);
        first = java.util.Arrays.copyOf(first, cap);
        min = java.util.Arrays.copyOf(min, cap);
        max = java.util.Arrays.copyOf(max, cap);
        last = java.util.Arrays.copyOf(last, cap);
        bandLo = java.util.Arrays.copyOf(bandLo, cap);
        bandHi = java.util.Arrays.copyOf(bandHi, cap);
    }

    /** Columns filled by the last {@link #decimate}. */
    public int size() {
        return n;
    }

    /** The pixel column (from the range's start; the points just outside the range give -1 or width). */
    public int column(int k) {
        return col[k];
    }

    /** True when the line breaks before this column (first column, or after a gap). */
    public boolean startsRun(int k) {
        return runStart[k];
    }

    public double first(int k) {
        return first[k];
    }

    public double min(int k) {
        return min[k];
    }

    public double max(int k) {
        return max[k];
    }

    public double last(int k) {
        return last[k];
    }

    /** The band's low end in the column (the lowest value when the series has no band). */
    public double bandLow(int k) {
        return bandLo[k];
    }

    public double bandHigh(int k) {
        return bandHi[k];
    }

    /**
     * Last, lowest, highest and mean of the points inside columns {@code 0 .. widthPx} (the visible
     * range; the padding points outside it are left out), or {@link SeriesStats#EMPTY} when none.
     * The mean comes from the series' running sums, so it costs nothing per point.
     */
    public SeriesStats stats(ChartSeries s, long fromMillis, long toMillis, int widthPx) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double l = Double.NaN;
        for (int k = 0; k < n; k++) {
            if (col[k] >= 0 && col[k] <= widthPx) {
                lo = Math.min(lo, min[k]);
                hi = Math.max(hi, max[k]);
                l = last[k];
            }
        }
        if (Double.isNaN(l)) {
            return SeriesStats.EMPTY;
        }
        return new SeriesStats(l, lo, hi, s.mean(s.indexAtOrAfter(fromMillis), s.indexAtOrAfter(toMillis + 1)));
    }
}
