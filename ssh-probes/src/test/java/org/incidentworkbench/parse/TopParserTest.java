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

class TopParserTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private final TopParser parser = new TopParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("top");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        // the live busy capture has procps 4's all-idle first frame: its CPU line is dropped with a warning
        boolean emptyFirstFrame = f.name().equals("top-b-n1-w512--empty-first-frame");
        Optional<TopReport> report = Fixtures.parse(parser, f, emptyFirstFrame ? 1 : 0);
        if (report.isEmpty()) {
            return;
        }
        TopReport r = report.get();
        assertEquals(!emptyFirstFrame, r.cpu().isPresent());
        assertTrue(r.memory().isPresent() && r.summary().isPresent(), f + " has cpu, memory, load");
        assertTrue(r.memory().get().totalBytes().orElseThrow() > 0);
        if (r.source().equals("top")) {
            assertTrue(r.tasks().isPresent() && !r.processes().isEmpty());
            r.processes().forEach(p -> assertTrue(!p.command().isEmpty() && p.cpuPercent().isPresent() && p.resBytes().isPresent(),
                    "complete row " + p));
        }
        if (f.json().isEmpty()) {
            return;
        }
        JsonNode all = f.expected();
        JsonNode e = all.get(all.size() - 1); // the last iteration
        double unit = f.name().contains("gib") ? GIB : 1024;
        assertEquals(e.get("time").asText(), r.summary().get().time().orElseThrow());
        assertEquals(e.get("load_1m").asDouble(), r.summary().get().load1().orElseThrow());
        assertEquals(e.get("tasks_total").asInt(), r.tasks().get().total().orElseThrow());
        assertEquals(e.get("tasks_zombie").asInt(), r.tasks().get().zombie().orElseThrow());
        CpuSplit c = r.cpu().get();
        assertEquals(e.get("cpu_user").asDouble(), c.userPercent().orElseThrow());
        assertEquals(e.get("cpu_sys").asDouble(), c.systemPercent().orElseThrow());
        assertEquals(e.get("cpu_idle").asDouble(), c.idlePercent().orElseThrow());
        assertEquals(e.get("cpu_wait").asDouble(), c.iowaitPercent().orElseThrow());
        assertEquals(e.get("cpu_steal").asDouble(), c.stealPercent().orElseThrow());
        TopReport.Memory m = r.memory().get();
        assertEquals(e.get("mem_total").asDouble(), m.totalBytes().orElseThrow() / unit, 0.001);
        assertEquals(e.get("mem_available").asDouble(), m.availableBytes().orElseThrow() / unit, 0.001);
        assertEquals(e.get("swap_total").asDouble(), m.swapTotalBytes().orElseThrow() / unit, 0.001);
        assertEquals(e.get("mem_buff_cache").asDouble(), m.buffCacheBytes().orElseThrow() / unit, 0.001);
        JsonNode procs = e.get("processes");
        assertEquals(procs.size(), r.processes().size());
        double procUnit = f.name().contains("gib") ? 1024.0 * 1024 : 1024;
        for (int i = 0; i < procs.size(); i++) {
            JsonNode p = procs.get(i);
            TopReport.TopProcess a = r.processes().get(i);
            assertEquals(p.get("pid").asLong(), a.pid());
            assertEquals(p.get("user").asText(), a.user().orElseThrow());
            assertEquals(p.get("nice").asInt(), a.nice().orElseThrow());
            assertEquals(p.get("percent_cpu").asDouble(), a.cpuPercent().orElseThrow());
            assertEquals(p.get("percent_mem").asDouble(), a.memPercent().orElseThrow());
            assertEquals(p.get("resident_mem").asDouble(), a.resBytes().orElseThrow() / procUnit, 0.001);
            assertEquals(p.get("time_hundredths").asText(), a.cpuTime().orElseThrow());
            assertEquals(p.get("command").asText(), a.command());
            assertEquals(java.util.Map.of("running", "R", "sleeping", "S", "zombie", "Z", "idle", "I", "stopped", "T")
                    .get(p.get("status").asText()), a.state().orElseThrow());
        }
    }

    @Test
    void debianSampleIsReadToTheByte() throws Exception {
        TopReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/top-b-n1.out"));
        assertEquals(100.0, r.cpu().orElseThrow().systemPercent().orElseThrow());
        assertEquals(Math.round(24105.1 * 1024 * 1024), r.memory().orElseThrow().totalBytes().orElseThrow());
        assertEquals(Math.round(23673.2 * 1024 * 1024), r.memory().orElseThrow().availableBytes().orElseThrow());
        assertEquals(1, r.tasks().orElseThrow().zombie().orElseThrow());
        assertEquals("Z", r.processes().stream().filter(p -> p.pid() == 175).findFirst().orElseThrow().state().orElseThrow());
    }

    @Test
    void procFallbackIsSinceBoot() throws Exception {
        TopReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/proc-stat--top-fallback.out"));
        assertEquals("/proc", r.source());
        CpuSplit c = r.cpu().orElseThrow();
        double sum = c.userPercent().get() + c.systemPercent().get() + c.nicePercent().get() + c.idlePercent().get()
                + c.iowaitPercent().get() + c.hardIrqPercent().get() + c.softIrqPercent().get() + c.stealPercent().get();
        assertEquals(100.0, sum, 0.001);
        assertTrue(r.memory().orElseThrow().availableBytes().isPresent());
        assertTrue(r.tasks().orElseThrow().blocked().isPresent());
    }

    @Test
    void oldTopWithKSuffixesAndPerCpuLines() {
        String text = """
                top - 11:24:50 up 2 min,  2 users,  load average: 0.23, 0.22, 0.09
                Tasks: 112 total,   1 running, 111 sleeping,   0 stopped,   0 zombie
                Cpu0  : 10.0%us,  0.0%sy,  0.0%ni, 80.0%id, 10.0%wa,  0.0%hi,  0.0%si,  0.0%st
                Cpu1  : 30.0%us,  0.0%sy,  0.0%ni, 50.0%id, 20.0%wa,  0.0%hi,  0.0%si,  0.0%st
                Mem:   3861332k total,   216940k used,  3446476k free,    11832k buffers
                Swap:  2097148k total,        0k used,  2097148k free,   186084k cached

                  PID USER      PR  NI  VIRT  RES  SHR S %CPU %MEM    TIME+  COMMAND
                 1935 kbrazil   20   0  158m 2108 1520 R  6.2  0.1   0:00.01 top -b -n 1
                """;
        TopReport r = Fixtures.parsed(parser, text);
        assertEquals(15.0, r.cpu().orElseThrow().iowaitPercent().orElseThrow(), 1e-9);
        assertEquals(3861332L * 1024, r.memory().orElseThrow().totalBytes().orElseThrow());
        assertEquals((11832L + 186084L) * 1024, r.memory().orElseThrow().buffCacheBytes().orElseThrow());
        assertEquals(158L * 1024 * 1024, r.processes().get(0).virtBytes().orElseThrow());
        assertEquals("top -b -n 1", r.processes().get(0).command());
    }

    @Test
    void twoCpusAndSwapBesideMemOnOneLine() throws Exception {
        TopReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/top-b-n2-w200--per-cpu-and-swap-side-by-side.out"));
        assertEquals(Math.round(24105.1 * 1024 * 1024), r.memory().orElseThrow().totalBytes().orElseThrow());
        assertEquals(0L, r.memory().orElseThrow().swapTotalBytes().orElseThrow());
        assertEquals(Math.round(18441.6 * 1024 * 1024), r.memory().orElseThrow().availableBytes().orElseThrow());
        assertEquals((97.9 + 83.3) / 2, r.cpu().orElseThrow().userPercent().orElseThrow(), 1e-9);
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("Processes: 300 total\nCPU usage: 3% user\n"));
    }
}
