package org.incidentworkbench.timeseries;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Names one series: a metric of one host, with labels such as {@code device=sda} or {@code mount=/var}.
 * Metric names and units come from the sampler's catalogue (module ssh-probes, {@code SampleMetrics}). Labels are kept sorted, so two keys with the same
 * labels are equal whatever order they were given in.
 *
 * <pre>{@code SeriesKey.of("web-1", "disk.util", "device", "sda")}</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} prints the selector form
 * {@code disk.util{host=web-1,device=sda}}, which {@link Selector#parse} reads back.
 */
public record SeriesKey(String host, String metric, SortedMap<String, String> labels) implements Comparable<SeriesKey> {

    public SeriesKey {
        requireName("host", host);
        requireName("metric", metric);
        Objects.requireNonNull(labels, "labels");
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            requireName("label name", e.getKey());
            if (e.getKey().equals("host")) {
                throw new IllegalArgumentException("'host' is the series' host, not a label; pass it as the host argument.");
            }
            requireName("value of label " + e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        labels = Collections.unmodifiableSortedMap(copy);
    }

    /** A key from alternating label names and values: {@code of("web-1", "disk.util", "device", "sda")}. */
    public static SeriesKey of(String host, String metric, String... labelNamesAndValues) {
        if (labelNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Labels come in name/value pairs; got an odd number of strings ("
                    + labelNamesAndValues.length + ").");
        }
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelNamesAndValues.length; i += 2) {
            labels.put(labelNamesAndValues[i], labelNamesAndValues[i + 1]);
        }
        return new SeriesKey(host, metric, labels);
    }

    /** Labels as {@code device=sda,mode=x} (sorted, no braces); empty when there are none. */
    public String labelsText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** Reads labels written by {@link #labelsText()}. */
    public static SortedMap<String, String> parseLabels(String text) {
        TreeMap<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("The label '" + part + "' is not of the form name=value.");
            }
            labels.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return labels;
    }

    @Override
    public int compareTo(SeriesKey o) {
        int c = metric.compareTo(o.metric);
        if (c == 0) {
            c = host.compareTo(o.host);
        }
        if (c == 0) {
            c = labelsText().compareTo(o.labelsText());
        }
        return c;
    }

    @Override
    public String toString() {
        String l = labelsText();
        return metric + "{host=" + host + (l.isEmpty() ? "" : "," + l) + "}";
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A series " + what + " must not be empty.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '=' || c == '{' || c == '}' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("The series " + what + " '" + value
                        + "' contains '" + c + "'; names and label values cannot contain , = { } or line breaks.");
            }
        }
    }
}
