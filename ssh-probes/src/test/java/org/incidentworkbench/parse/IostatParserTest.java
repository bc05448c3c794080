package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IostatParserTest {

    private final IostatParser parser = new IostatParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("iostat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<IostatReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        IostatReport r = report.get();
        assertTrue(!r.devices().isEmpty(), f + " has devices");
        boolean extended = f.name().contains("x") || f.name().contains("proc");
        for (IostatReport.Device d : r.devices()) {
            assertTrue(d.readBytesPerSecond().isPresent() && d.writeBytesPerSecond().isPresent(), d.name() + " throughput");
            if (extended) {
                assertTrue(d.utilPercent().isPresent() && d.awaitMillis().isPresent() && d.averageQueueSize().isPresent(),
                        d.name() + " util, await, queue");
            }
        }
        if (f.json().isEmpty()) {
            return;
        }
        // jc lists every report; ours is the last one
        JsonNode all = f.expected();
        List<JsonNode> last = new ArrayList<>();
        JsonNode lastCpu = null;
        for (JsonNode n : all) {
            if (n.get("type").asText().equals("cpu")) {
                last.clear();
                lastCpu = n;
            } else {
                last.add(n);
            }
        }
        assertEquals(last.size(), r.devices().size());
        double mb = f.name().contains("m") ? 1024.0 * 1024 : 1024.0;
        for (int i = 0; i < last.size(); i++) {
            JsonNode e = last.get(i);
            IostatReport.Device d = r.devices().get(i);
            assertEquals(e.get("device").asText(), d.name());
            if (e.has("percent_util")) {
                assertEquals(e.get("percent_util").asDouble(), d.utilPercent().orElseThrow());
                assertEquals(e.get("await").asDouble(), d.awaitMillis().orElseThrow());
                assertEquals(e.get("avgqu_sz").asDouble(), d.averageQueueSize().orElseThrow());
                assertEquals(e.get("r_s").asDouble(), d.readsPerSecond().orElseThrow());
                assertEquals(e.get("w_s").asDouble(), d.writesPerSecond().orElseThrow());
                String rk = e.has("rkb_s") ? "rkb_s" : "rmb_s";
                assertEquals(e.get(rk).asDouble() * mb, d.readBytesPerSecond().orElseThrow(), 1e-6);
            } else {
                assertEquals(e.get("tps").asDouble(), d.transfersPerSecond().orElseThrow());
                String rk = e.has("kb_read_s") ? "kb_read_s" : "mb_read_s";
                String total = e.has("kb_read") ? "kb_read" : "mb_read";
                assertEquals(e.get(rk).asDouble() * mb, d.readBytesPerSecond().orElseThrow(), 1e-6);
                assertEquals(Math.round(e.get(total).asDouble() * mb), d.readBytesTotal().orElseThrow());
            }
        }
        assertEquals(lastCpu.get("percent_iowait").asDouble(), r.cpu().orElseThrow().iowaitPercent().orElseThrow());
        assertEquals(lastCpu.get("percent_idle").asDouble(), r.cpu().orElseThrow().idlePercent().orElseThrow());
    }

    @Test
    void probeInvocationUsesTheLastReport() throws Exception {
        IostatReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/iostat-dxk-1-2.out"));
        assertEquals(2, r.reports());
        assertEquals(2, r.cpuCount().orElseThrow());
        IostatReport.Device vda = r.devices().get(0);
        assertEquals(5.0, vda.readsPerSecond().orElseThrow());
        assertEquals(32.0 * 1024, vda.readBytesPerSecond().orElseThrow());
        assertEquals((0.40 * 5 + 0.33 * 3) / 8, vda.awaitMillis().orElseThrow(), 1e-9);
        assertEquals(0.0, vda.utilPercent().orElseThrow());
        assertEquals(6.40, vda.other().get("rareq-sz"));
        assertEquals(86.96, vda.other().get("%wrqm"));
        assertTrue(!vda.other().containsKey("r/s"));
    }

    @Test
    void diskstatsFallbackComputesRatesOverTheUptimeDelta() throws Exception {
        IostatReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/proc-diskstats--busy-writer.out"));
        assertEquals("/proc/diskstats", r.source());
        IostatReport.Device vda = r.devices().stream().filter(d -> d.name().equals("vda")).findFirst().orElseThrow();
        assertTrue(r.devices().stream().noneMatch(d -> d.name().startsWith("loop")), "idle loop devices left out");
        assertTrue(vda.writesPerSecond().orElseThrow() > 1000, "the dd writer shows: " + vda);
        assertTrue(vda.utilPercent().orElseThrow() > 10 && vda.utilPercent().orElseThrow() <= 100, "util " + vda);
    }

    @Test
    void partitionsAreRecognised() {
        java.util.Set<String> all = java.util.Set.of("sda", "sda1", "nvme0n1", "nvme0n1p2", "dm-0");
        assertTrue(ProcDiskstats.isPartition("sda1", all));
        assertTrue(ProcDiskstats.isPartition("nvme0n1p2", all));
        assertTrue(!ProcDiskstats.isPartition("nvme0n1", all));
        assertTrue(!ProcDiskstats.isPartition("dm-0", all));
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse(
                "              disk0 \n    KB/t  tps  MB/s \n   23.11   12  0.27 \n"));
    }
}
