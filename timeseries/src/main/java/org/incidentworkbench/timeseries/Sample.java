package org.incidentworkbench.timeseries;

import java.util.Objects;

/**
 * One point of one series: epoch milliseconds and a value. A {@code NaN} value is a gap marker (the
 * sampler writes one when a host's stream breaks): aggregates skip it and charts break the line there.
 */
public record Sample(SeriesKey key, long timestampMillis, double value) {
    public Sample {
        Objects.requireNonNull(key, "key");
    }
}
