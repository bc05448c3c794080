package org.incidentworkbench.playbooks.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.incidentworkbench.playbooks.PlaybookJson;

/**
 * One metric series of one host over a time range, at full resolution, as a bundle keeps it: the
 * store's series key fields (host, metric, labels) plus parallel arrays of timestamps and values.
 * A {@code NaN} value is a gap marker (the sampling stream broke there), as in the store; in JSON
 * it is written as {@code null}.
 *
 * <p>JSON: {@code {"host":"web-1","metric":"disk.util","labels":{"device":"sda"},"timestampsMillis":[...],"values":[...]}}.
 * Timestamps are ascending. Immutable; the arrays are copied in and out.
 */
public record MetricSlice(String host, String metric, SortedMap<String, String> labels, long[] timestampsMillis,
                          double[] values) {

    public MetricSlice {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metric, "metric");
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
        if (timestampsMillis.length != values.length) {
            throw new IllegalArgumentException("A metric slice needs one value per timestamp; got " + timestampsMillis.length
                    + " timestamps and " + values.length + " values for " + metric + " on " + host + ".");
        }
        timestampsMillis = timestampsMillis.clone();
        values = values.clone();
        for (int i = 1; i < timestampsMillis.length; i++) {
            if (timestampsMillis[i] < timestampsMillis[i - 1]) {
                throw new IllegalArgumentException("The timestamps of " + metric + " on " + host + " go backwards at index " + i + ".");
            }
        }
    }

    @Override
    public long[] timestampsMillis() {
        return timestampsMillis.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return timestampsMillis.length;
    }

    public long timestampAt(int i) {
        return timestampsMillis[i];
    }

    public double valueAt(int i) {
        return values[i];
    }

    /** {@code metric{k=v,...}} as selectors write it. */
    public String seriesName() {
        if (labels.isEmpty()) {
            return metric;
        }
        StringBuilder b = new StringBuilder(metric).append('{');
        labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append('=').append(v));
        return b.append('}').toString();
    }

    /** The points with timestamps at or before {@code millis} (the data "up to now" of a replay). */
    public MetricSlice upTo(long millis) {
        // first index after millis (timestamps ascend; equal ones stay together)
        int lo = 0;
        int hi = timestampsMillis.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestampsMillis[mid] <= millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int n = lo;
        if (n == timestampsMillis.length) {
            return this;
        }
        return new MetricSlice(host, metric, labels, Arrays.copyOf(timestampsMillis, n), Arrays.copyOf(values, n));
    }

    /** The slice as JSON. */
    public ObjectNode toJson() {
        ObjectNode node = PlaybookJson.mapper().createObjectNode();
        node.put("host", host);
        node.put("metric", metric);
        ObjectNode l = node.putObject("labels");
        labels.forEach(l::put);
        ArrayNode ts = node.putArray("timestampsMillis");
        ArrayNode vs = node.putArray("values");
        for (int i = 0; i < timestampsMillis.length; i++) {
            ts.add(timestampsMillis[i]);
            if (Double.isNaN(values[i]) || Double.isInfinite(values[i])) {
                vs.addNull();
            } else {
                vs.add(values[i]);
            }
        }
        return node;
    }

    /**
     * Reads a slice from JSON, or says in a sentence fragment what does not fit the schema.
     * @throws IllegalArgumentException with that fragment
     */
    public static MetricSlice fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        String host = text(node, "host");
        String metric = text(node, "metric");
        SortedMap<String, String> labels = new TreeMap<>();
        JsonNode l = node.path("labels");
        if (!l.isMissingNode() && !l.isNull()) {
            if (!l.isObject()) {
                throw new IllegalArgumentException("its 'labels' is not an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode ts = node.path("timestampsMillis");
        JsonNode vs = node.path("values");
        if (!ts.isArray() || !vs.isArray()) {
            throw new IllegalArgumentException("it needs the arrays 'timestampsMillis' and 'values'");
        }
        if (ts.size() != vs.size()) {
            throw new IllegalArgumentException("it has " + ts.size() + " timestamps but " + vs.size() + " values");
        }
        long[] t = new long[ts.size()];
        double[] v = new double[vs.size()];
        for (int i = 0; i < t.length; i++) {
            if (!ts.get(i).canConvertToLong() || !ts.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException("timestamp " + i + " is not a whole number of milliseconds");
            }
            t[i] = ts.get(i).asLong();
            JsonNode value = vs.get(i);
            if (value.isNull()) {
                v[i] = Double.NaN;
            } else if (value.isNumber()) {
                v[i] = value.asDouble();
            } else {
                throw new IllegalArgumentException("value " + i + " is neither a number nor null");
            }
        }
        return new MetricSlice(host, metric, labels, t, v);
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("it has no '" + field + "' string");
        }
        return n.asText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSlice s && s.host.equals(host) && s.metric.equals(metric) && s.labels.equals(labels)
                && Arrays.equals(s.timestampsMillis, timestampsMillis) && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, metric, labels, Arrays.hashCode(timestampsMillis), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "MetricSlice[" + host + " " + seriesName() + ", " + timestampsMillis.length + " points]";
    }
}
