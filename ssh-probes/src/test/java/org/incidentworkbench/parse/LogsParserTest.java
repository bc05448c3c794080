package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogsParserTest {

    private final LogsParser parser = new LogsParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("logs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        // jc's RFC 3164 sample holds two lines on purpose that are not valid syslog: <3444> and "<7>unparsable line"
        int bad = f.name().equals("syslog-3164") ? 2 : 0;
        Optional<LogsReport> report = Fixtures.parse(parser, f, bad);
        if (report.isEmpty()) {
            return;
        }
        LogsReport r = report.get();
        long lines = f.text().lines().filter(l -> !l.isBlank() && !l.startsWith("####")).count();
        assertEquals(lines, r.entries().size() + r.notes().size(), "every line is an entry or a note");
        assertEquals(r.entries().size(), r.countBySeverity().values().stream().mapToInt(Integer::intValue).sum());
        if (f.json().isEmpty()) {
            return;
        }
        JsonNode expected = f.expected();
        assertEquals(expected.size(), r.entries().size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            LogsReport.LogEntry a = r.entries().get(i);
            if (e.has("unparsable")) {
                assertTrue(a.severityInferred(), "bad line " + a);
                continue;
            }
            assertEquals(e.get("date").asText(), a.timestamp().orElseThrow());
            assertEquals(e.get("hostname").asText(), a.host().orElseThrow());
            // we keep "sshd(pam_unix)" as the source; jc splits it into tag "sshd" and content "(pam_unix)..."
            assertEquals(e.get("tag").isNull() ? Optional.empty() : Optional.of(e.get("tag").asText()),
                    a.source().map(s -> s.replaceFirst("\\(\\w+\\)$", "")));
            String content = e.get("content").asText();
            String ours = a.pid().map(p -> "[" + p + "]: ").orElse("") + a.message();
            assertEquals(content.replaceFirst("^\\((\\w+)\\)", ""), ours.replaceFirst("^\\((\\w+)\\)", ""));
            if (!e.get("priority").isNull()) {
                assertEquals(LogsParser.SEVERITIES[e.get("priority").asInt() % 8], a.severity());
                assertTrue(!a.severityInferred());
            }
        }
    }

    @Test
    void probeWithoutJournalFlagsTheSegfault() throws Exception {
        LogsReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/logs--probe-no-journal-segfault.out"));
        assertEquals(List.of("No journal files were found.", "-- No entries --"), r.notes());
        assertEquals(1, r.segfaults());
        LogsReport.LogEntry segv = r.flagged(LogsReport.SEGFAULT).get(0);
        assertEquals("python3", segv.source().orElseThrow());
        assertEquals(32302L, segv.pid().orElseThrow());
        assertEquals("err", segv.severity());
        assertEquals("Wed Nov 25 07:38:23 2026", segv.timestamp().orElseThrow());
        assertTrue(r.entries().stream().allMatch(e -> e.origin().equals("dmesg")));
    }

    @Test
    void dmesgLevelsFromTheXPrefix() throws Exception {
        LogsReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/dmesg-x.out"));
        assertTrue(r.entries().stream().noneMatch(LogsReport.LogEntry::severityInferred));
        assertTrue(r.countBySeverity().get("info") > 0);
    }

    @Test
    void oomKillsAndIoErrorsAreCounted() {
        String text = Sections.marker("journalctl") + "\n"
                + "2026-11-25T07:01:02+0000 web-1 kernel: java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0\n"
                + "2026-11-25T07:01:02+0000 web-1 kernel: oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/app.service,task=java,pid=4242,uid=1000\n"
                + "2026-11-25T07:01:02+0000 web-1 kernel: Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:6012345kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12345kB oom_score_adj:0\n"
                + "2026-11-25T07:03:00+0000 web-1 kernel: blk_update_request: I/O error, dev sdb, sector 123456 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0\n"
                + "2026-11-25T07:03:00+0000 web-1 kernel: Buffer I/O error on dev sdb1, logical block 15432, async page read\n"
                + "2026-11-25T07:03:01+0000 web-1 kernel: EXT4-fs error (device sdb1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0\n"
                + "2026-11-25T07:04:00+0000 web-1 sshd[812]: Connection closed by 203.0.113.9 port 52022 [preauth]\n"
                + "    continued detail line\n"
                + Sections.marker("dmesg") + "\n"
                + "[  873.114402] Out of memory: Killed process 4243 (python3) total-vm:812345kB, anon-rss:601234kB\n"
                + "dmesg: read kernel buffer failed: Operation not permitted\n";
        LogsReport r = Fixtures.parsed(parser, text);
        assertEquals(2, r.oomKills(), "one kill per \"Killed process\" line: " + r.flagged(LogsReport.OOM_KILL));
        assertEquals(List.of(LogsReport.OOM), r.entries().get(1).flags(), "the oom-kill: summary line is context, not a second kill");
        assertEquals(3, r.ioErrors());
        assertEquals(0, r.segfaults());
        assertEquals(1, r.notes().size());
        assertEquals("journal", r.entries().get(0).origin());
        assertEquals("warning", r.entries().get(6).severity(), "the journal probe asks for -p warning");
        assertTrue(r.entries().get(6).message().endsWith("continued detail line"));
        assertEquals(873.114402, r.entries().get(7).kernelSeconds().orElseThrow());
        assertEquals("crit", r.entries().get(7).severity());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("hello\nworld\n"));
        assertEquals(List.of(), Fixtures.parsed(parser, "").entries());
    }
}
