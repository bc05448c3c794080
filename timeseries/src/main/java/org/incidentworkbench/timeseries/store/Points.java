package org.incidentworkbench.timeseries.store;

import java.util.Arrays;

/**
 * Points of one series in time order with unique timestamps: the unit the tiers pass around.
 * {@link #normalize} defines the store's rules for what arrives out of order: points are sorted by time,
 * and of several points with the same timestamp the last one appended wins.
 *
 * <p>Immutable by convention: the arrays are not copied and must not be changed after construction.
 */
public record Points(long[] ts, double[] values) {

    public static final Points EMPTY = new Points(new long[0], new double[0]);

    public int size() {
        return ts.length;
    }

    /** Sorts the first {@code n} points stably by time and keeps the last of each run of equal timestamps. */
    public static Points normalize(long[] ts, double[] values, int n) {
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (ts[i] <= ts[i - 1]) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return new Points(Arrays.copyOf(ts, n), Arrays.copyOf(values, n));
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b])); // stable: equal times keep append order
        long[] t = new long[n];
        double[] v = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int idx = order[i];
            if (k > 0 && t[k - 1] == ts[idx]) {
                v[k - 1] = values[idx];
            } else {
                t[k] = ts[idx];
                v[k] = values[idx];
                k++;
            }
        }
        return new Points(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
    }

    /** Merges two normalized runs; on equal timestamps {@code newer} wins. */
    public static Points merge(Points older, Points newer) {
        if (older.size() == 0) {
            return newer;
        }
        if (newer.size() == 0) {
            return older;
        }
        int n = older.size() + newer.size();
        long[] t = new long[n];
        double[] v = new double[n];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < older.size() || j < newer.size()) {
            if (j >= newer.size() || (i < older.size() && older.ts[i] < newer.ts[j])) {
                t[k] = older.ts[i];
                v[k++] = older.values[i++];
            } else {
                if (i < older.size() && older.ts[i] == newer.ts[j]) {
                    i++;
                }
                t[k] = newer.ts[j];
                v[k++] = newer.values[j++];
            }
        }
        return new Points(Arrays.copyOf(t, k), Arrays.copyOf(v, k));
    }

    /** The points in {@code [from, to)}. */
    public Points slice(long from, long to) {
        int a = lowerBound(ts, from);
        int b = lowerBound(ts, to);
        if (a == 0 && b == ts.length) {
            return this;
        }
        return new Points(Arrays.copyOfRange(ts, a, b), Arrays.copyOfRange(values, a, b));
    }

    static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
