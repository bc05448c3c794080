package org.incidentworkbench.app.services;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.incidentworkbench.playbooks.bundle.MetricSlice;

/**
 * Where the metric slices of a bundle come from when an incident is sealed: usually the metrics
 * store ({@link StoreMetricSlices}); {@link #NONE} when there is no store (a CLI-only incident).
 */
@FunctionalInterface
public interface MetricSliceSource {

    MetricSliceSource NONE = (hosts, from, to) -> List.of();

    /** Every series of these hosts at full resolution in {@code [from, to)}. */
    List<MetricSlice> slices(Collection<String> hosts, Instant from, Instant to);
}
