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

class UptimeParserTest {

    private final UptimeParser parser = new UptimeParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("uptime");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<UptimeReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        UptimeReport r = report.get();
        assertTrue(r.load1().isPresent() && r.uptimeSeconds().isPresent() && r.time().isPresent());
        if (f.json().isPresent()) {
            JsonNode e = f.expected();
            assertEquals(e.get("time").asText(), r.time().orElseThrow());
            assertEquals(e.get("users").asInt(), r.users().orElseThrow());
            assertEquals(e.get("load_1m").asDouble(), r.load1().orElseThrow());
            assertEquals(e.get("load_5m").asDouble(), r.load5().orElseThrow());
            assertEquals(e.get("load_15m").asDouble(), r.load15().orElseThrow());
            assertEquals(e.get("uptime_total_seconds").asLong(), r.uptimeSeconds().orElseThrow());
        }
    }

    @Test
    void procSectionsGiveExactUptimeEntitiesAndCores() {
        String text = " 19:43:05 up 12 min,  0 user,  load average: 0.84, 0.76, 0.36\n"
                + Sections.marker("/proc/uptime") + "\n734.52 1436.01\n"
                + Sections.marker("/proc/loadavg") + "\n0.84 0.76 0.36 2/187 1234\n"
                + Sections.marker("nproc") + "\n2\n";
        UptimeReport r = Fixtures.parsed(parser, text);
        assertEquals(734L, r.uptimeSeconds().orElseThrow());
        assertEquals(2, r.cpuCores().orElseThrow());
        assertEquals(2, r.runnableEntities().orElseThrow());
        assertEquals(187, r.totalEntities().orElseThrow());
        assertEquals(0, r.users().orElseThrow());
    }

    @Test
    void loadavgAloneIsEnough() {
        UptimeReport r = Fixtures.parsed(parser, Sections.marker("/proc/loadavg") + "\n4.00 3.00 2.00 5/100 99\n");
        assertEquals(4.0, r.load1().orElseThrow());
        assertTrue(r.time().isEmpty());
    }

    @Test
    void daysAndMinutesForms() {
        assertEquals(5 * 86400L + 3 * 60, Fixtures.parsed(parser,
                " 10:00:00 up 5 days,  3 min,  1 user,  load average: 0.00, 0.00, 0.00").uptimeSeconds().orElseThrow());
        assertEquals(86400L, Fixtures.parsed(parser,
                " 10:00:00 up 1 day,  2 users,  load average: 0.00, 0.00, 0.00").uptimeSeconds().orElseThrow());
    }

    @Test
    void decimalCommasOfAPastedGermanLocale() {
        UptimeReport r = Fixtures.parsed(parser, " 19:43:05 up 12 min,  2 users,  load average: 0,84, 0,76, 12,36");
        assertEquals(0.84, r.load1().orElseThrow());
        assertEquals(0.76, r.load5().orElseThrow());
        assertEquals(12.36, r.load15().orElseThrow());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("hello world\n"));
    }
}
