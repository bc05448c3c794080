package org.incidentworkbench.timeseries.codec;

/**
 * Encodes a run of epoch-millisecond timestamps as delta-of-delta, after Gorilla (Pelkonen et al., VLDB
 * 2015, section 4.1.1), with bucket widths chosen per block by {@link BucketCode} instead of Gorilla's fixed
 * ones: a sampler's clock jitters by a few milliseconds around its interval, so most deltas-of-deltas are
 * small but seldom zero, and the best widths depend on the host.
 *
 * <p>The store keeps one timestamp block per host and window and lets every series of the host whose
 * timestamps are identical share it (a sampler stamps a whole frame at once), so timestamps cost a fraction
 * of a bit per point.
 *
 * <pre>
 *   0x54 ('T', format 1) | count (var) | first (zigzag var) | first delta (zigzag var)
 *   | BucketCode of zigzag(delta - previous delta) for the rest | zero padding to a byte | check (16 bits)
 * </pre>
 *
 * Any sequence round-trips exactly, including out-of-order, duplicate and extreme values (deltas wrap
 * around 64 bits, and so does decoding). Thread-safe: stateless.
 */
public final class TimestampCodec {

    static final int FORMAT = 0x54;

    private TimestampCodec() {
    }

    public static byte[] encode(long[] ts, int n) {
        BitWriter w = new BitWriter(16 + n / 4);
        w.bits(FORMAT, 8);
        w.varLong(n);
        if (n > 0) {
            w.varLong(BucketCode.zigzag(ts[0]));
        }
        if (n > 1) {
            w.varLong(BucketCode.zigzag(ts[1] - ts[0]));
        }
        if (n > 2) {
            long[] dod = new long[n];
            long prevDelta = ts[1] - ts[0];
            for (int i = 2; i < n; i++) {
                long delta = ts[i] - ts[i - 1];
                dod[i] = BucketCode.zigzag(delta - prevDelta);
                prevDelta = delta;
            }
            BucketCode.encode(w, dod, 2, n);
        }
        return Check.seal(w.toBytes());
    }

    public static long[] decode(byte[] block) {
        return decode(block, 0, block == null ? 0 : block.length);
    }

    /** Decodes the block stored in {@code data[off, off + length)}. */
    public static long[] decode(byte[] data, int off, int length) {
        int len = Check.verify(data, off, length);
        BitReader r = new BitReader(data, off, len);
        int format = (int) r.bits(8);
        if (format != FORMAT) {
            throw CorruptChunkException.at(0, "format byte 0x" + Integer.toHexString(format)
                    + " is not a timestamp block (0x54)");
        }
        int n = count(r);
        long[] ts = new long[n];
        if (n > 0) {
            ts[0] = BucketCode.unzigzag(r.varLong());
        }
        if (n > 1) {
            ts[1] = ts[0] + BucketCode.unzigzag(r.varLong());
        }
        if (n > 2) {
            BucketCode.decode(r, ts, 2, n);
            long prevDelta = ts[1] - ts[0];
            for (int i = 2; i < n; i++) {
                long delta = prevDelta + BucketCode.unzigzag(ts[i]);
                ts[i] = ts[i - 1] + delta;
                prevDelta = delta;
            }
        }
        ValueCodec.requireEnd(r);
        return ts;
    }

    /** The most points one block may hold; the store cuts chunks far below it (one window of one series). */
    public static final int MAX_POINTS = 1 << 24;

    /** Reads a count and checks it is below {@link #MAX_POINTS}, so a damaged count cannot exhaust memory. */
    static int count(BitReader r) {
        long at = r.position();
        long n = r.varLong();
        if (n < 0 || n > MAX_POINTS) {
            throw CorruptChunkException.at(at, "the point count " + n + " is above the limit of " + MAX_POINTS);
        }
        return (int) n;
    }
}
