package org.incidentworkbench.timeseries.store;

import java.util.Arrays;

/**
 * Points appended since the last flush, encoded for the write-ahead table: per point the series id and the
 * timestamp's difference to the previous point as variable-length integers, then the value's 8 bytes. About
 * 11 bytes a point, written once a second as one row, so the write-ahead costs one H2 row per second, not
 * one per point (one row per point caps H2 near 0.1 M points/s, see STACK.md). Not thread-safe; the store
 * guards it.
 */
final class WalBuffer {

    interface Sink {
        void point(int seriesId, long ts, double value);
    }

    private byte[] buf = new byte[1 << 16];
    private int len;
    private long prevTs;
    private long maxTs = Long.MIN_VALUE;
    private int points;

    void add(int seriesId, long ts, double value) {
        if (len + 30 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        putVar(seriesId);
        putVar((ts - prevTs) << 1 ^ (ts - prevTs) >> 63);
        prevTs = ts;
        long bits = Double.doubleToRawLongBits(value);
        for (int s = 56; s >= 0; s -= 8) {
            buf[len++] = (byte) (bits >>> s);
        }
        maxTs = Math.max(maxTs, ts);
        points++;
    }

    /** A copy holding only the points at or after {@code boundary} (the rest went into chunks). */
    WalBuffer without(long boundary) {
        if (maxTs < boundary && points > 0) {
            return new WalBuffer();
        }
        WalBuffer kept = new WalBuffer();
        read(toBytes(), (id, ts, v) -> {
            if (ts >= boundary) {
                kept.add(id, ts, v);
            }
        });
        return kept;
    }

    boolean isEmpty() {
        return points == 0;
    }

    int points() {
        return points;
    }

    int bytes() {
        return len;
    }

    long maxTs() {
        return maxTs;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    private void putVar(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    /** Reads a record written by {@link #toBytes()}; throws IllegalArgumentException when it is damaged. */
    static void read(byte[] data, Sink sink) {
        int p = 0;
        long prev = 0;
        while (p < data.length) {
            long id = 0;
            int shift = 0;
            byte b;
            do {
                b = data[p++];
                id |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            long z = 0;
            shift = 0;
            do {
                b = data[p++];
                z |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            long ts = prev + ((z >>> 1) ^ -(z & 1));
            prev = ts;
            if (p + 8 > data.length) {
                throw new IllegalArgumentException("a write-ahead record ends inside a value at byte " + p);
            }
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (data[p++] & 0xFF);
            }
            sink.point((int) id, ts, Double.longBitsToDouble(bits));
        }
    }
}
