package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.source.PressureSource;
import org.incidentworkbench.sample.source.PressureSource.Pressure;
import org.incidentworkbench.sample.source.ProcSources;
import org.junit.jupiter.api.Test;

/**
 * Pressure stall information through its source: fixtures are {@code head} of /proc/uptime and /proc/pressure/*
 * on Debian 12 (kernel 6.18, a busy 2-core VM), taken one second apart.
 */
class PressureSourceTest {

    private static ProcSnapshot fixture(int i) {
        try (InputStream in = PressureSourceTest.class.getResourceAsStream("/sample/pressure/debian-12-head-" + i + ".txt")) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return FrameParser.parse(new StreamEvent.Frame(i, 1_795_600_000_000_000L + i * 1_040_000L, body), 4096);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theKernelsLinesReadIntoSomeAndFullPerResource() {
        Map<String, Pressure> p = fixture(1).get(ProcSources.PRESSURE).orElseThrow();
        assertEquals(List.of("cpu", "memory", "io"), List.copyOf(p.keySet()));
        assertEquals(new Pressure(98.87, 1028923685L, OptionalDouble.of(0.0), OptionalLong.of(0)), p.get("cpu"));
        assertEquals(new Pressure(0.20, 9525452L, OptionalDouble.of(0.0), OptionalLong.of(3379583L)), p.get("io"));
    }

    @Test
    void gaugesAreTheTenSecondAveragesAndRatesTheShareOfTheStepFromTheTotals() {
        ProcSnapshot a = fixture(0);
        ProcSnapshot b = fixture(1);
        assertEquals(1.04, b.uptimeSeconds().getAsDouble() - a.uptimeSeconds().getAsDouble(), 1e-9);
        Map<String, Double> m = RateCalculatorTest.byName(RateCalculator.step("web-1", a, b, Duration.ofMillis(1040)));
        assertEquals(98.87, m.get("pressure.some_avg10{resource=cpu}"));
        assertEquals(0.20, m.get("pressure.some_avg10{resource=io}"));
        assertEquals(0.0, m.get("pressure.full_avg10{resource=memory}"));
        // (1028923685 - 1027888940) us stalled in 1.04 s
        assertEquals(1_034_745 / 10_400.0, m.get("pressure.some_pct{resource=cpu}"), 1e-9);
        assertEquals(29_970 / 10_400.0, m.get("pressure.some_pct{resource=io}"), 1e-9);
        assertEquals(0.0, m.get("pressure.full_pct{resource=io}"));
        assertEquals(0.0, m.get("pressure.some_pct{resource=memory}"));
        Map<String, Double> first = RateCalculatorTest.byName(RateCalculator.gauges("web-1", a));
        assertTrue(first.keySet().stream().noneMatch(k -> k.startsWith("pressure.some_pct")), "no rate from one frame");
    }

    @Test
    void theBashLoopsShortenedLinesReadTheSame() {
        String body = """
                ==> /proc/pressure/cpu <==
                some avg10=98.87 total=1028923685
                full avg10=0.00 total=0

                ==> /proc/pressure/io <==
                some avg10=0.20 total=9525452
                """;
        Map<String, Pressure> p = FrameParser.parse(new StreamEvent.Frame(2, 1, body), 4096).get(ProcSources.PRESSURE).orElseThrow();
        assertEquals(fixture(1).get(ProcSources.PRESSURE).orElseThrow().get("cpu"), p.get("cpu"));
        assertEquals(new Pressure(0.20, 9525452L, OptionalDouble.empty(), OptionalLong.empty()), p.get("io"));
    }

    @Test
    void aKernelWithoutPressureFilesGivesNoWarningAndNoPressureMetrics() throws Exception {
        List<StreamEvent.Frame> frames = Fixtures.frames(Fixtures.BASH);
        ProcSnapshot s = FrameParser.parse(frames.get(1), 4096);
        assertEquals(List.of(), s.warnings());
        assertTrue(s.get(ProcSources.PRESSURE).isEmpty());
        assertTrue(RateCalculator.step("h", FrameParser.parse(frames.get(0), 4096), s, Duration.ofSeconds(1)).stream()
                .noneMatch(p -> p.metric().startsWith("pressure.")));
    }

    @Test
    void theCatalogueListsPressureWithItsUnitAndLabelAndTheLoopReadsItsFiles() {
        assertEquals("%", SampleMetrics.unit(PressureSource.SOME_PCT));
        assertEquals(List.of("resource"), SampleMetrics.find(PressureSource.FULL_AVG10).orElseThrow().labels());
        String loop = SamplerScript.source();
        assertTrue(loop.contains("/proc/pressure/cpu /proc/pressure/memory /proc/pressure/io"), loop);
        assertTrue(loop.contains("/proc/pressure/*) s=$c"), loop);
        String names = SampleMetrics.names().stream().filter(n -> n.startsWith("pressure.")).collect(Collectors.joining(","));
        assertEquals("pressure.some_avg10,pressure.full_avg10,pressure.some_pct,pressure.full_pct", names);
    }
}
