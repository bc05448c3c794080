package org.incidentworkbench.timeseries.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.junit.jupiter.api.Test;

class BucketAggregatorTest {

    private static final SeriesKey KEY = SeriesKey.of("web-1", "cpu.user");

    @Test
    void pointsFoldIntoEpochAlignedBucketsWithAvgMinMaxAndCount() {
        // range [1500, 4500) at 1 s: buckets start at 1000, 2000, 3000, 4000 (aligned, not at 1500)
        BucketAggregator agg = new BucketAggregator(1500, 4500, 1000);
        agg.point(1500, 4, Tier.RAW);
        agg.point(1900, 8, Tier.RAW);
        agg.point(3000, 1, Tier.RAW);
        agg.point(3999, 3, Tier.RAW);
        agg.point(4500, 99, Tier.RAW); // at the range's end: outside
        agg.point(1499, 99, Tier.RAW); // before the range: outside
        SeriesData d = agg.result(KEY);
        assertArrayEquals(new long[] {1000, 3000}, d.timestamps(), "only buckets that saw something are returned");
        assertArrayEquals(new double[] {6, 2}, d.avg());
        assertArrayEquals(new double[] {4, 1}, d.min());
        assertArrayEquals(new double[] {8, 3}, d.max());
        assertArrayEquals(new long[] {2, 2}, d.count());
        assertEquals("raw", d.tier());
    }

    @Test
    void aGapMarkerAloneMakesAnEmptyBucketButNeverEntersTheAggregates() {
        BucketAggregator agg = new BucketAggregator(0, 3000, 1000);
        agg.point(100, 5, Tier.RAW);
        agg.point(200, Double.NaN, Tier.RAW);
        agg.point(1100, Double.NaN, Tier.RAW);
        SeriesData d = agg.result(KEY);
        assertArrayEquals(new long[] {0, 1000}, d.timestamps());
        assertEquals(5, d.avg()[0]);
        assertEquals(1, d.count()[0]);
        assertEquals(0, d.count()[1]);
        assertTrue(Double.isNaN(d.avg()[1]) && Double.isNaN(d.min()[1]) && Double.isNaN(d.max()[1]));
    }

    @Test
    void rollupBucketsAddTheirSumsAndCountsAndNameEveryTierRead() {
        // 10-minute buckets from two 1-minute rollups, one 1-hour rollup, and raw points
        long min = 60_000;
        BucketAggregator agg = new BucketAggregator(0, 20 * min, 10 * min);
        agg.bucket(0, 1, 3, 120, 60, Tier.MINUTE);        // avg 2 over 60 points
        agg.bucket(min, 0.5, 9, 180, 60, Tier.MINUTE);    // avg 3 over 60 points
        agg.point(10 * min + 1, 4, Tier.RAW);
        agg.bucket(11 * min, Double.NaN, Double.NaN, Double.NaN, 0, Tier.MINUTE); // an empty rollup bucket
        SeriesData d = agg.result(KEY);
        assertArrayEquals(new long[] {0, 10 * min}, d.timestamps());
        assertEquals(2.5, d.avg()[0]);
        assertEquals(0.5, d.min()[0]);
        assertEquals(9, d.max()[0]);
        assertEquals(120, d.count()[0]);
        assertEquals(4, d.avg()[1]);
        assertEquals(1, d.count()[1]);
        assertEquals("1m+raw", d.tier());
    }

    @Test
    void aRollupBucketTheRangeStartsInsideCountsWhole() {
        long hour = 3_600_000;
        BucketAggregator agg = new BucketAggregator(hour / 2, 3 * hour, hour);
        agg.bucket(0, 1, 1, 10, 10, Tier.HOUR); // starts before the range but the range starts inside it
        SeriesData d = agg.result(KEY);
        assertArrayEquals(new long[] {0}, d.timestamps());
        assertEquals(10, d.count()[0]);
        assertEquals("1h", d.tier());
    }

    @Test
    void nothingAddedGivesAnEmptySeriesWithTierNone() {
        SeriesData d = new BucketAggregator(0, 1000, 10).result(KEY);
        assertTrue(d.isEmpty());
        assertEquals("none", d.tier());
    }

    @Test
    void absurdBucketCountsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BucketAggregator(0, Long.MAX_VALUE / 2, 1));
        assertTrue(e.getMessage().contains("ask for fewer points"), e.getMessage());
    }
}
