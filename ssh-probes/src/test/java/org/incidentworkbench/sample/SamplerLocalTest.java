package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.LocalTransport;
import org.junit.jupiter.api.Test;

/** The real loop on this machine through {@link LocalTransport}: every metric family arrives, stop marks the gap. */
class SamplerLocalTest {

    @Test
    void samplesThisMachineAndStopsWithAGapMarkerPerSeries() throws Exception {
        List<MetricSample> points = Collections.synchronizedList(new ArrayList<>());
        SamplerConfig config = SamplerConfig.of(Duration.ofMillis(250)).withDfEvery(2);
        try (Sampler sampler = Sampler.start(new LocalTransport(), points::addAll, config)) {
            sampler.start(LocalTransport.HOST);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (sampler.status("local").orElseThrow().frames() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            HostStatus s = sampler.status("local").orElseThrow();
            assertEquals(State.SAMPLING, s.state(), s.toString());
            assertTrue(s.frames() >= 4, s.toString());
            assertTrue(s.clockOffset().orElseThrow().abs().compareTo(Duration.ofSeconds(1)) < 0, "same clock: " + s);
            assertEquals("bash", s.shell().orElseThrow());
            sampler.stop("local");
            assertEquals(State.STOPPED, sampler.status("local").orElseThrow().state());
        }
        List<MetricSample> all;
        synchronized (points) {
            all = new ArrayList<>(points);
        }
        Set<String> metrics = all.stream().filter(p -> !p.isGapMarker()).map(MetricSample::metric).collect(Collectors.toSet());
        for (String m : List.of("cpu.user", "cpu.idle", "ctxt.per_s", "load.1", "procs.running", "memory.total",
                "memory.available", "memory.used", "memory.cached", "swap.used", "swap.in_per_s", "swap.out_per_s", "disk.reads_per_s",
                "disk.write_bytes_per_s", "disk.await_ms", "disk.util", "net.rx_bytes", "net.tx_packets", "net.rx_errors", "net.tx_drops",
                "fs.used_pct", "fs.inodes_used_pct")) {
            assertTrue(metrics.contains(m), m + " missing; got " + metrics);
        }
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/pressure/io"))) {
            // the bash loop's shortened pressure lines: gauges from avg10, rates from the totals
            for (String m : List.of("pressure.some_avg10", "pressure.full_avg10", "pressure.some_pct", "pressure.full_pct")) {
                assertTrue(metrics.contains(m), m + " missing; got " + metrics);
            }
        }
        assertTrue(SampleMetrics.names().containsAll(metrics), "names outside the catalogue: " + metrics);
        // stopping ends every series with a gap marker (later than any of its points)
        java.util.Map<String, MetricSample> lastOfSeries = new java.util.HashMap<>();
        for (MetricSample p : all) {
            lastOfSeries.merge(p.seriesName(), p, (a, b) -> b.timestampMillis() >= a.timestampMillis() ? b : a);
        }
        List<String> open = lastOfSeries.values().stream().filter(p -> !p.isGapMarker()).map(MetricSample::seriesName).toList();
        assertEquals(List.of(), open, "series whose last point is not a gap marker");
    }
}
