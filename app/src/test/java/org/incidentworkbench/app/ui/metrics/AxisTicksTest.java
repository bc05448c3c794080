package org.incidentworkbench.app.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nice 1-2-5 ticks, one unit per axis, and labels that never repeat. */
class AxisTicksTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, AxisTicks.niceStep(0.9), 1e-12);
        assertEquals(2, AxisTicks.niceStep(1.3), 1e-12);
        assertEquals(5, AxisTicks.niceStep(4.9), 1e-12);
        assertEquals(10, AxisTicks.niceStep(5.1), 1e-12);
        assertEquals(0.005, AxisTicks.niceStep(0.0031), 1e-15);
        assertEquals(2000, AxisTicks.niceStep(1999), 1e-9);
    }

    @Test
    void memoryVaryingByATenthOfAPercentGetsDistinctLabelsInOneUnit() {
        // 22.4 GiB moving by 0.1 %: the old axis read "22.4 GiB" on 10 of 11 ticks
        double lo = 22.4 * GIB;
        double hi = lo * 1.001;
        double[] y = TimeSeriesCanvas.padded(lo, hi);
        AxisTicks.ValueAxis a = AxisTicks.values(y[0], y[1], 8, "bytes");
        assertEquals("GiB", a.unit());
        assertTrue(a.labels().size() >= 4, a.labels().toString());
        assertEquals(a.labels().size(), a.labels().stream().distinct().count(), "distinct: " + a.labels());
        assertTrue(a.labels().stream().allMatch(l -> l.startsWith("22.4")), a.labels().toString());
        assertEquals(3, a.decimals(), "a step of 0.005 GiB needs three decimals: " + a.labels());
        double step = (a.values()[1] - a.values()[0]) / GIB;
        assertTrue(List.of(0.001, 0.002, 0.005).stream().anyMatch(s -> Math.abs(s - step) < 1e-9), "1-2-5 step: " + step);
    }

    @Test
    void ticksLieInsideTheRangeAtMultiplesOfTheStep() {
        AxisTicks.ValueAxis a = AxisTicks.values(0, 100, 5, "%");
        assertEquals(List.of("0", "20", "40", "60", "80", "100"), a.labels());
        assertEquals("%", a.unit());
        a = AxisTicks.values(-3.2, 7.9, 5, "1");
        assertEquals(List.of("-2", "0", "2", "4", "6"), a.labels());
    }

    @Test
    void theUnitIsChosenOnceForTheWholeAxis() {
        // 0 to 1.5 GiB: every tick in GiB, never a mix of MiB and GiB
        AxisTicks.ValueAxis a = AxisTicks.values(0, 1.5 * GIB, 6, "bytes");
        assertEquals("GiB", a.unit());
        assertEquals(List.of("0.0", "0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4"), a.labels());
        assertEquals("MiB/s", AxisTicks.values(0, 300 * 1024 * 1024, 6, "bytes/s").unit());
        assertEquals("k/s", AxisTicks.values(0, 52_000, 6, "/s").unit());
        assertEquals("", AxisTicks.values(0, 4000, 6, "/s").unit().replace("/s", ""));
        assertEquals("k pages/s", AxisTicks.values(0, 52_000, 6, "pages/s").unit());
        assertEquals("ms", AxisTicks.values(0, 80, 6, "ms").unit());
        assertEquals("22.4021 GiB", AxisTicks.values(22.4 * GIB, 22.43 * GIB, 6, "bytes").format(22.40214 * GIB, 1));
        assertEquals("52.0k", AxisTicks.values(0, 60_000, 6, "1").format(52_000, 1));
    }

    @Test
    void timeTicksFallOnRoundLocalTimesAndReadDifferently() {
        ZoneId utc = ZoneId.of("UTC");
        long from = 1_700_000_003_000L; // 22:13:23 UTC
        AxisTicks.TimeAxis t = AxisTicks.times(from, from + 300_000, 900, utc);
        assertEquals(30_000, t.times()[1] - t.times()[0], "five minutes on 900 px: a tick every 30 s, 90 px apart");
        assertEquals(0, t.times()[0] % 30_000);
        assertEquals("22:13:30", t.labels().get(0));
        assertEquals(t.labels().size(), t.labels().stream().distinct().count());
        AxisTicks.TimeAxis week = AxisTicks.times(from, from + 7 * 86_400_000L, 1000, utc);
        assertEquals(week.labels().size(), week.labels().stream().distinct().count(), week.labels().toString());
    }
}
