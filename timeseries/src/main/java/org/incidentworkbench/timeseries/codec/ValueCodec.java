package org.incidentworkbench.timeseries.codec;

/**
 * Encodes a run of doubles, choosing per block between two ways:
 *
 * <ul>
 *   <li><b>decimal</b>, after VictoriaMetrics: when every finite value is exactly {@code m / 10^e} for a
 *   small {@code e} (a sampler's percentages have two decimals, byte counts none), the block stores the
 *   integers {@code m}, divided by their greatest common step (whole kB in /proc/meminfo: 1024), either as
 *   offsets from the minimum or as deltas, whichever is smaller, through {@link BucketCode}. Values that are
 *   not finite or are {@code -0.0} (gap markers above all) are listed apart as exceptions with their index
 *   and raw bits.</li>
 *   <li><b>xor</b>, Gorilla's float compression (Pelkonen et al. 2015, section 4.1.2): each value XOR the
 *   previous one, written as leading-zero count and meaningful bits, reusing the previous window when it
 *   fits. This is the fallback for values that are not short decimals.</li>
 * </ul>
 *
 * <pre>
 *   0x56 ('V', format 1) | count (var) | mode (2 bits: 0 decimal, 1 xor)
 *   decimal: e (4 bits) | exceptions (var) | per exception: index gap (var), raw bits (64)
 *            | when regular values exist: kind (1 bit: 0 offsets, 1 deltas) | base (zigzag var) | step (var)
 *            | BucketCode of the offsets, or of zigzag(delta) for values 2..n
 *   xor:     first value (64) | per value: 0 (same) | 10 + meaningful bits in the previous window
 *            | 11 + leading zeros (5) + meaningful length - 1 (6) + meaningful bits
 *   zero padding to a byte | check (16 bits)
 * </pre>
 *
 * Every double round-trips bit for bit: the decimal path is verified value by value when encoding and
 * falls back to xor otherwise. Thread-safe: stateless.
 */
public final class ValueCodec {

    static final int FORMAT = 0x56;
    private static final int MAX_EXPONENT = 9;
    private static final long MAX_EXACT = 1L << 53;
    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private ValueCodec() {
    }

    public static byte[] encode(double[] values, int n) {
        return encode(values, n, 0);
    }

    /**
     * Encodes with a hint: {@code decimalsHint} is the number of decimals the values are expected to have (the
     * metric's resolution), tried first so that most blocks are scanned once.
     */
    public static byte[] encode(double[] values, int n, int decimalsHint) {
        if (n > TimestampCodec.MAX_POINTS) {
            throw new IllegalArgumentException("A block holds at most " + TimestampCodec.MAX_POINTS + " values; got " + n + ".");
        }
        byte[] decimal = encodeDecimal(values, n, Math.max(0, Math.min(MAX_EXPONENT, decimalsHint)));
        return decimal != null ? decimal : encodeXor(values, n);
    }

    /** Always the XOR path, as Gorilla would store the values: for comparisons (tests, benchmarks). */
    public static byte[] encodeGorilla(double[] values, int n) {
        return encodeXor(values, n);
    }

    public static double[] decode(byte[] block) {
        return decode(block, 0, block == null ? 0 : block.length);
    }

    /** Decodes the block stored in {@code data[off, off + length)}. */
    public static double[] decode(byte[] data, int off, int length) {
        int len = Check.verify(data, off, length);
        BitReader r = new BitReader(data, off, len);
        int format = (int) r.bits(8);
        if (format != FORMAT) {
            throw CorruptChunkException.at(0, "format byte 0x" + Integer.toHexString(format)
                    + " is not a value block (0x56)");
        }
        int n = TimestampCodec.count(r);
        long modeAt = r.position();
        int mode = (int) r.bits(2);
        double[] out = new double[n];
        if (mode == 0) {
            decodeDecimal(r, out, n);
        } else if (mode == 1) {
            decodeXor(r, out, n);
        } else {
            throw CorruptChunkException.at(modeAt, "value mode " + mode + " does not exist");
        }
        requireEnd(r);
        return out;
    }

