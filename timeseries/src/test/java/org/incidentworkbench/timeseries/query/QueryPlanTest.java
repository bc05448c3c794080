package org.incidentworkbench.timeseries.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueryPlanTest {

    private static final long MIN = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;

    @Test
    void fifteenMinutesAtNineHundredPointsReadsRawPointsInOneSecondBuckets() {
        QueryPlan p = QueryPlan.of(0, 15 * MIN, 900);
        assertEquals(Tier.RAW, p.tier());
        assertEquals(1002, p.stepMillis(), "900 s over 899 gaps (1001.1 ms) rounds up to 1002 ms");
    }

    @Test
    void sevenDaysAtAThousandPointsReadsMinuteRollupsInWholeMinuteBuckets() {
        QueryPlan p = QueryPlan.of(0, 7 * DAY, 1000);
        assertEquals(Tier.MINUTE, p.tier());
        assertEquals(11 * MIN, p.stepMillis(), "605.4 s per bucket rounds up to 11 whole minutes");
        assertTrue((7 * DAY) / p.stepMillis() + 1 <= 1000);
    }

    @Test
    void ninetyDaysAtFiveHundredPointsReadsHourRollups() {
        QueryPlan p = QueryPlan.of(0, 90 * DAY, 500);
        assertEquals(Tier.HOUR, p.tier());
        assertEquals(5 * HOUR, p.stepMillis());
    }

    @Test
    void theTierIsTheCoarsestWhoseResolutionFitsOneBucket() {
        QueryPlan under = QueryPlan.of(0, 59 * MIN, 61);
        assertEquals(Tier.RAW, under.tier(), "59 s buckets: a minute rollup would not fit one");
        assertEquals(59_000, under.stepMillis());
        QueryPlan exact = QueryPlan.of(0, 59 * MIN, 60);
        assertEquals(Tier.MINUTE, exact.tier(), "exactly 60 s buckets read minute rollups");
        assertEquals(MIN, exact.stepMillis());
        QueryPlan twoHours = QueryPlan.of(0, 2 * HOUR, 60);
        assertEquals(Tier.MINUTE, twoHours.tier());
        assertEquals(3 * MIN, twoHours.stepMillis(), "122 s per bucket rounds up to 3 whole minutes");
    }

    @Test
    void onePointGetsOneBucketCoveringTheRange() {
        QueryPlan p = QueryPlan.of(1000, 2000, 1);
        assertEquals(Tier.RAW, p.tier());
        assertEquals(2000, p.stepMillis());
    }

    @Test
    void emptyRangesAndZeroBudgetsAreRefusedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryPlan.of(5, 5, 10));
        assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueryPlan.of(0, 10, 0));
    }
}
