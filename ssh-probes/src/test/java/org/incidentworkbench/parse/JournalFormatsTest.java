package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/**
 * The journal as {@code journalctl -o short-precise}, {@code short-iso} and {@code short-iso-precise} print it
 * (one capture of a journald run in a private mount namespace, read back in each format), and RFC 5424 lines
 * as util-linux {@code logger --rfc5424} sends them (captured from its socket).
 */
class JournalFormatsTest {

    private final LogsParser parser = new LogsParser();

    @Test
    void theThreeJournalFormatsReadTheSameEntries() {
        List<LogsReport> reports = List.of("short-precise", "short-iso", "short-iso-precise").stream()
                .map(f -> Fixtures.text("debian-12/journalctl-o-" + f + ".out"))
                .peek(t -> assertEquals("logs", Probes.guessParser(t).map(p -> p.info().name()).orElse("none")))
                .map(t -> Fixtures.parsed(parser, t)).toList();
        LogsReport precise = reports.get(0);
        assertEquals(Fixtures.text("debian-12/journalctl-o-short-precise.out").lines().count(), precise.entries().size());
        for (LogsReport r : reports) {
            assertEquals(precise.entries().stream().map(LogsReport.LogEntry::message).toList(),
                    r.entries().stream().map(LogsReport.LogEntry::message).toList());
            // a pasted "Mmm dd" journal line cannot be told from a syslog file's: either, never unread text
            r.entries().forEach(e -> assertTrue(List.of("journal", "syslog").contains(e.origin()), e.toString()));
            assertEquals(1, r.oomKills());
            assertEquals(1, r.ioErrors());
        }
        LogsReport.LogEntry oom = precise.entries().stream().filter(e -> e.flags().contains(LogsReport.OOM_KILL)).findFirst().orElseThrow();
        assertEquals(Optional.of("Dec 03 05:21:01.839787"), oom.timestamp());
        assertEquals(Optional.of("vm"), oom.host());
        assertEquals(Optional.of("kernel"), oom.source());
        assertEquals(Optional.of(7186L), oom.pid());
        assertTrue(reports.get(2).entries().get(0).timestamp().orElseThrow().matches("2026-12-03T05:21:01\\.\\d{6}\\+0000"));
    }

    @Test
    void rfc5424LinesGiveSeverityAppProcIdAndMessage() {
        String text = Fixtures.text("debian-12/syslog-5424--logger.out");
        assertEquals("logs", Probes.guessParser(text).map(p -> p.info().name()).orElse("none"));
        LogsReport r = Fixtures.parsed(parser, text);
        assertEquals(4, r.entries().size());
        assertEquals(List.of("crit", "info", "err", "warning"), r.entries().stream().map(LogsReport.LogEntry::severity).toList());
        assertEquals(List.of("myapp", "sshd", "kernel", "nginx"), r.entries().stream().map(e -> e.source().orElseThrow()).toList());
        assertEquals(List.of("disk error on sdb", "Accepted publickey for alice from 10.0.0.5 port 50522",
                "Out of memory: Killed process 4242 (java)", "upstream timed out (110: Connection timed out)"),
                r.entries().stream().map(LogsReport.LogEntry::message).toList());
        assertEquals(Optional.of(7420L), r.entries().get(3).pid());
        assertEquals(Optional.of("2026-12-03T05:21:08.354530+00:00"), r.entries().get(0).timestamp());
        r.entries().forEach(e -> assertEquals("syslog", e.origin()));
        assertEquals(1, r.oomKills());
    }

    @Test
    void rfc3164LinesFromLoggerStillRead() {
        LogsReport r = Fixtures.parsed(parser, Fixtures.text("debian-12/syslog-3164--logger.out"));
        assertEquals(List.of("info", "err"), r.entries().stream().map(LogsReport.LogEntry::severity).toList());
        assertEquals(Optional.of("cron"), r.entries().get(0).source());
    }
}
