package org.incidentworkbench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.sample.source.PressureSource;
import org.junit.jupiter.api.Test;

/** {@code sadf -j} output of two sysstat generations (fixtures/sysstat/README.md says how each was made). */
class SadfJsonTest {

    @Test
    void sysstat126ArchiveGivesTheSamplersNamesInItsUnits() throws Exception {
        SadfJson.Archive a = SadfJson.parse(fixture("sadf-j-12.6.1--busy.json"), "web-1", "busy");
        assertEquals("vm", a.nodename());
        assertEquals("utc", a.sysstatFormat());
        assertEquals(5, a.records());
        long t = Instant.parse("2026-12-02T23:04:57Z").toEpochMilli();
        // cpu-load "all": usr 73.12 + guest 0, sys 4.52, soft 0.25
        assertEquals(73.12, value(a, SampleMetrics.CPU_USER, t, null), 1e-9);
        assertEquals(4.52, value(a, SampleMetrics.CPU_SYSTEM, t, null), 1e-9);
        assertEquals(0.25, value(a, SampleMetrics.CPU_SOFTIRQ, t, null), 1e-9);
        assertEquals(20.1, value(a, SampleMetrics.CPU_IDLE, t, null), 1e-9);
        assertEquals(1514.5, value(a, SampleMetrics.CTXT_PER_S, t, null), 1e-9);
        assertEquals(2.98, value(a, SampleMetrics.LOAD_1, t, null), 1e-9);
        assertEquals(3, value(a, SampleMetrics.PROCS_RUNNING, t, null), 1e-9);
        // memory.total is /proc/meminfo's MemTotal of the capturing machine (24683664 kB): free + used + buffers + cached + slab
        assertEquals(24683664.0 * 1024, value(a, SampleMetrics.MEMORY_TOTAL, t, null), 1e-3);
        assertEquals(24185868.0 * 1024, value(a, SampleMetrics.MEMORY_AVAILABLE, t, null), 1e-3);
        assertEquals((24683664.0 - 24185868) * 1024, value(a, SampleMetrics.MEMORY_USED, t, null), 1e-3);
        assertEquals(864108.0 * 1024, value(a, SampleMetrics.MEMORY_CACHED, t, null), 1e-3);
        assertEquals(0, value(a, SampleMetrics.SWAP_TOTAL, t, null), 1e-9);
        // disk vda during a 300 MB O_DIRECT write: 23980 kB/s
        assertEquals(23980.0 * 1024, value(a, SampleMetrics.DISK_WRITE_BYTES_PER_S, t, "vda"), 1e-6);
        assertEquals(2.8, value(a, SampleMetrics.DISK_UTIL, t, "vda"), 1e-9);
        assertEquals(132.5, value(a, SadfJson.DISK_TRANSFERS_PER_S, t, "vda"), 1e-9);
        // filesystem / as df -P computes Use%: used / (used + available), available = size x (1 - %ufsused)
        double size = 234601 + 23419;
        double expectedPct = 23419 / (23419 + size * (1 - 0.6881)) * 100;
        assertEquals(expectedPct, value(a, SampleMetrics.FS_USED_PCT, t, "/"), 1e-9);
        assertEquals(size * 1024 * 1024, value(a, SampleMetrics.FS_SIZE_BYTES, t, "/"), 1e-3);
        assertEquals(2.48, value(a, SampleMetrics.FS_INODES_USED_PCT, t, "/"), 1e-9);

        assertTrue(a.samples().stream().allMatch(s -> "sar".equals(s.labels().get("source")) && s.host().equals("web-1")));
        assertTrue(a.samples().stream().noneMatch(MetricSample::isGapMarker), "no restart in this archive");
        Set<String> metrics = a.samples().stream().map(MetricSample::metric).collect(Collectors.toSet());
        // what sar cannot tell: per-direction IOPS (sar -d has tps only), and pressure stall information is not
        // read from archives; everything else of the sampler is there
        List<String> missing = SampleMetrics.names().stream().filter(m -> !metrics.contains(m)).toList();
        assertEquals(List.of(SampleMetrics.DISK_READS_PER_S, SampleMetrics.DISK_WRITES_PER_S, PressureSource.SOME_AVG10,
                PressureSource.FULL_AVG10, PressureSource.SOME_PCT, PressureSource.FULL_PCT), missing);
    }