    /** Whether {@code encode} would use the decimal path: for tests and the store's statistics. */
    public static boolean isDecimal(byte[] block) {
        BitReader r = new BitReader(block, Check.verify(block));
        r.bits(8);
        r.varLong();
        return r.bits(2) == 0;
    }

    static void requireEnd(BitReader r) {
        if (r.remaining() >= 8) {
            throw CorruptChunkException.at(r.position(), (r.remaining() / 8) + " bytes follow the last value");
        }
    }

    private static boolean isException(double v) {
        return !Double.isFinite(v) || Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
    }

    private static byte[] encodeDecimal(double[] values, int n, int hint) {
        // the integers m with m / 10^e == v for every regular value: at the hinted e when that fits, else at the
        // smallest e that does. Any e that fits decodes exactly, and the common step (gcd) divides out the
        // factor of ten a larger e adds, so the hint changes the time taken, hardly the size.
        long[] ints = new long[n];
        int regular = 0;
        for (int i = 0; i < n; i++) {
            if (!isException(values[i])) {
                regular++;
            }
        }
        int exponent = hint;
        if (!fits(values, n, hint, ints)) {
            exponent = 0;
            while (!fits(values, n, exponent, ints)) {
                if (++exponent > MAX_EXPONENT) {
                    return null;
                }
            }
        }
        if (regular == 0) {
            ints = new long[0];
        }
        BitWriter w = new BitWriter(16 + n / 2);
        w.bits(FORMAT, 8);
        w.varLong(n);
        w.bits(0, 2);
        w.bits(exponent, 4);
        w.varLong(n - regular);
        int last = 0;
        for (int i = 0; i < n; i++) {
            if (isException(values[i])) {
                w.varLong(i - last);
                w.bits(Double.doubleToRawLongBits(values[i]), 64);
                last = i;
            }
        }
        if (regular > 0) {
            writeIntegers(w, ints, regular);
        }
        return Check.seal(w.toBytes());
    }

