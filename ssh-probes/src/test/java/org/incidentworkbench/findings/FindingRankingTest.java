package org.incidentworkbench.findings;

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
import org.junit.jupiter.api.Test;

/** Relevance ranking (issue 12 item 6): severity, then recency, then what changed since the previous triage and peers. */
class FindingRankingTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static final Finding FS_FULL = new Finding(Severity.CRITICAL, "fs.full", "df", "/var is 100 % full", "", "");
    private static final Finding OOM_30_MIN = new Finding(Severity.CRITICAL, "logs.oom-kill", "logs",
            "1 process was killed for lack of memory, latest 30 min ago", "", "").since(Duration.ofMinutes(30));
    private static final Finding LOAD = new Finding(Severity.WARNING, "load.per-core", "uptime", "Load is 1.5 per core", "", "");
    private static final Finding ZOMBIES = new Finding(Severity.WARNING, "proc.zombies", "ps", "3 zombie processes", "", "");

    private static TriageReport report(String host, Instant at, Finding... findings) {
        return new TriageReport(host, "root@" + host, at, Duration.ofSeconds(1), Optional.empty(), List.of(), List.of(findings));
    }

    @Test
    void aFullFilesystemNowOutranksAnOomKillFromHalfAnHourAgo() {
        List<Finding> ranked = FindingRanking.rank(report("web-1", NOW, OOM_30_MIN, FS_FULL), Optional.empty(), List.of());
        assertEquals(List.of("fs.full", "logs.oom-kill"), ranked.stream().map(Finding::rule).toList());
        Finding oom = ranked.get(1);
        assertEquals(Severity.WARNING, oom.severity());
        assertTrue(oom.beforeTriage());
        assertEquals("1 process was killed for lack of memory, latest 30 min ago, before this triage", oom.title());
        assertEquals(Optional.of(Duration.ofMinutes(30)), oom.since(), "since when stays known");
        assertEquals(Optional.empty(), ranked.get(0).newSincePrevious(), "no previous triage: not known");
    }

    @Test
    void anOomKillWithinTheTimeSinceThePreviousTriageIsStillCriticalAndNew() {
        TriageReport previous = report("web-1", NOW.minus(Duration.ofHours(2)), FS_FULL);
        List<Finding> ranked = FindingRanking.rank(report("web-1", NOW, OOM_30_MIN, FS_FULL), Optional.of(previous), List.of());
        assertEquals(List.of("logs.oom-kill", "fs.full"), ranked.stream().map(Finding::rule).toList(),
                "both critical: the new one first");
        assertFalse(ranked.get(0).beforeTriage(), "30 min is inside the 2 h since the previous triage");
        assertEquals(Optional.of(true), ranked.get(0).newSincePrevious());
        assertEquals(Optional.of(false), ranked.get(1).newSincePrevious());
    }

    @Test
    void theSameFindingWithOtherNumbersIsNotNewButAnotherMountIs() {
        TriageReport previous = report("web-1", NOW.minus(Duration.ofMinutes(5)),
                new Finding(Severity.WARNING, "fs.full", "df", "/var is 91 % full", "", ""));
        Finding root = new Finding(Severity.CRITICAL, "fs.full", "df", "/ is 100 % full", "", "");
        List<Finding> ranked = FindingRanking.rank(report("web-1", NOW, FS_FULL, root), Optional.of(previous), List.of());
        assertEquals(List.of("/ is 100 % full", "/var is 100 % full"), ranked.stream().map(Finding::title).toList());
        assertEquals(List.of(Optional.of(true), Optional.of(false)), ranked.stream().map(Finding::newSincePrevious).toList());
    }

    @Test
    void withinASeverityWhatFewPeersShareComesFirst() {
        List<TriageReport> peers = List.of(report("web-2", NOW, LOAD), report("web-3", NOW, LOAD));
        List<Finding> ranked = FindingRanking.rank(report("web-1", NOW, LOAD, ZOMBIES), Optional.empty(), peers);
        assertEquals(List.of("proc.zombies", "load.per-core"), ranked.stream().map(Finding::rule).toList(),
                "every peer is loaded; only this host has zombies");
    }

    @Test
    void theWindowIsTheTimeSinceThePreviousTriageWithinItsBounds() {
        TriageReport now = report("h", NOW);
        assertEquals(FindingRanking.MIN_WINDOW, FindingRanking.window(now, Optional.empty()));
        assertEquals(FindingRanking.MIN_WINDOW, FindingRanking.window(now, Optional.of(report("h", NOW.minusSeconds(60)))));
        assertEquals(Duration.ofHours(3), FindingRanking.window(now, Optional.of(report("h", NOW.minus(Duration.ofHours(3))))));
        assertEquals(FindingRanking.MAX_WINDOW, FindingRanking.window(now, Optional.of(report("h", NOW.minus(Duration.ofDays(9))))));
    }
}
