package org.incidentworkbench.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast.Forecast;
import org.junit.jupiter.api.Test;

class ThresholdForecastTest {

    static final long H = 3_600_000L;

    /** A disk filling by 0.5 %/h from 40 % with noise: full (100 %) 120 h after the start. */
    static double[][] filling(int hours, double noise, long seed) {
        Random r = new Random(seed);
        int n = hours * 12;
        double[] ts = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * 300_000L;
            v[i] = 40 + 0.5 * (i / 12.0) + r.nextGaussian() * noise;
        }
        return new double[][] {ts, v};
    }

    static long[] longs(double[] d) {
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = (long) d[i];
        }
        return l;
    }

    @Test
    void aSteadyFillIsForecastWithAnIntervalAroundTheTruth() {
        double[][] d = filling(48, 0.3, 1);
        long now = 48 * H;
        Forecast f = ThresholdForecast.forecast(longs(d[0]), d[1], 100, now);
        long truth = 120 * H;
        long crossing = f.crossingMillis().orElseThrow();
        assertTrue(Math.abs(crossing - truth) < 3 * H, "crossing " + crossing / (double) H + " h, truth 120 h");
        assertTrue(f.earliestMillis().orElseThrow() <= crossing && crossing <= f.latestMillis().orElseThrow());
        assertTrue(f.earliestMillis().get() <= truth && truth <= f.latestMillis().get(), f.toString());
        assertEquals(0.5, f.slopePerHour(), 0.02);
        assertFalse(f.stepDetected());
        assertTrue(f.explanation().startsWith("Crosses the threshold in 3.0 days"), f.explanation());
    }

    @Test
    void onlyDataSinceACleanupCounts() {
        // 40 h of filling at 1 %/h from 40 %, a cleanup frees 50 points, then 0.25 %/h for 24 h
        int n1 = 40 * 12;
        int n2 = 24 * 12;
        long[] ts = new long[n1 + n2];
        double[] v = new double[n1 + n2];
        Random r = new Random(2);
        for (int i = 0; i < n1 + n2; i++) {
            ts[i] = i * 300_000L;
            v[i] = i < n1 ? 40 + i / 12.0 : 30 + 0.25 * ((i - n1) / 12.0);
            v[i] += r.nextGaussian() * 0.1;
        }
        long now = ts[ts.length - 1];
        Forecast f = ThresholdForecast.forecast(ts, v, 100, now);
        assertTrue(f.stepDetected());
        assertEquals(40 * H, f.fitFromMillis(), 300_000);
        assertEquals(0.25, f.slopePerHour(), 0.02);
        // 36 % now, 64 points to go at 0.25/h: 256 h
        double hours = (f.crossingMillis().orElseThrow() - now) / (double) H;
        assertEquals(256, hours, 12);
    }

    @Test
    void aFlatOrFallingSeriesNeverCrossesAndGapsAreSkipped() {
        long[] ts = new long[100];
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            ts[i] = i * 60_000L;
            v[i] = i % 10 == 0 ? Double.NaN : 50 - i * 0.01;
        }
        Forecast f = ThresholdForecast.forecast(ts, v, 90, ts[99]);
        assertTrue(f.crossingMillis().isEmpty(), f.toString());
        assertTrue(f.explanation().contains("does not reach"), f.explanation());
        assertEquals(90, f.pointsUsed());
        // memory falling towards zero is a downward crossing
        Forecast down = ThresholdForecast.forecast(ts, v, 40, ts[99]);
        assertTrue(down.crossingMillis().isPresent(), down.toString());
    }

    @Test
    void alreadyOverAndTooFewPoints() {
        long[] ts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] v = {90, 91, 92, 93, 94, 95, 96, 97, 98, 101};
        assertEquals(9L, ThresholdForecast.forecast(ts, v, 100, 9).crossingMillis().orElseThrow());
        Forecast few = ThresholdForecast.forecast(new long[] {0, 1}, new double[] {1, 2}, 10, 1);
        assertTrue(few.crossingMillis().isEmpty());
        assertTrue(few.explanation().startsWith("Too few points"));
    }

    @Test
    void recurringDropsAreASawtoothFittedThroughNotAStep() {
        // 0.5 %/h net for 5 days from 30 %, logs add 6 % a day and rotation takes them back at midnight: full 140 h in
        int n = 5 * 24 * 12;
        long[] ts = new long[n];
        double[] v = new double[n];
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            double h = i / 12.0;
            ts[i] = i * 300_000L;
            v[i] = 30 + 0.5 * h + 6 * ((h % 24) / 24) - 3 + r.nextGaussian() * 0.2;
        }
        Forecast f = ThresholdForecast.forecast(ts, v, 100, ts[n - 1]);
        assertFalse(f.stepDetected(), f.toString());
        assertEquals(n, f.pointsUsed());
        double hours = f.crossingMillis().orElseThrow() / (double) H;
        assertEquals(140, hours, 140 * 0.1, f.toString());
        assertTrue(f.earliestMillis().get() <= 140 * H && 140 * H <= f.latestMillis().get(), f.toString());
    }

    @Test
    void aSlopeWithinItsNoiseIsFlatAndNoCrossingIsClaimedFarBeyondTheHistory() {
        Random r = new Random(5);
        long[] ts = new long[60];
        double[] v = new double[60];
        for (int i = 0; i < 60; i++) {
            ts[i] = i * 10_000L;
            v[i] = 50 + r.nextGaussian() * 1.5;
        }
        Forecast f = ThresholdForecast.forecast(ts, v, 100, ts[59]);
        assertTrue(f.crossingMillis().isEmpty(), f.toString());
        // 10 minutes of points rising 2 %/h: full in 25 h, 150 times the history: not claimed
        for (int i = 0; i < 60; i++) {
            v[i] = 50 + 2 * (ts[i] / (double) H);
        }
        Forecast far = ThresholdForecast.forecast(ts, v, 100, ts[59]);
        assertTrue(far.crossingMillis().isEmpty(), far.toString());
        assertTrue(far.explanation().startsWith("The trend does not reach the threshold within"), far.explanation());
    }

    @Test
    void acceleratingGrowthPullsTheIntervalsEarlyEndToTheParabolasCrossing() {
        // 20 % + 80 % x (h / 96)^2: full at 96 h; seen for its first 48 h
        int n = 48 * 12;
        long[] ts = new long[n];
        double[] v = new double[n];
        Random r = new Random(9);
        for (int i = 0; i < n; i++) {
            double h = i / 12.0;
            ts[i] = i * 300_000L;
            v[i] = 20 + 80 * (h / 96) * (h / 96) + r.nextGaussian() * 0.3;
        }
        Forecast f = ThresholdForecast.forecast(ts, v, 100, ts[n - 1]);
        long truth = 96 * H;
        assertTrue(f.crossingMillis().orElseThrow() > truth + 48 * H, "the line is far too late: " + f);
        assertTrue(f.earliestMillis().orElseThrow() <= truth && truth <= f.latestMillis().orElseThrow(), f.toString());
        assertEquals(96, f.earliestMillis().get() / (double) H, 6, "the parabola's crossing");
    }
}
