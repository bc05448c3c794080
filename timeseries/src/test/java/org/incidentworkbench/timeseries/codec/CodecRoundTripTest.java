package org.incidentworkbench.timeseries.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of value and timestamp runs, each round-tripped bit for bit, as Prometheus' chunk_test does. */
class CodecRoundTripTest {

    static Stream<Arguments> valueRuns() {
        Random r = new Random(42);
        List<Arguments> runs = new ArrayList<>();
        runs.add(Arguments.of("empty", new double[0]));
        runs.add(Arguments.of("one value", new double[] {42.5}));
        runs.add(Arguments.of("constant zeros", new double[500]));
        runs.add(Arguments.of("NaN gap markers between values", new double[] {1.25, Double.NaN, 1.5, Double.NaN, Double.NaN, 2}));
        runs.add(Arguments.of("only NaN", new double[] {Double.NaN, Double.NaN}));
        runs.add(Arguments.of("non-canonical NaN bits", new double[] {Double.longBitsToDouble(0x7ff8000000000123L), 1.0}));
        runs.add(Arguments.of("infinities", new double[] {Double.POSITIVE_INFINITY, 3.0, Double.NEGATIVE_INFINITY, 0.5}));
        runs.add(Arguments.of("negative zero", new double[] {0.0, -0.0, 0.0, -0.0, 1.0}));
        runs.add(Arguments.of("extremes", new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_NORMAL, 0}));
        runs.add(Arguments.of("large jumps", new double[] {0, 1e15, -1e15, 3, 9.007199254740991E15, -9.007199254740993E15, 1}));
        runs.add(Arguments.of("beyond 2^53", new double[] {1e18, 1e18 + 4096, -1e19}));
        runs.add(Arguments.of("two decimals", fill(1000, i -> Math.round(r.nextGaussian() * 1000) / 100.0)));
        runs.add(Arguments.of("tiny decimals", fill(200, i -> Math.round(r.nextGaussian() * 1e9) / 1e9)));
        runs.add(Arguments.of("ten decimals (not decimal: xor)", fill(200, i -> Math.round(r.nextGaussian() * 1e10) / 1e10)));
        runs.add(Arguments.of("kB multiples in bytes", fill(1000, i -> 8_000_000_000.0 - 1024L * r.nextInt(100_000))));
        runs.add(Arguments.of("full precision doubles", fill(1000, i -> r.nextDouble() * 1e6)));
        runs.add(Arguments.of("random bit patterns", fill(1000, i -> Double.longBitsToDouble(r.nextLong()))));
        runs.add(Arguments.of("mixed decimals and specials", fill(1000, i -> i % 97 == 0 ? Double.NaN
                : i % 89 == 0 ? -0.0 : i % 83 == 0 ? Double.POSITIVE_INFINITY : r.nextInt(10_000) / 100.0)));
        runs.add(Arguments.of("negative rates", fill(300, i -> -r.nextInt(1000) / 10.0)));
        return runs.stream();
    }

    @ParameterizedTest(name = "values: {0}")
    @MethodSource("valueRuns")
    void valuesRoundTripBitForBit(String name, double[] values) {
        byte[] block = ValueCodec.encode(values, values.length);
        double[] back = ValueCodec.decode(block);
        assertEquals(values.length, back.length);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back[i]), name + " at " + i);
        }
    }

    static Stream<Arguments> timestampRuns() {
        Random r = new Random(7);
        long t0 = 1_767_571_200_000L;
        List<Arguments> runs = new ArrayList<>();
        runs.add(Arguments.of("empty", new long[0]));
        runs.add(Arguments.of("one", new long[] {t0}));
        runs.add(Arguments.of("two", new long[] {t0, t0 + 5000}));
        runs.add(Arguments.of("regular 5 s", longs(1440, i -> t0 + i * 5000L)));
        runs.add(Arguments.of("5 s with jitter", longs(1440, i -> t0 + i * 5000L + r.nextInt(40))));
        runs.add(Arguments.of("gap of a day in the middle", longs(100, i -> t0 + i * 1000L + (i > 50 ? 86_400_000L : 0))));
        runs.add(Arguments.of("out of order", new long[] {t0, t0 + 10, t0 + 5, t0 + 30, t0 - 1000, t0 + 40}));
        runs.add(Arguments.of("duplicates", new long[] {t0, t0, t0, t0 + 1, t0 + 1, t0 + 2}));
        runs.add(Arguments.of("negative and zero", new long[] {-5_000, 0, 5_000, -1}));
        runs.add(Arguments.of("extremes that wrap", new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, Long.MIN_VALUE, Long.MAX_VALUE}));
        runs.add(Arguments.of("random", longs(500, i -> r.nextLong())));
        return runs.stream();
    }

    @ParameterizedTest(name = "timestamps: {0}")
    @MethodSource("timestampRuns")
    void timestampsRoundTripExactly(String name, long[] ts) {
        assertArrayEquals(ts, TimestampCodec.decode(TimestampCodec.encode(ts, ts.length)), name);
    }

    @ParameterizedTest(name = "values with any decimals hint: {0}")
    @MethodSource("valueRuns")
    void aWrongDecimalsHintCostsTimeNeverExactness(String name, double[] values) {
        for (int hint : new int[] {0, 2, 5, 9, 42, -3}) {
            double[] back = ValueCodec.decode(ValueCodec.encode(values, values.length, hint));
            for (int i = 0; i < values.length; i++) {
                assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back[i]), name + " hint " + hint);
            }
        }
    }

    @Test
    void encodesOnlyTheFirstNEntries() {
        long[] ts = {1, 2, 3, 99, 99};
        double[] v = {1, 2, 3, 99, 99};
        assertArrayEquals(new long[] {1, 2, 3}, TimestampCodec.decode(TimestampCodec.encode(ts, 3)));
        assertArrayEquals(new double[] {1, 2, 3}, ValueCodec.decode(ValueCodec.encode(v, 3)));
    }

    @Test
    void randomRunsOfEveryLengthRoundTrip() {
        Random r = new Random(1);
        for (int n = 0; n < 300; n++) {
            long[] ts = new long[n];
            double[] v = new double[n];
            long t = r.nextLong() >> 20;
            for (int i = 0; i < n; i++) {
                t += r.nextInt(3) == 0 ? r.nextInt(100_000) - 1000 : 5000;
                ts[i] = t;
                v[i] = switch (r.nextInt(4)) {
                    case 0 -> Double.NaN;
                    case 1 -> r.nextInt(1000) / 10.0;
                    case 2 -> r.nextDouble();
                    default -> r.nextInt();
                };
            }
            assertArrayEquals(ts, TimestampCodec.decode(TimestampCodec.encode(ts, n)));
            double[] back = ValueCodec.decode(ValueCodec.encode(v, n));
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back[i]));
            }
        }
    }

    @Test
    void shortDecimalsTakeTheDecimalPathAndArbitraryDoublesTheXorPath() {
        assertTrue(ValueCodec.isDecimal(ValueCodec.encode(new double[] {12.34, 12.35, Double.NaN}, 3)));
        assertFalse(ValueCodec.isDecimal(ValueCodec.encode(new double[] {Math.PI, Math.E}, 2)));
    }

    @Test
    void budgets() {
        long t0 = 1_767_571_200_000L;
        Random r = new Random(3);
        int n = 1440;
        double[] idle = new double[n];
        double[] pct = fill(n, i -> Math.round((20 + 5 * Math.sin(i / 50.0) + r.nextGaussian()) * 100) / 100.0);
        long[] jitter = longs(n, i -> t0 + i * 5000L + r.nextInt(20));
        // a constant series costs about one bit a point; Gorilla also spends one bit on a repeated value
        assertTrue(ValueCodec.encode(idle, n).length <= n / 8 + 16, "constant run");
        // a two-decimal percentage with noise of about 1.0: ~10 bits; Gorilla's XOR needs ~40 for such values
        int pctBytes = ValueCodec.encode(pct, n).length;
        assertTrue(pctBytes <= n * 1.6, "two-decimal percentage: " + pctBytes + " bytes for " + n);
        // millisecond jitter of 0-20 ms around 5 s: under one byte a timestamp
        int tsBytes = TimestampCodec.encode(jitter, n).length;
        assertTrue(tsBytes <= n * 0.9, "jittered timestamps: " + tsBytes + " bytes for " + n);
        assertTrue(TimestampCodec.encode(longs(n, i -> t0 + i * 5000L), n).length <= n / 8 + 24, "regular timestamps");
    }

    @Test
    void corruptBlocksRaiseOneExceptionWithTheOffset() {
        double[] v = fill(500, i -> i % 7 / 4.0);
        byte[] good = ValueCodec.encode(v, v.length);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> ValueCodec.decode(bad));
            assertTrue(e.getMessage().contains("bit " + e.bitOffset()), e.getMessage());
        }
        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> ValueCodec.decode(cut));
            assertTrue(e.bitOffset() >= 0);
        }
        byte[] ts = TimestampCodec.encode(longs(100, i -> i * 1000L), 100);
        byte[] flipped = ts.clone();
        flipped[3] ^= 1;
        assertThrows(CorruptChunkException.class, () -> TimestampCodec.decode(flipped));
        CorruptChunkException wrongKind = assertThrows(CorruptChunkException.class, () -> TimestampCodec.decode(good));
        assertTrue(wrongKind.getMessage().contains("not a timestamp block"), wrongKind.getMessage());
    }

    @Test
    void structuralDamageBehindAValidChecksumIsStillCaught() {
        // a block whose check matches but whose count promises more than follows
        BitWriter w = new BitWriter(8);
        w.bits(ValueCodec.FORMAT, 8);
        w.varLong(1L << 30);
        w.bits(1, 2);
        byte[] forged = Check.seal(w.toBytes());
        CorruptChunkException e = assertThrows(CorruptChunkException.class, () -> ValueCodec.decode(forged));
        assertEquals(8, e.bitOffset());
    }

    interface IntToDouble {
        double at(int i);
    }

    interface IntToLong {
        long at(int i);
    }

    static double[] fill(int n, IntToDouble f) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.at(i);
        }
        return v;
    }

    static long[] longs(int n, IntToLong f) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.at(i);
        }
        return v;
    }
}