    /**
     * Whether every regular value is exactly m / 10^e for an integer m below 2^53; fills {@code ints} (in order,
     * exceptions skipped) when given. Stops at the first value that does not fit.
     */
    private static boolean fits(double[] values, int n, int e, long[] ints) {
        double scale = POW10[e];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            if (isException(v)) {
                continue;
            }
            double scaled = v * scale;
            if (!(Math.abs(scaled) < MAX_EXACT)) {
                return false;
            }
            long m = (long) Math.rint(scaled);
            if ((e == 0 ? (double) m : m / scale) != v) {
                return false;
            }
            if (ints != null) {
                ints[k++] = m;
            }
        }
        return true;
    }

    private static void writeIntegers(BitWriter w, long[] ints, int n) {
        long min = ints[0];
        long step = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, ints[i]);
            if (i > 0) {
                step = gcd(step, Math.abs(ints[i] - ints[i - 1]));
            }
        }
        if (step == 0) {
            step = 1;
        }
        long[] offsets = new long[n];
        long[] deltas = new long[n];
        long offsetBits = 0;
        long deltaBits = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = (ints[i] - min) / step;
            offsetBits += BucketCode.bitLength(offsets[i]) + 1;
            if (i > 0) {
                deltas[i] = BucketCode.zigzag((ints[i] - ints[i - 1]) / step);
                deltaBits += BucketCode.bitLength(deltas[i]) + 1;
            }
        }
        boolean useDeltas = deltaBits < offsetBits;
        w.bit(useDeltas);
        w.varLong(BucketCode.zigzag(useDeltas ? ints[0] : min));
        w.varLong(step);
        if (useDeltas) {
            BucketCode.encode(w, deltas, 1, n);
        } else {
            BucketCode.encode(w, offsets, 0, n);
        }
    }

    private static void decodeDecimal(BitReader r, double[] out, int n) {
        long at = r.position();
        int exponent = (int) r.bits(4);
        if (exponent > MAX_EXPONENT) {
            throw CorruptChunkException.at(at, "decimal exponent " + exponent + " is above " + MAX_EXPONENT);
        }
        at = r.position();
        long exceptions = r.varLong();
        if (exceptions < 0 || exceptions > n) {
            throw CorruptChunkException.at(at, exceptions + " exceptions in a block of " + n + " values");
        }
        boolean[] isExc = new boolean[n];
        int idx = 0;
        for (int k = 0; k < exceptions; k++) {
            at = r.position();
            long gap = r.varLong();
            if (gap < 0 || idx + gap >= n || (k > 0 && gap == 0)) {
                throw CorruptChunkException.at(at, "exception index out of order or beyond the block");
            }
            idx += (int) gap;
            isExc[idx] = true;
            out[idx] = Double.longBitsToDouble(r.bits(64));
        }
        int regular = n - (int) exceptions;
        if (regular == 0) {
            return;
        }
        boolean deltas = r.bit();
        long base = BucketCode.unzigzag(r.varLong());
        long step = r.varLong();
        long[] ints = new long[regular];
        if (deltas) {
            BucketCode.decode(r, ints, 1, regular);
            ints[0] = base;
            for (int i = 1; i < regular; i++) {
                ints[i] = ints[i - 1] + BucketCode.unzigzag(ints[i]) * step;
            }
        } else {
            BucketCode.decode(r, ints, 0, regular);
            for (int i = 0; i < regular; i++) {
                ints[i] = base + ints[i] * step;
            }
        }
        double scale = POW10[exponent];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!isExc[i]) {
                out[i] = exponent == 0 ? (double) ints[k++] : ints[k++] / scale;
            }
        }
    }

    private static byte[] encodeXor(double[] values, int n) {
        BitWriter w = new BitWriter(16 + n * 4);
        w.bits(FORMAT, 8);
        w.varLong(n);
        w.bits(1, 2);
        if (n > 0) {
            long prev = Double.doubleToRawLongBits(values[0]);
            w.bits(prev, 64);
            int prevLeading = -1;
            int prevTrailing = 0;
            for (int i = 1; i < n; i++) {
                long cur = Double.doubleToRawLongBits(values[i]);
                long x = cur ^ prev;
                prev = cur;
                if (x == 0) {
                    w.bits(0, 1);
                    continue;
                }
                int leading = Math.min(31, Long.numberOfLeadingZeros(x));
                int trailing = Long.numberOfTrailingZeros(x);
                if (prevLeading >= 0 && leading >= prevLeading && trailing >= prevTrailing) {
                    w.bits(0b10, 2);
                    w.bits(x >>> prevTrailing, 64 - prevLeading - prevTrailing);
                } else {
                    int meaningful = 64 - leading - trailing;
                    w.bits(0b11, 2);
                    w.bits(leading, 5);
                    w.bits(meaningful - 1, 6);
                    w.bits(x >>> trailing, meaningful);
                    prevLeading = leading;
                    prevTrailing = trailing;
                }
            }
        }
        return Check.seal(w.toBytes());
    }

    private static void decodeXor(BitReader r, double[] out, int n) {
        if (n == 0) {
            return;
        }
        long prev = r.bits(64);
        out[0] = Double.longBitsToDouble(prev);
        int prevLeading = -1;
        int prevTrailing = 0;
        for (int i = 1; i < n; i++) {
            if (r.bit()) {
                long at = r.position();
                if (!r.bit()) {
                    if (prevLeading < 0) {
                        throw CorruptChunkException.at(at, "a value reuses a bit window before any was set");
                    }
                    prev ^= r.bits(64 - prevLeading - prevTrailing) << prevTrailing;
                } else {
                    int leading = (int) r.bits(5);
                    int meaningful = (int) r.bits(6) + 1;
                    int trailing = 64 - leading - meaningful;
                    if (trailing < 0) {
                        throw CorruptChunkException.at(at, "a value claims " + leading + " leading zeros and "
                                + meaningful + " meaningful bits");
                    }
                    prev ^= r.bits(meaningful) << trailing;
                    prevLeading = leading;
                    prevTrailing = trailing;
                }
            }
            out[i] = Double.longBitsToDouble(prev);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
