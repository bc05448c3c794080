package org.incidentworkbench.timeseries.store;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.incidentworkbench.timeseries.codec.CorruptChunkException;
import org.incidentworkbench.timeseries.codec.TimestampCodec;
import org.incidentworkbench.timeseries.codec.ValueCodec;

/**
 * Rollup buckets of one series at one resolution: per bucket its start, min, max, sum, count and last
 * value. A bucket that saw only gap markers has count 0 and NaN aggregates, so coarse tiers keep gaps.
 * Encoded as six sections (timestamps by {@link TimestampCodec}, the rest by {@link ValueCodec}), each
 * preceded by its length. Arrays are shared, not copied.
 */
public record RollupBlock(long[] start, double[] min, double[] max, double[] sum, double[] last, long[] count) {

    public static final RollupBlock EMPTY = new RollupBlock(new long[0], new double[0], new double[0], new double[0],
            new double[0], new long[0]);

    public int size() {
        return start.length;
    }

    /** Buckets of {@code resolution} millis (aligned to multiples of it) over normalized points. */
    public static RollupBlock of(Points p, long resolution, int decimals) {
        int n = p.size();
        long[] st = new long[n];
        double[] mn = new double[n];
        double[] mx = new double[n];
        double[] sm = new double[n];
        double[] ls = new double[n];
        long[] ct = new long[n];
        int k = -1;
        long cur = Long.MIN_VALUE;
        long curEnd = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = p.ts()[i];
            if (k < 0 || t >= curEnd) {
                long b = Math.floorDiv(t, resolution) * resolution;
                k++;
                cur = b;
                curEnd = b + resolution;
                st[k] = b;
                mn[k] = Double.NaN;
                mx[k] = Double.NaN;
                sm[k] = Double.NaN;
                ls[k] = Double.NaN;
            }
            double v = p.values()[i];
            if (!Double.isNaN(v)) {
                if (ct[k] == 0) {
                    mn[k] = v;
                    mx[k] = v;
                    sm[k] = v;
                } else {
                    mn[k] = Math.min(mn[k], v);
                    mx[k] = Math.max(mx[k], v);
                    sm[k] += v;
                }
                ls[k] = v;
                ct[k]++;
            }
        }
        return rounded(st, mn, mx, sm, ls, ct, k + 1, decimals);
    }

    /** Combines finer buckets into coarser ones of {@code resolution} millis. */
    public RollupBlock coarsen(long resolution, int decimals) {
        int n = size();
        long[] st = new long[n];
        double[] mn = new double[n];
        double[] mx = new double[n];
        double[] sm = new double[n];
        double[] ls = new double[n];
        long[] ct = new long[n];
        int k = -1;
        for (int i = 0; i < n; i++) {
            long b = Math.floorDiv(start[i], resolution) * resolution;
            if (k < 0 || st[k] != b) {
                k++;
                st[k] = b;
                mn[k] = Double.NaN;
                mx[k] = Double.NaN;
                sm[k] = Double.NaN;
                ls[k] = Double.NaN;
            }
            if (count[i] > 0) {
                if (ct[k] == 0) {
                    mn[k] = min[i];
                    mx[k] = max[i];
                    sm[k] = sum[i];
                } else {
                    mn[k] = Math.min(mn[k], min[i]);
                    mx[k] = Math.max(mx[k], max[i]);
                    sm[k] += sum[i];
                }
                ls[k] = last[i];
                ct[k] += count[i];
            }
        }
        return rounded(st, mn, mx, sm, ls, ct, k + 1, decimals);
    }

    /**
     * The first {@code size} buckets as a block, sums rounded to the metric's decimals: adding rounded
     * values in binary drifts off the decimal grid, and the codec stores on-grid values far smaller.
     */
    private static RollupBlock rounded(long[] st, double[] mn, double[] mx, double[] sm, double[] ls, long[] ct,
                                       int size, int decimals) {
        if (decimals >= 0) {
            for (int i = 0; i < size; i++) {
                sm[i] = org.incidentworkbench.timeseries.MetricResolution.round(sm[i], decimals);
            }
        }
        return new RollupBlock(Arrays.copyOf(st, size), Arrays.copyOf(mn, size), Arrays.copyOf(mx, size),
                Arrays.copyOf(sm, size), Arrays.copyOf(ls, size), Arrays.copyOf(ct, size));
    }

    /** This block with every bucket in {@code [from, to)} replaced by {@code replacement}'s buckets. */
    public RollupBlock replaceRange(long from, long to, RollupBlock replacement) {
        int n = size() + replacement.size();
        long[] st = new long[n];
        double[] mn = new double[n];
        double[] mx = new double[n];
        double[] sm = new double[n];
        double[] ls = new double[n];
        long[] ct = new long[n];
        int k = 0;
        int j = 0;
        for (int pass = 0; pass < 2; pass++) {
            // pass 0: old buckets before the range and the replacement; pass 1: old buckets after it
            for (int i = 0; i < size(); i++) {
                boolean before = start[i] < from;
                boolean after = start[i] >= to;
                if ((pass == 0 && before) || (pass == 1 && after)) {
                    st[k] = start[i];
                    mn[k] = min[i];
                    mx[k] = max[i];
                    sm[k] = sum[i];
                    ls[k] = last[i];
                    ct[k++] = count[i];
                }
            }
            if (pass == 0) {
                for (; j < replacement.size(); j++) {
                    st[k] = replacement.start[j];
                    mn[k] = replacement.min[j];
                    mx[k] = replacement.max[j];
                    sm[k] = replacement.sum[j];
                    ls[k] = replacement.last[j];
                    ct[k++] = replacement.count[j];
                }
            }
        }
        return new RollupBlock(Arrays.copyOf(st, k), Arrays.copyOf(mn, k), Arrays.copyOf(mx, k), Arrays.copyOf(sm, k),
                Arrays.copyOf(ls, k), Arrays.copyOf(ct, k));
    }

    public byte[] encode() {
        return encode(0);
    }

    /** Encodes; {@code decimals} is the series' resolution, a hint that saves the codec a scan. */
    public byte[] encode(int decimals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = size();
        double[] counts = new double[n];
        for (int i = 0; i < n; i++) {
            counts[i] = count[i];
        }
        section(out, TimestampCodec.encode(start, n));
        section(out, ValueCodec.encode(min, n, decimals));
        section(out, ValueCodec.encode(max, n, decimals));
        section(out, ValueCodec.encode(sum, n, decimals));
        section(out, ValueCodec.encode(last, n, decimals));
        section(out, ValueCodec.encode(counts, n));
        return out.toByteArray();
    }

    public static RollupBlock decode(byte[] data) {
        return decode(data, true);
    }

    /** Decodes a block; without {@code withLast} the last values are skipped (NaN), as queries do not need them. */
    public static RollupBlock decode(byte[] data, boolean withLast) {
        int[] pos = {0};
        int at = next(data, pos);
        long[] st = TimestampCodec.decode(data, at, pos[0] - at);
        at = next(data, pos);
        double[] mn = ValueCodec.decode(data, at, pos[0] - at);
        at = next(data, pos);
        double[] mx = ValueCodec.decode(data, at, pos[0] - at);
        at = next(data, pos);
        double[] sm = ValueCodec.decode(data, at, pos[0] - at);
        at = next(data, pos);
        double[] ls = withLast ? ValueCodec.decode(data, at, pos[0] - at) : new double[st.length];
        at = next(data, pos);
        double[] cd = ValueCodec.decode(data, at, pos[0] - at);
        int n = st.length;
        if (mn.length != n || mx.length != n || sm.length != n || ls.length != n || cd.length != n) {
            throw new CorruptRollupException("its sections disagree on the number of buckets");
        }
        long[] ct = new long[n];
        for (int i = 0; i < n; i++) {
            ct[i] = (long) cd[i];
        }
        return new RollupBlock(st, mn, mx, sm, ls, ct);
    }

    private static void section(ByteArrayOutputStream out, byte[] block) {
        int len = block.length;
        out.write(len >>> 24);
        out.write(len >>> 16);
        out.write(len >>> 8);
        out.write(len);
        out.writeBytes(block);
    }

    /** Skips a section's length; returns where its bytes start and leaves {@code pos[0]} at its end. */
    private static int next(byte[] data, int[] pos) {
        int p = pos[0];
        if (p + 4 > data.length) {
            throw new CorruptRollupException("a rollup block ends before its section at byte " + p);
        }
        int len = ((data[p] & 0xFF) << 24) | ((data[p + 1] & 0xFF) << 16) | ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
        if (len < 0 || p + 4 + len > data.length) {
            throw new CorruptRollupException("a rollup block's section at byte " + p + " claims " + len
                    + " bytes, beyond the block's " + data.length);
        }
        pos[0] = p + 4 + len;
        return p + 4;
    }

    /** A rollup block whose framing is damaged (its sections' own damage is a {@link CorruptChunkException}). */
    public static final class CorruptRollupException extends RuntimeException {
        CorruptRollupException(String message) {
            super("Corrupt rollup block: " + message + ".");
        }
    }
}
