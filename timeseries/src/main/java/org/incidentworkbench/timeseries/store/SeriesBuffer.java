package org.incidentworkbench.timeseries.store;

import java.util.Arrays;
import org.incidentworkbench.timeseries.SeriesKey;

/**
 * The hot tier's points of one series: appended in memory as they come, in any order, until compaction
 * drains the closed windows. Thread-safe: every method synchronizes on the buffer.
 */
final class SeriesBuffer {

    final int id;
    final SeriesKey key;
    /** Decimal places kept for this series' metric, or -1 when it is not catalogued. */
    final int decimals;
    /**
     * True once the series showed a step of a minute or more (sar's 10 minutes, imported 5-minute data): it gets
     * no 1-minute rollups, which would hold one bucket per point, and its chunks are kept as long as those
     * rollups would have been. Remembered in table {@code coarse_series}.
     */
    volatile boolean coarse;

    private long[] ts = new long[16];
    private double[] values = new double[16];
    private int n;
    private long minTs = Long.MAX_VALUE;

    SeriesBuffer(int id, SeriesKey key, int decimals) {
        this.id = id;
        this.key = key;
        this.decimals = decimals;
    }

    synchronized void add(long t, double v) {
        if (n == ts.length) {
            ts = Arrays.copyOf(ts, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        ts[n] = t;
        values[n++] = v;
        if (t < minTs) {
            minTs = t;
        }
    }

    synchronized int size() {
        return n;
    }

    /** The points in {@code [from, to)}, normalized. */
    synchronized Points copy(long from, long to) {
        if (n == 0) {
            return Points.EMPTY;
        }
        return Points.normalize(ts, values, n).slice(from, to);
    }

    /** The oldest point held, or Long.MAX_VALUE when empty. */
    synchronized long minTimestamp() {
        return minTs;
    }

    /** Removes and returns (normalized) every point before {@code boundary}. */
    synchronized Points drainBefore(long boundary) {
        int keep = 0;
        int drain = 0;
        for (int i = 0; i < n; i++) {
            if (ts[i] < boundary) {
                drain++;
            }
        }
        if (drain == 0) {
            return Points.EMPTY;
        }
        long[] dt = new long[drain];
        double[] dv = new double[drain];
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (ts[i] < boundary) {
                dt[d] = ts[i];
                dv[d++] = values[i];
            } else {
                ts[keep] = ts[i];
                values[keep++] = values[i];
            }
        }
        n = keep;
        minTs = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minTs = Math.min(minTs, ts[i]);
        }
        if (ts.length > 1024 && n < ts.length / 4) {
            ts = Arrays.copyOf(ts, Math.max(16, n * 2));
            values = Arrays.copyOf(values, Math.max(16, n * 2));
        }
        return Points.normalize(dt, dv, drain);
    }
}
