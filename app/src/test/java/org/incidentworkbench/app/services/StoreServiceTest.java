package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.forecast.AnomalyScore;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreServiceTest {

    @TempDir
    Path dir;

    @Test
    void forecastsADiskFillingUpAndScoresTheOddHostOut() {
        Instant now = Instant.now();
        try (StoreService metrics = StoreService.open(dir.resolve("m.mv.db"))) {
            SeriesKey var = SeriesKey.of("db-1", SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, "/var");
            for (int i = 0; i < 24 * 12; i++) {
                long t = now.toEpochMilli() - Duration.ofHours(24).toMillis() + i * 300_000L;
                metrics.store().append(var, t, 70 + i / 12.0); // 1 % per hour from 70 %
                for (int h = 1; h <= 4; h++) {
                    SeriesKey iowait = SeriesKey.of("web-" + h, SampleMetrics.CPU_IOWAIT);
                    boolean odd = h == 4 && i >= 24 * 12 - 12;
                    metrics.store().append(iowait, t, odd ? 40 + i % 3 : 2 + (i + h) % 3);
                }
            }
            ThresholdForecast.Forecast f = metrics.forecast(var, 100, Duration.ofHours(24), now);
            double hours = (f.crossingMillis().orElseThrow() - now.toEpochMilli()) / 3_600_000.0;
            assertEquals(6, hours, 0.5, f.explanation());
            AnomalyScore a = metrics.anomaly(SeriesKey.of("web-4", SampleMetrics.CPU_IOWAIT), Duration.ofHours(1),
                    Duration.ofHours(12), now);
            assertTrue(a.notable() && a.selfScore() > 10 && a.peerScore() > 10, a.toString());
            assertEquals(List.of("db-1", "web-1", "web-2", "web-3", "web-4"), metrics.hosts());
        }
    }

    @Test
    void chartsGetCrossingsOnlyForMetricsWithALimit() {
        Instant now = Instant.now();
        try (StoreService metrics = StoreService.open(dir.resolve("c.mv.db"))) {
            SeriesKey var = SeriesKey.of("db-1", SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, "/var");
            SeriesKey cpu = SeriesKey.of("db-1", SampleMetrics.CPU_USER);
            for (int i = 0; i < 120; i++) {
                long t = now.toEpochMilli() - 3_600_000L + i * 30_000L;
                metrics.store().append(var, t, 90 + i / 24.0); // from 90 % to 95 % in the hour: full in about another hour
                metrics.store().append(cpu, t, 50 + i); // rising past 100, but a CPU has no limit to forecast
            }
            long from = now.toEpochMilli() - 3_600_000L;
            var fs = metrics.query(org.incidentworkbench.timeseries.Selector.of(var), from, now.toEpochMilli(), 500).series();
            List<StoreService.Crossing> crossings = metrics.crossings(SampleMetrics.FS_USED_PCT, fs, now);
            assertEquals(1, crossings.size());
            double hours = (crossings.get(0).crossingMillis() - now.toEpochMilli()) / 3_600_000.0;
            assertEquals(1, hours, 0.2, crossings.get(0).forecast().explanation());
            var cpuAnswer = metrics.query(org.incidentworkbench.timeseries.Selector.of(cpu), from, now.toEpochMilli(), 500).series();
            assertEquals(List.of(), metrics.crossings(SampleMetrics.CPU_USER, cpuAnswer, now));
            assertTrue(StoreService.limit(SampleMetrics.CPU_USER).isEmpty());
        }
    }
}
