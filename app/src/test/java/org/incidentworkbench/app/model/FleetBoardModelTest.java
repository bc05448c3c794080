package org.incidentworkbench.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;
import org.junit.jupiter.api.Test;

/** The fleet board's pure parts: data age, what changed between triages, the soonest time-to-full. */
class FleetBoardModelTest {

    private static final Instant T = Instant.parse("2026-12-03T06:00:00Z");

    private static TriageReport report(Instant at, Finding... findings) {
        return new TriageReport("web-1", "web-1", at, Duration.ofSeconds(1), Optional.empty(), List.of(), List.of(findings));
    }

    private static Finding finding(String rule, String title) {
        return new Finding(Severity.WARNING, rule, "df", title, "evidence", "hint");
    }

    @Test
    void figuresOlderThanFifteenMinutesOrAfterAFailedTriageAreStale() {
        assertEquals("just now", DataAge.of(T, T.plusMillis(300)).text());
        DataAge fresh = DataAge.of(T, T.plusSeconds(14 * 60));
        assertFalse(fresh.stale());
        assertEquals("14 min ago", fresh.text());
        DataAge old = DataAge.of(T, T.plusSeconds(2 * 3600 + 5 * 60));
        assertTrue(old.stale());
        assertEquals("stale: 2 h 5 min ago", old.text());
        assertTrue(DataAge.of(T, T.plusSeconds(30), true).stale(), "a failed later triage makes even young figures stale");
        assertEquals(Duration.ZERO, DataAge.of(T, T.minusSeconds(5)).age(), "a clock behind the triage is not a negative age");
    }

    @Test
    void changesMatchFindingsAsTheRankingDoesWithNumbersMasked() {
        TriageReport before = report(T, finding("fs.full", "/var is 97 % full"), finding("load.high", "load 3.2 per core"));
        TriageReport after = report(T.plusSeconds(600), finding("fs.full", "/var is 98 % full"), finding("tcp.close_wait", "180 sockets in CLOSE-WAIT"));
        FindingChanges c = FindingChanges.between(Optional.of(before), after);
        assertTrue(c.comparable());
        assertEquals(List.of("180 sockets in CLOSE-WAIT"), c.added().stream().map(Finding::title).toList());
        assertEquals(List.of("load 3.2 per core"), c.resolved().stream().map(Finding::title).toList());
        assertEquals("+1 new, 1 resolved", c.summary());
        assertTrue(c.details().contains("resolved: load 3.2 per core"), c.details());
        assertEquals("no change", FindingChanges.between(Optional.of(before), before).summary());
    }

    @Test
    void withoutAPreviousTriageOnlyTheTriagesOwnNewMarksCount() {
        Finding marked = finding("fs.full", "/ is 95 % full").ranked(Severity.WARNING, "/ is 95 % full", false, Optional.of(true));
        FindingChanges c = FindingChanges.between(Optional.empty(), report(T, marked, finding("x", "unmarked")));
        assertFalse(c.comparable());
        assertEquals("+1 new", c.summary());
        assertTrue(c.resolved().isEmpty());
        assertEquals("first triage", FindingChanges.between(Optional.empty(), report(T)).summary());
    }

    @Test
    void theSoonestClosedForecastWithinAWeekWins() {
        long now = T.toEpochMilli();
        long[] ts = new long[60];
        double[] fast = new double[60];
        double[] slow = new double[60];
        double[] flat = new double[60];
        for (int i = 0; i < 60; i++) {
            ts[i] = now - (59 - i) * 60_000L;
            fast[i] = 80 + i * 0.1 + (i % 3) * 0.01; // +6 %/h from 85.9: full in about 2 h 20 min
            slow[i] = 50 + i * 0.01 + (i % 2) * 0.01;
            flat[i] = 40 + (i % 2) * 0.5;
        }
        TimeToFull var = new TimeToFull("/var", ThresholdForecast.forecast(ts, fast, 100, now), T);
        TimeToFull home = new TimeToFull("/home", ThresholdForecast.forecast(ts, slow, 100, now), T);
        TimeToFull tmp = new TimeToFull("/tmp", ThresholdForecast.forecast(ts, flat, 100, now), T);
        TimeToFull soonest = TimeToFull.soonest(List.of(home, tmp, var)).orElseThrow();
        assertEquals("/var", soonest.what());
        assertEquals(2.35, soonest.in().toMinutes() / 60.0, 0.2, soonest.forecast().explanation());
        assertTrue(soonest.text().startsWith("/var full in 2 h"), soonest.text());
        assertTrue(TimeToFull.soonest(List.of(tmp)).isEmpty(), "a flat series forecasts nothing");
    }
}
