package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.incidentworkbench.app.model.HostTrends;
import org.incidentworkbench.app.model.TimeToFull;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host's sparklines and time-to-full read back from a real store file. */
class FleetTrendsTest {

    @TempDir
    Path dir;

    @Test
    void sparklinesAndTheSoonestResourceToRunOutComeFromTheStore() {
        Instant now = Instant.now();
        try (StoreService metrics = StoreService.open(dir.resolve("m.mv.db"))) {
            SeriesKey var = SeriesKey.of("db-1", SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, "/var");
            SeriesKey root = SeriesKey.of("db-1", SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, "/");
            for (int i = 0; i <= 360; i++) { // an hour at 10 s
                long t = now.toEpochMilli() - 3_600_000L + i * 10_000L;
                metrics.store().append(var, t, 80 + i / 36.0 + (i % 2) * 0.05); // +10 % an hour: full in about 1 h
                metrics.store().append(root, t, 30 + (i % 2) * 0.1);
                metrics.store().append(SeriesKey.of("db-1", SampleMetrics.CPU_IDLE), t, 75);
                metrics.store().append(SeriesKey.of("db-1", SampleMetrics.LOAD_1), t, 2.5);
                metrics.store().append(SeriesKey.of("db-1", SampleMetrics.MEMORY_TOTAL), t, 8e9);
                metrics.store().append(SeriesKey.of("db-1", SampleMetrics.MEMORY_USED), t, 2e9);
                metrics.store().append(SeriesKey.of("db-1", SampleMetrics.MEMORY_AVAILABLE), t, 6e9 - i * 1e3);
            }
            HostTrends t = new FleetTrends(metrics).of("db-1", now);
            assertTrue(t.sampled());
            assertEquals(25, t.cpuBusyPct().last(), 1e-9, "CPU busy is 100 - idle");
            assertEquals(2.5, t.load1().last(), 1e-9);
            assertEquals(25, t.memUsedPct().last(), 1e-9, "used over total");
            // the store's buckets start on their own boundaries (up to a minute before the window), never an hour back
            assertTrue(t.cpuBusyPct().timestamps()[0] >= now.minus(FleetTrends.SPARK_WINDOW).toEpochMilli() - 60_000,
                    "the sparkline covers the last minutes only: first point "
                            + (now.toEpochMilli() - t.cpuBusyPct().timestamps()[0]) / 1000 + " s before now");
            TimeToFull full = t.timeToFull().orElseThrow();
            assertEquals("/var", full.what());
            assertEquals(new HistoryTrends(metrics, "db-1", now).filesystem("/var").orElseThrow(), full.limit(),
                    "the board and the triage's finding forecast the same");
            assertEquals(60, full.in().toMinutes(), 10, full.explanation());

            HostTrends never = new FleetTrends(metrics).of("web-9", now);
            assertFalse(never.sampled());
            assertTrue(never.timeToFull().isEmpty());
        }
    }
}
