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

class PsParserTest {

    private final PsParser parser = new PsParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("ps");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<PsReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        List<PsReport.ProcessRow> ps = report.get().processes();
        // the /proc variant: one process per stat line of its second read (BusyBoxFormatsTest checks it)
        long rows = f.name().startsWith("proc-pid") ? ps.size() : f.text().lines().filter(l -> !l.isBlank()).count() - 1;
        assertEquals(rows, ps.size(), "one process per row");
        ps.forEach(p -> assertTrue(!p.command().isEmpty(), "command of " + p.pid()));
        if (f.json().isEmpty()) {
            return;
        }
        JsonNode expected = f.expected();
        assertEquals(expected.size(), ps.size());
        for (int i = 0; i < ps.size(); i++) {
            JsonNode e = expected.get(i);
            PsReport.ProcessRow a = ps.get(i);
            assertEquals(e.get("pid").asLong(), a.pid());
            if (e.has("cpu_percent")) {
                assertEquals(e.get("user").asText(), a.user().orElseThrow());
                assertEquals(e.get("cpu_percent").asDouble(), a.cpuPercent().orElseThrow());
                assertEquals(e.get("mem_percent").asDouble(), a.memPercent().orElseThrow());
                assertEquals(e.get("rss").asLong() * 1024, a.rssBytes().orElseThrow());
                assertEquals(e.get("vsz").asLong() * 1024, a.vszBytes().orElseThrow());
                assertEquals(e.get("stat").asText(), a.state().orElseThrow());
                assertEquals(e.get("start").asText(), a.started().orElseThrow());
                assertEquals(e.get("time").asText(), a.cpuTime().orElseThrow());
                assertEquals(e.get("command").asText(), a.command());
            } else {
                assertEquals(e.get("uid").asText(), a.user().orElseThrow());
                assertEquals(e.get("ppid").asLong(), a.ppid().orElseThrow());
                assertEquals(e.get("c").asDouble(), a.cpuPercent().orElseThrow());
                assertEquals(e.get("cmd").asText(), a.command());
                assertEquals(e.get("stime").asText(), a.started().orElseThrow());
            }
            assertEquals(e.get("tty").isNull() ? Optional.empty() : Optional.of(e.get("tty").asText()), a.tty());
        }
    }

    @Test
    void probeInvocationGivesCommAndArgsApart() throws Exception {
        PsReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/ps-eo.out"));
        PsReport.ProcessRow init = r.processes().get(0);
        assertEquals(1L, init.pid());
        assertEquals("busy.sh", init.comm().orElseThrow());
        assertEquals("/bin/bash /usr/local/bin/loadgen.sh", init.command());
        assertEquals(3104L * 1024, init.rssBytes().orElseThrow());
        assertEquals(2L, init.elapsedSeconds().orElseThrow());
        assertEquals(List.of(175L), r.inState('Z').stream().map(PsReport.ProcessRow::pid).toList());
        assertEquals(6L, r.topByCpu(1).get(0).pid());
        assertEquals(4L, r.topByRss(1).get(0).pid());
    }

    @Test
    void commWithSpacesAndLongUserStayWhole() {
        String text = """
                    PID    PPID USER     STAT %CPU %MEM   RSS    VSZ ELAPSED COMMAND         COMMAND
                   4242       1 alice    Sl   12.5  3.1 512000 2000000  3600 Web Content     /usr/lib/firefox/firefox -contentproc
                   4243       1 postgres-admin Ss 0.0 0.1  1000   2000    61 postgres        postgres: checkpointer
                """;
        PsReport r = Fixtures.parsed(parser, text);
        assertEquals("Web Content", r.processes().get(0).comm().orElseThrow());
        assertEquals("/usr/lib/firefox/firefox -contentproc", r.processes().get(0).command());
        assertEquals("postgres-admin", r.processes().get(1).user().orElseThrow());
        assertEquals("postgres", r.processes().get(1).comm().orElseThrow());
        assertEquals("postgres: checkpointer", r.processes().get(1).command());
    }

    @Test
    void etimeFormatAndUnknownColumns() {
        String text = """
                  PID S     ELAPSED  NI WCHAN  CMD
                    1 S  3-04:05:06   0 -      /sbin/init splash
                """;
        PsReport.ProcessRow p = Fixtures.parsed(parser, text).processes().get(0);
        assertEquals(3 * 86400L + 4 * 3600 + 5 * 60 + 6, p.elapsedSeconds().orElseThrow());
        assertEquals("0", p.other().get("NI"));
        assertEquals("/sbin/init splash", p.command());
        assertEquals('S', p.stateLetter().orElseThrow());
    }

    @Test
    void freeTextColumnsFirstAndInTheMiddle() {
        PsReport r = Fixtures.parsed(parser, """
                COMMAND             PID                  STARTED CMD
                Web Content        4242 Tue Nov 25 07:23:07 2026 /usr/lib/firefox/firefox -contentproc
                kworker/0:1H-kb     123 Tue Nov 25 07:23:07 2026 [kworker/0:1H-kblockd]
                """);
        PsReport.ProcessRow web = r.processes().get(0);
        assertEquals(4242L, web.pid());
        assertEquals("Web Content", web.comm().orElseThrow());
        assertEquals("/usr/lib/firefox/firefox -contentproc", web.command());
        assertEquals("Tue Nov 25 07:23:07 2026", web.started().orElseThrow());
        assertEquals("[kworker/0:1H-kblockd]", r.processes().get(1).command());
    }

    @Test
    void badNumberIsEmptyWithWarning() {
        ParseOutcome<PsReport> o = parser.parse("  PID %CPU CMD\n    1 x.y init\n");
        ParseOutcome.Parsed<PsReport> p = assertInstanceOf(ParseOutcome.Parsed.class, o);
        assertTrue(p.value().processes().get(0).cpuPercent().isEmpty());
        assertEquals(1, p.warnings().size());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("Filesystem Size\n/dev/sda 1G\n"));
    }
}
