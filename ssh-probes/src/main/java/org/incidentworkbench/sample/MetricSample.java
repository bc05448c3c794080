package org.incidentworkbench.sample;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One point of one series, as the sampler hands it to a {@link SampleSink}: the store's
 * {@code Sample} without depending on the store (app maps one to the other).
 *
 * @param host            the host's alias as the user knows it
 * @param metric          a name from {@link SampleMetrics} (the same strings as the store's {@code Metrics} catalogue)
 * @param labels          {@code device}, {@code iface} or {@code mount}; empty for host-wide metrics; immutable
 * @param timestampMillis the server's clock when the frame was taken, epoch milliseconds
 * @param value           the value in the metric's unit; {@code NaN} is the explicit gap marker of the store
 */
public record MetricSample(String host, String metric, SortedMap<String, String> labels, long timestampMillis,
                           double value) {

    private static final SortedMap<String, String> NO_LABELS = Collections.unmodifiableSortedMap(new TreeMap<>());

    public MetricSample {
        labels = labels.isEmpty() ? NO_LABELS : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** A host-wide point (no labels). */
    public static MetricSample of(String host, String metric, long timestampMillis, double value) {
        return new MetricSample(host, metric, NO_LABELS, timestampMillis, value);
    }

    /** A point of a series with one label, for example {@code device=sda}. */
    public static MetricSample of(String host, String metric, String label, String labelValue, long timestampMillis,
                                  double value) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put(label, labelValue);
        return new MetricSample(host, metric, labels, timestampMillis, value);
    }

    /** The same series with another point: the gap marker is {@code withPoint(t, Double.NaN)}. */
    public MetricSample withPoint(long timestampMillis, double value) {
        return new MetricSample(host, metric, labels, timestampMillis, value);
    }

    /** True for the store's explicit gap marker. */
    public boolean isGapMarker() {
        return Double.isNaN(value);
    }

    /** {@code metric{k=v}}, for logs and test messages. */
    public String seriesName() {
        return labels.isEmpty() ? metric : metric + labels.toString().replace(", ", ",");
    }
}
