package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.SeriesKey;
import org.junit.jupiter.api.Test;

class SamplingServiceTest {

    @Test
    void labelledMetricsCarryTheirLabelInTheCatalogue() {
        assertEquals(List.of("device"), SampleMetrics.find(SampleMetrics.DISK_UTIL).orElseThrow().labels());
        assertEquals(List.of("iface"), SampleMetrics.find(SampleMetrics.NET_RX_BYTES).orElseThrow().labels());
        assertEquals(List.of("mount"), SampleMetrics.find(SampleMetrics.FS_USED_PCT).orElseThrow().labels());
    }

    @Test
    void namesTheStoreForbidsAreReplacedNotFatal() {
        SeriesKey key = SamplingService.key(MetricSample.of("web=1", "fs.used_pct", "mount", "/mnt/a,b{c}", 1, 2.0));
        assertEquals(SeriesKey.of("web_1", "fs.used_pct", "mount", "/mnt/a_b_c_"), key);
        SeriesKey plain = SamplingService.key(MetricSample.of("web-1", "disk.util", "device", "sda", 1, 2.0));
        assertEquals(SeriesKey.of("web-1", "disk.util", "device", "sda"), plain);
    }
}
