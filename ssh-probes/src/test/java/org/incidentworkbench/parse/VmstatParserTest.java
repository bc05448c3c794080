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

class VmstatParserTest {

    private final VmstatParser parser = new VmstatParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("vmstat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<VmstatReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        VmstatReport r = report.get();
        long rows = f.text().lines().filter(l -> !l.isBlank()).count() - 2;
        assertEquals(rows, r.samples().size() + r.disks().size(), "one record per line");
        for (VmstatReport.Sample s : r.samples()) {
            assertTrue(s.runnable().isPresent() && s.freeBytes().isPresent() && s.cpu().idlePercent().isPresent()
                    && s.swapOutBytesPerSecond().isPresent(), "complete " + s);
            assertEquals(f.name().substring("vmstat".length()).contains("t"), s.timestamp().isPresent());
        }
        if (f.json().isEmpty()) {
            return;
        }
        JsonNode expected = f.expected();
        assertEquals(expected.size(), r.samples().size() + r.disks().size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            if (e.has("disk")) {
                VmstatReport.DiskRow d = r.disks().get(i);
                assertEquals(e.get("disk").asText(), d.disk());
                assertEquals(e.get("total_reads").asLong(), d.reads().orElseThrow());
                assertEquals(e.get("sectors_written").asLong(), d.sectorsWritten().orElseThrow());
                assertEquals(e.get("io_seconds").asLong(), d.ioSeconds().orElseThrow());
                assertEquals(e.get("timestamp").isNull() ? Optional.empty() : Optional.of(e.get("timestamp").asText()), d.timestamp());
                continue;
            }
            VmstatReport.Sample s = r.samples().get(i);
            assertEquals(e.get("runnable_procs").asLong(), s.runnable().orElseThrow());
            assertEquals(e.get("uninterruptible_sleeping_procs").asLong(), s.blocked().orElseThrow());
            assertEquals(e.get("free_mem").asLong() * 1024, s.freeBytes().orElseThrow());
            assertEquals(e.get("virtual_mem_used").asLong() * 1024, s.swapUsedBytes().orElseThrow());
            if (!e.get("buffer_mem").isNull()) {
                assertEquals(e.get("buffer_mem").asLong() * 1024, s.buffersBytes().orElseThrow());
                assertEquals(e.get("cache_mem").asLong() * 1024, s.cacheBytes().orElseThrow());
            } else {
                assertEquals(e.get("inactive_mem").asLong() * 1024, s.inactiveBytes().orElseThrow());
                assertEquals(e.get("active_mem").asLong() * 1024, s.activeBytes().orElseThrow());
            }
            assertEquals(e.get("blocks_out").asLong(), s.blocksOutPerSecond().orElseThrow());
            assertEquals(e.get("context_switches").asLong(), s.contextSwitchesPerSecond().orElseThrow());
            assertEquals(e.get("idle_time").asDouble(), s.cpu().idlePercent().orElseThrow());
            assertEquals(e.get("io_wait_time").asDouble(), s.cpu().iowaitPercent().orElseThrow());
            if (e.has("timestamp") && !e.get("timestamp").isNull()) {
                assertEquals(e.get("timestamp").asText(), s.timestamp().orElseThrow());
            }
        }
    }

    @Test
    void megabyteUnitsFromThePastedCommandLine() {
        VmstatReport r = Fixtures.parsed(parser, """
                $ vmstat -S M 1 1
                procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----
                 r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st
                 2  1    100  22805     12    884    5   40  1049   395  237  462 18  3 59 20  0
                """);
        VmstatReport.Sample s = r.samples().get(0);
        assertEquals(22805L * 1024 * 1024, s.freeBytes().orElseThrow());
        assertEquals(40L * 1024 * 1024, s.swapOutBytesPerSecond().orElseThrow());
        assertEquals(1L, s.blocked().orElseThrow());
        assertEquals(20.0, s.cpu().iowaitPercent().orElseThrow());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("     24683656 K total memory\n       661604 K used memory\n"));
    }
}
