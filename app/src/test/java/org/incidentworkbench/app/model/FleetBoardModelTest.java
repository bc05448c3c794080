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
import org.incidentworkbench.findings.TimeToLimit;
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

    private static TimeToFull ttf(String what, Optional<Duration> in) {
        return new TimeToFull(what, new TimeToLimit(in, in, in.map(d -> d.multipliedBy(2)), 1.5, 240, Duration.ofHours(2), false), T);
    }

    @Test
    void theSoonestResourceToReachItsLimitWins() {
        TimeToFull var = ttf("/var", Optional.of(Duration.ofMinutes(42)));
        TimeToFull home = ttf("/home", Optional.of(Duration.ofHours(30)));
        TimeToFull tmp = ttf("/tmp", Optional.empty());
        TimeToFull soonest = TimeToFull.soonest(List.of(home, tmp, var)).orElseThrow();
        assertEquals("/var", soonest.what());
        assertEquals("/var full in 42 min", soonest.text());
        assertEquals(T.plusSeconds(42 * 60), soonest.crossing());
        assertTrue(soonest.explanation().contains("42 min (42 min to 84 min)"), soonest.explanation());
        assertEquals("memory runs out now", ttf("memory", Optional.of(Duration.ZERO)).text());
        assertTrue(TimeToFull.soonest(List.of(tmp)).isEmpty(), "a trend that does not reach its limit forecasts nothing");
    }
}
