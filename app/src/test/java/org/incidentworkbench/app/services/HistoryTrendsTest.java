package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;
import org.junit.jupiter.api.Test;

/** How far a triage's forecast may reach beyond the history it was fitted on. */
class HistoryTrendsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

    /** Memory available falling linearly for {@code seconds} (one point a second) from 20 GiB at {@code perSecond}. */
    private static java.util.Optional<org.incidentworkbench.findings.TimeToLimit> falling(int seconds, double perSecond) {
        long[] ts = new long[seconds + 1];
        double[] v = new double[seconds + 1];
        for (int i = 0; i <= seconds; i++) {
            ts[i] = NOW.minusSeconds(seconds - i).toEpochMilli();
            v[i] = 20e9 - perSecond * i + (i % 2 == 0 ? 1e6 : -1e6);
        }
        ThresholdForecast.Forecast f = ThresholdForecast.forecast(ts, v, 0, NOW.toEpochMilli());
        assertTrue(f.crossingMillis().isPresent(), "the fit itself crosses");
        return HistoryTrends.timeToLimit(f, ts[seconds], NOW);
    }

    @Test
    void twentySecondsOfFallingMemoryDoNotForecastMinutesAhead() {
        // 2 GB in 20 s from 20 GB: the line reaches 0 in about 180 s, nine times the history
        assertTrue(falling(20, 1e8).isEmpty(), "a glance is not extrapolated nine times its length");
    }

    @Test
    void aCrossingWithinFourTimesTheHistoryIsForecast() {
        // 60 s at 1e8/s from 20 GB: 14 GB left, 140 s ahead, 2.3 times the history
        var t = falling(60, 1e8);
        assertTrue(t.isPresent() && t.get().in().isPresent(), "forecast " + t);
        assertTrue(t.get().in().get().compareTo(Duration.ofSeconds(120)) > 0 && t.get().in().get().compareTo(Duration.ofSeconds(160)) < 0,
                "about 140 s: " + t.get().in());
    }
}
