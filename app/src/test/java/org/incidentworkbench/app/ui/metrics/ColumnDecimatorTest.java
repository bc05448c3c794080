package org.incidentworkbench.app.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one loop over visible points: columns keep first/min/max/last, spikes, gaps and the band. */
class ColumnDecimatorTest {

    private static final long T0 = 1_700_000_000_000L;

    private static ChartSeries everySecond(double... v) {
        long[] t = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = T0 + i * 1000L;
        }
        return ChartSeries.of("s", t, v);
    }

    @Test
    void aColumnKeepsFirstLowestHighestAndLastSoASpikeSurvives() {
        // 10 points into 2 columns of 5 s each; a one-sample spike to 99 in the second
        ChartSeries s = everySecond(5, 4, 6, 3, 7, 1, 2, 99, 2, 8);
        ColumnDecimator d = new ColumnDecimator();
        int n = d.decimate(s, T0, T0 + 10_000, 2 / 10_000.0);
        assertEquals(2, n);
        assertEquals(0, d.column(0));
        assertEquals(5, d.first(0));
        assertEquals(3, d.min(0));
        assertEquals(7, d.max(0));
        assertEquals(7, d.last(0));
        assertEquals(1, d.column(1));
        assertEquals(1, d.first(1));
        assertEquals(1, d.min(1));
        assertEquals(99, d.max(1), "the spike is kept at any zoom");
        assertEquals(8, d.last(1));
        assertTrue(d.startsRun(0));
        assertFalse(d.startsRun(1), "no gap: the line runs on into the next column");
    }

    @Test
    void aNanMarkerAndAMissingStretchBothBreakTheLine() {
        double[] v = new double[40];
        java.util.Arrays.fill(v, 10);
        v[10] = Double.NaN;
        long[] t = new long[30];
        double[] w = new double[30];
        for (int i = 0, j = 0; i < 40; i++) {
            if (i < 20 || i >= 30) { // ten seconds missing from 20 s
                t[j] = T0 + i * 1000L;
                w[j++] = 10;
            }
        }
        ColumnDecimator d = new ColumnDecimator();
        int n = d.decimate(everySecond(v), T0, T0 + 39_000, 1 / 1000.0); // a column per second
        assertEquals(39, n, "40 points less the NaN");
        assertEquals(2, runStarts(d), "one run before the NaN, one after");
        assertTrue(d.startsRun(10) && d.column(10) == 11, "the point after the NaN starts a run in its own column");
        n = d.decimate(ChartSeries.of("gap", t, w), T0, T0 + 39_000, 1 / 1000.0);
        assertEquals(30, n);
        assertEquals(2, runStarts(d), "a step longer than 2.5 median steps is a gap");
        assertEquals(30, d.column(20), "the first point after the gap sits at its own time, not the previous column");
    }

    @Test
    void theBandTakesTheBucketExtremesAndDefaultsToTheValues() {
        long[] t = {T0, T0 + 1000, T0 + 2000, T0 + 3000};
        ChartSeries banded = new ChartSeries("b", t, new double[] {5, 6, 7, 8}, new double[] {1, 2, 3, 4}, new double[] {9, 10, 11, 12});
        ColumnDecimator d = new ColumnDecimator();
        d.decimate(banded, T0, T0 + 4000, 1 / 4000.0); // all in one column
        assertEquals(1, d.size());
        assertEquals(1, d.bandLow(0));
        assertEquals(12, d.bandHigh(0));
        d.decimate(ChartSeries.of("plain", t, new double[] {5, 6, 7, 8}), T0, T0 + 4000, 1 / 4000.0);
        assertEquals(5, d.bandLow(0));
        assertEquals(8, d.bandHigh(0));
    }

    @Test
    void onlyTheVisiblePointsAndOneEitherSideAreVisited() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        ColumnDecimator d = new ColumnDecimator();
        int n = d.decimate(everySecond(v), T0 + 40_000, T0 + 50_000, 1 / 1000.0);
        assertEquals(12, n, "points 39 to 50: the visible 40 to 50 and one before, so the line runs to the edge");
        assertEquals(-1, d.column(0));
        assertEquals(39, d.first(0));
        assertEquals(50, d.last(n - 1));
        SeriesStats st = d.stats(everySecond(v), T0 + 40_000, T0 + 50_000, 10);
        assertEquals(new SeriesStats(50, 40, 50, 45), st, "the legend's figures cover the visible range only");
    }

    @Test
    void statsOfARangeWithoutPointsAreEmptyAndTheMeanSkipsNan() {
        ColumnDecimator d = new ColumnDecimator();
        ChartSeries s = everySecond(2, Double.NaN, 4);
        d.decimate(s, T0 + 100_000, T0 + 200_000, 1 / 1000.0);
        assertTrue(d.stats(s, T0 + 100_000, T0 + 200_000, 100).isEmpty());
        d.decimate(s, T0, T0 + 2000, 1 / 100.0);
        assertEquals(new SeriesStats(4, 2, 4, 3), d.stats(s, T0, T0 + 2000, 20));
    }

    private static int runStarts(ColumnDecimator d) {
        int n = 0;
        for (int k = 0; k < d.size(); k++) {
            n += d.startsRun(k) ? 1 : 0;
        }
        return n;
    }
}
