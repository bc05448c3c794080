package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.ssh.HostFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each host's previous triage, kept small in the data directory for the next triage's "new since". */
class TriageHistoryTest {

    @Test
    void remembersTheFindingsOfTheLastTriagedReportPerHost(@TempDir Path dir) throws Exception {
        TriageHistory history = new TriageHistory(dir.resolve("triage-history"));
        assertEquals(Optional.empty(), history.previous("alice@db-1:22"));
        Finding full = new Finding(Severity.CRITICAL, "fs.full", "df", "/var is 100 % full", "100 %", "du");
        ProbeResult raw = new ProbeResult.ParseFailed("df", "x".repeat(100_000), 0, Duration.ZERO, "unrecognised");
        TriageReport report = new TriageReport("alice@db-1:22", "alice@db-1:22", Instant.parse("2026-11-25T10:00:00Z"),
                Duration.ofSeconds(1), Optional.empty(), List.of(raw), List.of(full));
        history.remember(report);
        TriageReport back = history.previous("alice@db-1:22").orElseThrow();
        assertEquals(List.of(full), back.findings());
        assertEquals(List.of(), back.results(), "the raw text is not kept");
        assertEquals(report.startedAt(), back.startedAt());
        try (var files = Files.list(history.directory())) {
            assertTrue(files.allMatch(f -> Files.isRegularFile(f) && f.toFile().length() < 4096), "a small file per host");
        }

        TriageReport failed = new TriageReport("alice@db-1:22", "alice@db-1:22", Instant.parse("2026-11-25T11:00:00Z"),
                Duration.ofSeconds(1), Optional.of(new HostFailure(HostFailure.Kind.UNREACHABLE, "down", "")), List.of(), List.of());
        history.remember(failed);
        assertEquals(report.startedAt(), history.previous("alice@db-1:22").orElseThrow().startedAt(), "the last good one stays");
    }
}
