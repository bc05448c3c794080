package org.incidentworkbench.app.services;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Cuts an incident's metric slices out of the store: every series of the incident's hosts, at full
 * resolution (the store's {@code points}, gap markers kept as NaN). This is where the store's
 * {@code SeriesPoints} become the playbooks module's {@code MetricSlice} (contract F: the library
 * modules do not know each other). Thread-safe as the store is.
 */
public final class StoreMetricSlices implements MetricSliceSource {

    private final TimeSeriesStore store;

    public StoreMetricSlices(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    public List<MetricSlice> slices(Collection<String> hosts, Instant from, Instant to) {
        Set<String> wanted = new TreeSet<>(hosts);
        List<MetricSlice> out = new ArrayList<>();
        for (SeriesKey key : store.allSeries()) {
            if (!wanted.contains(key.host())) {
                continue;
            }
            for (SeriesPoints p : store.points(Selector.of(key), from.toEpochMilli(), to.toEpochMilli())) {
                if (p.size() > 0 && p.key().equals(key)) {
                    out.add(new MetricSlice(key.host(), key.metric(), key.labels(), p.timestamps(), p.values()));
                }
            }
        }
        return out;
    }
}
