package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RollupBlockTest {

    private static final long MIN = 60_000;

    /** Points at 10 s over three minutes; the second minute holds only a gap marker. */
    private static Points points() {
        long[] ts = {0, 10_000, 50_000, 60_000, 120_000, 130_000, 170_000};
        double[] v = {1.5, 2.5, 0.5, Double.NaN, 10, 20, 30};
        return new Points(ts, v);
    }

    @Test
    void minuteBucketsHoldMinMaxSumCountAndLast() {
        RollupBlock b = RollupBlock.of(points(), MIN, 2);
        assertArrayEquals(new long[] {0, MIN, 2 * MIN}, b.start());
        assertArrayEquals(new long[] {3, 0, 3}, b.count());
        assertEquals(0.5, b.min()[0]);
        assertEquals(2.5, b.max()[0]);
        assertEquals(4.5, b.sum()[0]);
        assertEquals(0.5, b.last()[0], "last is the latest point of the bucket, not the largest");
        assertTrue(Double.isNaN(b.min()[1]) && Double.isNaN(b.sum()[1]), "a gap-only bucket keeps NaN aggregates");
        assertEquals(10, b.min()[2]);
        assertEquals(30, b.max()[2]);
        assertEquals(60, b.sum()[2]);
        assertEquals(30, b.last()[2]);
    }

    @Test
    void coarsenAddsCountsAndSumsAndKeepsTheLastNonEmptyLast() {
        RollupBlock hours = RollupBlock.of(points(), MIN, 2).coarsen(3_600_000, 2);
        assertArrayEquals(new long[] {0}, hours.start());
        assertArrayEquals(new long[] {6}, hours.count());
        assertEquals(0.5, hours.min()[0]);
        assertEquals(30, hours.max()[0]);
        assertEquals(64.5, hours.sum()[0]);
        assertEquals(30, hours.last()[0]);
    }

    @Test
    void sumsAreRoundedToTheSeriesResolution() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary; at 1 decimal the sum must land on the grid
        RollupBlock b = RollupBlock.of(new Points(new long[] {0, 1000}, new double[] {0.1, 0.2}), MIN, 1);
        assertEquals(0.3, b.sum()[0]);
        RollupBlock exact = RollupBlock.of(new Points(new long[] {0, 1000}, new double[] {0.1, 0.2}), MIN, -1);
        assertEquals(0.1 + 0.2, exact.sum()[0], "without a resolution the sum is left as computed");
    }

    @Test
    void replaceRangeSwapsOnlyTheBucketsInsideTheRange() {
        RollupBlock old = RollupBlock.of(points(), MIN, 2);
        RollupBlock fresh = RollupBlock.of(new Points(new long[] {MIN + 5_000}, new double[] {7}), MIN, 2);
        RollupBlock merged = old.replaceRange(MIN, 2 * MIN, fresh);
        assertArrayEquals(new long[] {0, MIN, 2 * MIN}, merged.start());
        assertArrayEquals(new long[] {3, 1, 3}, merged.count());
        assertEquals(7, merged.sum()[1]);
        assertEquals(4.5, merged.sum()[0]);
        assertEquals(60, merged.sum()[2]);
    }

    @Test
    void encodeDecodeRoundTripsEveryColumn() {
        RollupBlock b = RollupBlock.of(points(), MIN, 2);
        RollupBlock back = RollupBlock.decode(b.encode(2));
        assertArrayEquals(b.start(), back.start());
        assertArrayEquals(b.count(), back.count());
        assertArrayEquals(b.min(), back.min());
        assertArrayEquals(b.max(), back.max());
        assertArrayEquals(b.sum(), back.sum());
        assertArrayEquals(b.last(), back.last());
        RollupBlock noLast = RollupBlock.decode(b.encode(2), false);
        assertArrayEquals(b.sum(), noLast.sum());
    }

    @Test
    void truncatedBytesAreReportedAsCorruptNotAsAnyOtherFailure() {
        byte[] data = RollupBlock.of(points(), MIN, 2).encode(2);
        byte[] cut = Arrays.copyOf(data, data.length - 3);
        RuntimeException e = assertThrows(RuntimeException.class, () -> RollupBlock.decode(cut));
        assertTrue(e instanceof RollupBlock.CorruptRollupException
                || e instanceof org.incidentworkbench.timeseries.codec.CorruptChunkException, e.toString());
    }
}
