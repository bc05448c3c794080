package org.incidentworkbench.app.services;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.StoreInfo;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * The one metrics store of a running workbench, shared by the sampler (which appends), the charts and the
 * incident recorder (which read). It owns the store and closes it. Queries take selector text as typed in
 * the CLI or a chart's filter box.
 *
 * <pre>{@code
 * try (StoreService metrics = StoreService.openDefault()) {
 *     QueryResult r = metrics.query("cpu.iowait{host=web-*}", Instant.now().minusSeconds(900), Instant.now(), 600);
 * }
 * }</pre>
 *
 * <p>Thread-safe, as the store is.
 */
public final class StoreService implements AutoCloseable {

    private final TimeSeriesStore store;

    private StoreService(TimeSeriesStore store) {
        this.store = store;
    }

    /** Opens the store in the user's data directory ({@link TimeSeriesStore#defaultPath()}). */
    public static StoreService openDefault() {
        return open(TimeSeriesStore.defaultPath());
    }

    public static StoreService open(Path dbFile) {
        return new StoreService(TimeSeriesStore.open(dbFile));
    }

    public TimeSeriesStore store() {
        return store;
    }

    /** @throws IllegalArgumentException with a sentence when {@code selector} cannot be read */
    public QueryResult query(String selector, Instant from, Instant to, int maxPoints) {
        return store.query(Selector.parse(selector), from.toEpochMilli(), to.toEpochMilli(), maxPoints);
    }

    public List<SeriesKey> series(String selector) {
        return store.series(Selector.parse(selector));
    }

    /** Hosts that have any series, sorted: the fleet the store knows. */
    public List<String> hosts() {
        return store.allSeries().stream().map(SeriesKey::host).distinct().sorted().toList();
    }

    public StoreInfo info() {
        return store.info();
    }

    @Override
    public void close() {
        store.close();
    }
}
