package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.source.StatSource.CpuTimes;
import org.incidentworkbench.sample.source.DiskstatsSource.DiskCounters;
import org.incidentworkbench.sample.source.NetDevSource.NetCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.ProcSource;
import org.incidentworkbench.sample.source.StatSource;
import org.incidentworkbench.sample.source.MeminfoSource;
import org.incidentworkbench.sample.source.LoadavgSource;
import org.incidentworkbench.sample.source.VmstatSource;

class RateCalculatorTest {

    @ParameterizedTest(name = "the first frame of {0} gives gauges only")
    @ValueSource(strings = {Fixtures.BASH, Fixtures.DASH})
    void firstFrameGivesGaugesOnly(String fixture) {
        List<MetricSample> points = RateCalculator.gauges("web-1", Fixtures.snapshots(fixture).get(0));
        Map<String, Double> byName = byName(points);
        assertTrue(byName.keySet().containsAll(List.of("load.1", "procs.running", "memory.total", "memory.used",
                "memory.available", "memory.cached", "swap.used", "fs.used_pct{mount=/}", "fs.inodes_used_pct{mount=/}")), byName.keySet().toString());
        assertTrue(points.stream().noneMatch(p -> p.metric().startsWith("cpu.") || p.metric().startsWith("disk.")
                || p.metric().startsWith("net.") || p.metric().equals("swap.in_per_s")), byName.keySet().toString());
    }

    @ParameterizedTest(name = "rates between recorded frames of {0} show the CPU and disk load of the recording")
    @ValueSource(strings = {Fixtures.BASH, Fixtures.DASH})
    void recordedLoadShows(String fixture) {
        List<ProcSnapshot> s = Fixtures.snapshots(fixture);
        for (int i = 1; i < s.size(); i++) {
            StreamContinuity.Verdict v = StreamContinuity.between(s.get(i - 1), s.get(i), Duration.ofSeconds(1));
            Duration elapsed = assertInstanceOf(StreamContinuity.Verdict.Continuous.class, v).elapsed();
            assertTrue(elapsed.toMillis() > 900 && elapsed.toMillis() < 1300, elapsed.toString());
            Map<String, Double> m = byName(RateCalculator.step("web-1", s.get(i - 1), s.get(i), elapsed));
            double split = m.get("cpu.user") + m.get("cpu.nice") + m.get("cpu.system") + m.get("cpu.iowait") + m.get("cpu.irq")
                    + m.get("cpu.softirq") + m.get("cpu.steal") + m.get("cpu.idle");
            assertEquals(100.0, split, 1e-9);
            assertTrue(m.get("ctxt.per_s") > 0);
            assertTrue(m.containsKey("net.rx_bytes{iface=eth0}") && m.containsKey("disk.util{device=vda}"), m.keySet().toString());
        }
        // one busy loop on two CPUs: user time near 50 % in the first second of the recording
        Map<String, Double> first = byName(RateCalculator.step("web-1", s.get(0), s.get(1), Duration.ofSeconds(1)));
        assertTrue(first.get("cpu.user") + first.get("cpu.system") > 30, first.toString());
        double written = 0;
        for (int i = 1; i < s.size(); i++) {
            written += byName(RateCalculator.step("web-1", s.get(i - 1), s.get(i), Duration.ofSeconds(1))).get("disk.write_bytes_per_s{device=vda}");
        }
        assertTrue(written > 1_000_000, "64 MiB were written with fsync during the recording, the rates say " + written);
    }

    @Test
    void exactRatesFromKnownCounters() {
        ProcSnapshot a = snapshot(10.0, 1000, new CpuTimes(100, 0, 50, 800, 50, 0, 0, 0),
                List.of(new DiskCounters("sda", 100, 1000, 500, 200, 4000, 1500, 300)),
                List.of(new NetCounters("eth0", 1000, 10, 0, 0, 2000, 20, 0, 0)));
        ProcSnapshot b = snapshot(12.0, 3000, new CpuTimes(150, 10, 70, 900, 70, 0, 0, 0),
                List.of(new DiskCounters("sda", 110, 1100, 520, 230, 4800, 1600, 1300)),
                List.of(new NetCounters("eth0", 3000, 30, 2, 4, 6000, 40, 0, 0)));
        Map<String, Double> m = byName(RateCalculator.step("h", a, b, Duration.ofSeconds(2)));
        assertEquals(25.0, m.get("cpu.user"), 1e-9);     // 50 of 200 ticks
        assertEquals(5.0, m.get("cpu.nice"), 1e-9);
        assertEquals(10.0, m.get("cpu.system"), 1e-9);
        assertEquals(10.0, m.get("cpu.iowait"), 1e-9);
        assertEquals(50.0, m.get("cpu.idle"), 1e-9);
        assertEquals(1000.0, m.get("ctxt.per_s"), 1e-9);
        assertEquals(5.0, m.get("disk.reads_per_s{device=sda}"), 1e-9);
        assertEquals(15.0, m.get("disk.writes_per_s{device=sda}"), 1e-9);
        assertEquals(100 * 512 / 2.0, m.get("disk.read_bytes_per_s{device=sda}"), 1e-9);
        assertEquals(800 * 512 / 2.0, m.get("disk.write_bytes_per_s{device=sda}"), 1e-9);
        assertEquals(120.0 / 40, m.get("disk.await_ms{device=sda}"), 1e-9);
        assertEquals(50.0, m.get("disk.util{device=sda}"), 1e-9);  // 1000 ms busy in 2 s
        assertEquals(1000.0, m.get("net.rx_bytes{iface=eth0}"), 1e-9);
        assertEquals(2000.0, m.get("net.tx_bytes{iface=eth0}"), 1e-9);
        assertEquals(1.0, m.get("net.rx_errors{iface=eth0}"), 1e-9);
        assertEquals(2.0, m.get("net.rx_drops{iface=eth0}"), 1e-9);
        assertEquals(10.0, m.get("net.tx_packets{iface=eth0}"), 1e-9);
        assertEquals(3 / 2.0, m.get("swap.out_per_s"), 1e-9); // pswpout 5 -> 8 pages
        RateCalculator.step("h", a, b, Duration.ofSeconds(2)).forEach(p -> assertEquals(b.serverTimeMillis(), p.timestampMillis()));
    }