    @Test
    void aRestartBetweenRecordsEndsEverySeriesWithAGapMarker() throws Exception {
        SadfJson.Archive a = SadfJson.parse(fixture("sadf-j-12.6.1--restart.json"), "web-1", "restart");
        assertEquals(4, a.records());
        List<MetricSample> load = a.samples().stream().filter(s -> s.metric().equals(SampleMetrics.LOAD_1)).toList();
        assertEquals(5, load.size(), load.toString());
        // records 23:05:23, 23:05:24, boot at 23:05:24, then 23:05:26, 23:05:27: the marker sits 1 ms after 23:05:24
        MetricSample marker = load.get(2);
        assertTrue(marker.isGapMarker());
        assertEquals(Instant.parse("2026-12-02T23:05:24.001Z").toEpochMilli(), marker.timestampMillis());
        assertFalse(load.get(3).isGapMarker());
    }

    @Test
    void laterSysstatWithTzTimestampsAndPartitions() throws Exception {
        SadfJson.Archive a = SadfJson.parse(fixture("sadf-j-sysstat-git--tz-field.json"), "db-1", "git");
        assertEquals("tz", a.sysstatFormat());
        assertEquals(1, a.records());
        long t = Instant.parse("2019-04-18T13:20:19Z").toEpochMilli();
        assertEquals(2.15, value(a, SampleMetrics.CPU_USER, t, null), 1e-9);
        assertEquals(12.50, value(a, SampleMetrics.CPU_NICE, t, null), 1e-9);
        assertEquals(68409.30, value(a, SampleMetrics.CTXT_PER_S, t, null), 1e-9);
        assertEquals(16777212.0 * 1024, value(a, SampleMetrics.SWAP_TOTAL, t, null), 1e-3);
        // partitions sda1 and sda12 are inside sda and left out, as the sampler leaves them out
        Set<String> devices = a.samples().stream().filter(s -> s.metric().equals(SampleMetrics.DISK_UTIL))
                .map(s -> s.labels().get("device")).collect(Collectors.toSet());
        assertEquals(Set.of("sda", "sdb", "sdq", "sdr", "sds"), devices);
        assertEquals(16.04 * 1024, value(a, SampleMetrics.DISK_WRITE_BYTES_PER_S, t, "sdr"), 1e-9);
        assertEquals(3.21, value(a, SampleMetrics.NET_RX_DROPS, t, "wlp5s0"), 1e-9);
        // filesystems named by device (no MOUNT): left out with a warning rather than stored under a device name
        assertTrue(a.samples().stream().noneMatch(s -> s.metric().startsWith("fs.")));
        assertTrue(a.warnings().get(0).contains("not mount point"), a.warnings().toString());
    }

    @Test
    void memoryTotalFollowsTheMeaningOfMemusedInEachSysstatVersion() {
        // sysstat 10/11 (quoted from a sadf -j record of 2019 in a public repository): memused = total - free
        assertEquals(1098816.0 + 15160032, SadfJson.memoryTotal(1098816, 15160032, 456, 11908596, 0, 93.24), 1e-9);
        // sysstat 12.6 (this machine): memused = total - free - buffers - cached - slab
        assertEquals(24683664.0, SadfJson.memoryTotal(23489608, 205136, 7044, 864108, 117768, 0.83), 1e-9);
    }

    @Test
    void textThatIsNotSadfJsonSaysSo() {
        SadfJsonException e = assertThrows(SadfJsonException.class, () -> SadfJson.parse("Cannot open /var/log/sysstat/sa01",
                "h", "h:/var/log/sysstat/sa01"));
        assertTrue(e.getMessage().startsWith("h:/var/log/sysstat/sa01 is not sadf -j output"), e.getMessage());
        e = assertThrows(SadfJsonException.class, () -> SadfJson.parse("{\"other\": 1}", "h", "x"));
        assertTrue(e.getMessage().contains("\"sysstat\""), e.getMessage());
        String local = "{\"sysstat\": {\"hosts\": [{\"statistics\": [{\"timestamp\": {\"date\": \"2026-12-02\", \"time\": \"23:01:43\","
                + " \"utc\": 0, \"interval\": 1}}]}]}}";
        e = assertThrows(SadfJsonException.class, () -> SadfJson.parse(local, "h", "x"));
        assertTrue(e.getMessage().contains("local time"), e.getMessage());
    }

    private static double value(SadfJson.Archive a, String metric, long t, String labelValue) {
        return a.samples().stream()
                .filter(m -> m.metric().equals(metric) && m.timestampMillis() == t
                        && (labelValue == null || m.labels().containsValue(labelValue)))
                .mapToDouble(MetricSample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " " + (labelValue == null ? "" : labelValue) + " at " + t));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = SadfJsonTest.class.getResourceAsStream("/fixtures/sysstat/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource fixtures/sysstat/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
