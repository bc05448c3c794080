package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.sample.source.PressureSource;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring between the sampler's catalogue and the store (which does not know metric names): a store the
 * application opens rounds each sampled metric to its source's resolution and keeps other names exactly.
 */
class MetricStoresTest {

    @TempDir
    Path dir;

    @Test
    void theApplicationsStoreRoundsEachSampledMetricToItsSourcesResolution() {
        SeriesKey cpu = SeriesKey.of("web-1", SampleMetrics.CPU_USER);
        SeriesKey memory = SeriesKey.of("web-1", SampleMetrics.MEMORY_USED);
        SeriesKey swapIn = SeriesKey.of("web-1", SampleMetrics.SWAP_IN_PER_S);
        SeriesKey psi = SeriesKey.of("web-1", PressureSource.SOME_PCT, PressureSource.RESOURCE, "io");
        SeriesKey other = SeriesKey.of("web-1", "app.latency_ms");
        try (TimeSeriesStore store = MetricStores.open(dir.resolve("m.mv.db"))) {
            store.append(cpu, 1000, 12.34567);
            store.append(memory, 1000, 1024.6);
            store.append(swapIn, 1000, 3.14159);
            store.append(psi, 1000, 0.123456);
            store.append(other, 1000, 0.123456789);
            assertEquals(12.35, only(store, cpu));
            assertEquals(1025.0, only(store, memory));
            assertEquals(3.1, only(store, swapIn));
            assertEquals(0.12, only(store, psi));
            assertEquals(0.123456789, only(store, other), "a name outside the catalogue is kept exactly");
        }
        assertEquals(2, SampleMetrics.decimals(SampleMetrics.CPU_USER));
        assertEquals(-1, SampleMetrics.decimals("app.latency_ms"));
    }

    private static double only(TimeSeriesStore store, SeriesKey key) {
        List<SeriesPoints> p = store.points(Selector.of(key), 0, 2000);
        assertEquals(1, p.get(0).size());
        return p.get(0).values()[0];
    }
}