    @Test
    void aCounterThatWentDownGivesNoRateForItsSeriesOnly() {
        long wrap32 = (1L << 32) - 100;
        ProcSnapshot a = snapshot(10.0, 1000, new CpuTimes(100, 0, 50, 800, 50, 0, 0, 0),
                List.of(new DiskCounters("sda", 100, 1000, 500, 200, 4000, 1500, 300)),
                List.of(new NetCounters("eth0", wrap32, 10, 0, 0, 2000, 20, 0, 0), new NetCounters("eth1", 5, 5, 0, 0, 5, 5, 0, 0)));
        ProcSnapshot b = snapshot(11.0, 900, new CpuTimes(150, 0, 60, 900, 50, 0, 0, 0),
                List.of(new DiskCounters("sda", 10, 1000, 500, 200, 4000, 1500, 300)),
                List.of(new NetCounters("eth0", 400, 12, 0, 0, 2100, 21, 0, 0), new NetCounters("eth1", 10, 6, 0, 0, 5, 5, 0, 0)));
        Map<String, Double> m = byName(RateCalculator.step("h", a, b, Duration.ofSeconds(1)));
        assertFalse(m.containsKey("net.rx_bytes{iface=eth0}") || m.containsKey("net.tx_bytes{iface=eth0}"), "a wrapped 32-bit counter");
        assertFalse(m.containsKey("disk.reads_per_s{device=sda}") || m.containsKey("disk.util{device=sda}"), "reset disk counters");
        assertFalse(m.containsKey("ctxt.per_s"), "ctxt went down");
        assertEquals(5.0, m.get("net.rx_bytes{iface=eth1}"), 1e-9);
        assertTrue(m.containsKey("cpu.user") && m.containsKey("memory.used"));
    }

    @Test
    void idleAndIowaitSteppingBackCountAsZeroOtherCpuFieldsSkipTheSplit() {
        ProcSnapshot a = snapshot(10.0, 1000, new CpuTimes(100, 0, 50, 800, 50, 0, 0, 0), List.of(), List.of());
        ProcSnapshot iowaitBack = snapshot(11.0, 1100, new CpuTimes(200, 0, 50, 900, 48, 0, 0, 0), List.of(), List.of());
        Map<String, Double> m = byName(RateCalculator.step("h", a, iowaitBack, Duration.ofSeconds(1)));
        assertEquals(0.0, m.get("cpu.iowait"));
        assertEquals(50.0, m.get("cpu.user"), 1e-9);
        ProcSnapshot userBack = snapshot(11.0, 1100, new CpuTimes(90, 0, 60, 900, 60, 0, 0, 0), List.of(), List.of());
        assertTrue(byName(RateCalculator.step("h", a, userBack, Duration.ofSeconds(1))).keySet().stream().noneMatch(k -> k.startsWith("cpu.") && !k.equals("ctxt.per_s")));
    }

    static ProcSnapshot snapshot(double uptime, long ctxt, CpuTimes cpu, List<DiskCounters> disks, List<NetCounters> nets) {
        long micros = 1_795_591_000_000_000L + Math.round(uptime * 1e6);
        Map<ProcSource<?>, Object> r = new java.util.HashMap<>();
        r.put(ProcSources.UPTIME, uptime);
        r.put(ProcSources.STAT, new StatSource.Reading(Optional.of(cpu), OptionalLong.of(ctxt), OptionalLong.of(1_795_591_000L),
                OptionalLong.of(1), OptionalLong.of(0)));
        r.put(ProcSources.LOADAVG, new LoadavgSource.LoadAverage(0.5, 0.4, 0.3));
        r.put(ProcSources.MEMINFO, new MeminfoSource.MemoryInfo(8L << 30, 1L << 30, 4L << 30, 2L << 30, 0, 0, false));
        r.put(ProcSources.VMSTAT, new VmstatSource.Reading(OptionalLong.of(2), OptionalLong.of(uptime > 11 ? 8 : 5)));
        r.put(ProcSources.DISKSTATS, disks);
        r.put(ProcSources.NET_DEV, nets);
        return new ProcSnapshot((long) uptime, micros, 4096, r, List.of());
    }

    static Map<String, Double> byName(List<MetricSample> points) {
        return points.stream().collect(Collectors.toMap(MetricSample::seriesName, MetricSample::value));
    }
}
