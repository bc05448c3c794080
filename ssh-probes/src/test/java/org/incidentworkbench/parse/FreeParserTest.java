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

class FreeParserTest {

    private final FreeParser parser = new FreeParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("free");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<FreeReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        FreeReport r = report.get();
        assertTrue(r.memTotalBytes().orElseThrow() > 256L * 1024 * 1024, f + ": a plausible RAM size " + r);
        assertTrue(r.memAvailableBytes().isPresent() && r.memBuffCacheBytes().isPresent() && r.swapTotalBytes().isPresent());
        if (f.json().isEmpty()) {
            return;
        }
        JsonNode mem = f.expected().get(0);
        JsonNode swap = f.expected().get(1);
        if (r.unit().equals("human")) {
            // jc reads free -h's G as 10^9; procps means 2^30 (and prints Gi since 3.3.10), so ours is 7.4 % larger
            assertEquals(mem.get("total").asDouble() * 1.073741824, r.memTotalBytes().orElseThrow(), 1e6);
            assertEquals(mem.get("used").asDouble() * 1.048576, r.memUsedBytes().orElseThrow(), 1e6);
            return;
        }
        assertEquals(mem.get("total").asLong() * 1024, r.memTotalBytes().orElseThrow());
        assertEquals(mem.get("used").asLong() * 1024, r.memUsedBytes().orElseThrow());
        assertEquals(mem.get("free").asLong() * 1024, r.memFreeBytes().orElseThrow());
        assertEquals(mem.get("shared").asLong() * 1024, r.memSharedBytes().orElseThrow());
        assertEquals(mem.get("available").asLong() * 1024, r.memAvailableBytes().orElseThrow());
        if (mem.has("buffers")) {
            assertEquals(mem.get("buffers").asLong() * 1024, r.memBuffersBytes().orElseThrow());
            assertEquals(mem.get("cache").asLong() * 1024, r.memCacheBytes().orElseThrow());
        } else {
            assertEquals(mem.get("buff_cache").asLong() * 1024, r.memBuffCacheBytes().orElseThrow());
        }
        assertEquals(swap.get("total").asLong() * 1024, r.swapTotalBytes().orElseThrow());
        assertEquals(swap.get("free").asLong() * 1024, r.swapFreeBytes().orElseThrow());
    }

    @Test
    void megabytesAreRecognisedByMagnitudeOrCommandLine() throws Exception {
        FreeReport guessed = Fixtures.parsed(parser, DfParserTest.read("debian-12/free-m.out"));
        assertEquals("MiB", guessed.unit());
        assertTrue(guessed.unitGuessed());
        assertEquals(24105L * 1024 * 1024, guessed.memTotalBytes().orElseThrow());
        FreeReport said = Fixtures.parsed(parser, "$ free -m\n" + DfParserTest.read("debian-12/free-m.out"));
        assertTrue(!said.unitGuessed());
        assertEquals(23437L * 1024 * 1024, said.memAvailableBytes().orElseThrow());
    }

    @Test
    void oldFreeWithBuffersCachedLine() {
        FreeReport r = Fixtures.parsed(parser, """
                             total       used       free     shared    buffers     cached
                Mem:       3861332    3000000     861332      11832      61596     898640
                -/+ buffers/cache:    2039764    1821568
                Swap:      2097148     100000    1997148
                """);
        assertEquals((61596L + 898640L) * 1024, r.memBuffCacheBytes().orElseThrow());
        assertTrue(r.memAvailableBytes().isEmpty());
        assertEquals(100000L * 1024, r.swapUsedBytes().orElseThrow());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("Mach Virtual Memory Statistics: (page size of 4096 bytes)\n"));
    }
}
