package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WParserTest {

    private final WParser parser = new WParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("w");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<WReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        if (f.json().isPresent()) {
            JsonNode e = f.expected();
            assertEquals(e.size(), report.get().sessions().size());
            for (int i = 0; i < e.size(); i++) {
                WReport.Session s = report.get().sessions().get(i);
                assertEquals(e.get(i).get("user").asText(), s.user());
                assertEquals(e.get(i).get("tty").asText(), s.tty());
                assertEquals(e.get(i).get("from").isNull() ? Optional.empty() : Optional.of(e.get(i).get("from").asText()), s.from());
                assertEquals(e.get(i).get("login_at").asText(), s.loginAt().orElseThrow());
                assertEquals(e.get(i).get("idle").asText(), s.idle().orElseThrow());
                assertEquals(e.get(i).get("what").asText(), s.what().orElseThrow());
            }
        }
    }

    @Test
    void idleTimesBecomeSeconds() {
        WReport r = Fixtures.parsed(parser, read("centos-7.7/w.out"));
        assertEquals(32 * 60 + 16L, r.sessions().get(0).idleSeconds().orElseThrow());
        assertEquals(8L, r.sessions().get(1).idleSeconds().orElseThrow());
        assertEquals(2, r.summary().orElseThrow().users().orElseThrow());
    }

    @Test
    void whoFallbackSection() {
        String text = Sections.marker("who -u") + "\nroot     pts/0        2026-11-25 07:01   .          1234 (10.0.0.1)\n"
                + "alice    tty1         2026-11-24 21:00 01:10          987\n";
        WReport r = Fixtures.parsed(parser, text);
        assertEquals("who -u", r.source());
        assertEquals(2, r.sessions().size());
        assertEquals("10.0.0.1", r.sessions().get(0).from().orElseThrow());
        assertEquals(0L, r.sessions().get(0).idleSeconds().orElseThrow());
        assertEquals(4200L, r.sessions().get(1).idleSeconds().orElseThrow());
        assertTrue(r.sessions().get(1).from().isEmpty());
    }

    @Test
    void shortAndNoFromVariantsByHeader() {
        WReport s = Fixtures.parsed(parser, """
                 10:25:20 up 16:03,  2 users,  load average: 0.00, 0.01, 0.05
                USER     TTY      FROM              IDLE WHAT
                alice    pts/1    203.0.113.7       1:05m vim /etc/nginx/nginx.conf
                bob      tty1                       2days -bash
                """);
        assertEquals("vim /etc/nginx/nginx.conf", s.sessions().get(0).what().orElseThrow());
        assertEquals(3900L, s.sessions().get(0).idleSeconds().orElseThrow());
        assertTrue(s.sessions().get(1).from().isEmpty());
        assertEquals(2 * 86400L, s.sessions().get(1).idleSeconds().orElseThrow());
        WReport f = Fixtures.parsed(parser, """
                USER     TTY       LOGIN@   IDLE   JCPU   PCPU WHAT
                alice    pts/1     09:53    8.00s  0.10s  0.00s top
                """);
        assertEquals("09:53", f.sessions().get(0).loginAt().orElseThrow());
        assertEquals("top", f.sessions().get(0).what().orElseThrow());
        assertTrue(f.summary().isEmpty());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("Filesystem Size\n/dev/sda 1G\n"));
    }

    static String read(String path) {
        try {
            return java.nio.file.Files.readString(Fixtures.root().resolve("jc").resolve(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
