package org.incidentworkbench.app.services;

import java.nio.file.Path;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * The one place where the metrics store meets the sampler's catalogue: the store rounds each metric to the
 * resolution its source declares ({@code ssh-probes}' {@link SampleMetrics}), which the store module cannot
 * import. Every store the application opens comes from here.
 */
public final class MetricStores {

    private MetricStores() {
    }

    /** The default configuration with the sampler's per-metric resolution. */
    public static StoreConfig config() {
        return withCatalogue(StoreConfig.defaults());
    }

    /** {@code base} with the sampler's per-metric resolution. */
    public static StoreConfig withCatalogue(StoreConfig base) {
        return base.withResolution(SampleMetrics::decimals);
    }

    /** Opens (or creates) the store in {@code dbFile} with {@link #config()}. */
    public static TimeSeriesStore open(Path dbFile) {
        return TimeSeriesStore.open(dbFile, config());
    }
}
