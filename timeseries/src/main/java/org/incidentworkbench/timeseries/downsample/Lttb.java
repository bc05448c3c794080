package org.incidentworkbench.timeseries.downsample;

import java.util.Arrays;
import org.incidentworkbench.timeseries.SeriesData;

/**
 * Largest-Triangle-Three-Buckets (Sveinn Steinarsson, "Downsampling Time Series for Visual Representation",
 * University of Iceland, 2013, chapter 4.2): keeps the first and last point and, from each of
 * {@code threshold - 2} equal buckets in between, the point that forms the largest triangle with the point
 * kept in the previous bucket and the average of the next bucket. The shape survives (peaks stay peaks),
 * which averaging would flatten.
 *
 * <p>NaN values are gap markers: they are always kept and never chosen as a triangle's corner, so a
 * thinned line still breaks where the data did. Thread-safe: stateless.
 */
public final class Lttb {

    private Lttb() {
    }

    /** Indices (ascending) of at most {@code threshold} points of {@code (x, y)} to keep (plus any NaN markers). */
    public static int[] select(long[] x, double[] y, int threshold) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x has " + n + " points but y has " + y.length + ".");
        }
        if (threshold >= n || threshold < 3) {
            if (threshold >= n || n == 0) {
                return identity(n);
            }
            return threshold <= 1 ? new int[] {0} : new int[] {0, n - 1};
        }
        int[] finite = new int[n];
        int m = 0;
        int[] gaps = new int[n];
        int g = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(y[i])) {
                gaps[g++] = i;
            } else {
                finite[m++] = i;
            }
        }
        int[] kept = selectFinite(x, y, finite, m, Math.max(3, threshold - g));
        int[] all = Arrays.copyOf(kept, kept.length + g);
        System.arraycopy(gaps, 0, all, kept.length, g);
        Arrays.sort(all);
        return all;
    }

    private static int[] selectFinite(long[] x, double[] y, int[] idx, int m, int threshold) {
        if (threshold >= m) {
            return Arrays.copyOf(idx, m);
        }
        int[] out = new int[threshold];
        int k = 0;
        out[k++] = idx[0];
        double every = (double) (m - 2) / (threshold - 2);
        int a = 0;
        for (int i = 0; i < threshold - 2; i++) {
            int avgStart = (int) Math.floor((i + 1) * every) + 1;
            int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, m);
            double avgX = 0;
            double avgY = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                avgX += x[idx[j]];
                avgY += y[idx[j]];
            }
            int len = Math.max(1, avgEnd - avgStart);
            avgX /= len;
            avgY /= len;
            int rangeStart = (int) Math.floor(i * every) + 1;
            int rangeEnd = (int) Math.floor((i + 1) * every) + 1;
            double ax = x[idx[a]];
            double ay = y[idx[a]];
            double maxArea = -1;
            int next = rangeStart;
            for (int j = rangeStart; j < rangeEnd; j++) {
                double area = Math.abs((ax - avgX) * (y[idx[j]] - ay) - (ax - x[idx[j]]) * (avgY - ay));
                if (area > maxArea) {
                    maxArea = area;
                    next = j;
                }
            }
            out[k++] = idx[next];
            a = next;
        }
        out[k] = idx[m - 1];
        return out;
    }

    /** Thins a query's buckets to {@code maxPoints} by LTTB over their averages, keeping each kept bucket whole. */
    public static SeriesData thin(SeriesData d, int maxPoints) {
        if (d.size() <= maxPoints) {
            return d;
        }
        int[] keep = select(d.timestamps(), d.avg(), maxPoints);
        long[] ts = new long[keep.length];
        double[] avg = new double[keep.length];
        double[] min = new double[keep.length];
        double[] max = new double[keep.length];
        long[] count = new long[keep.length];
        for (int i = 0; i < keep.length; i++) {
            int j = keep[i];
            ts[i] = d.timestamps()[j];
            avg[i] = d.avg()[j];
            min[i] = d.min()[j];
            max[i] = d.max()[j];
            count[i] = d.count()[j];
        }
        return new SeriesData(d.key(), d.tier(), ts, avg, min, max, count);
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
