package org.incidentworkbench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.sample.SampleMetrics;

/**
 * One {@code /api/v1/query_range} request to a server that speaks Prometheus' query API (Prometheus,
 * VictoriaMetrics, Thanos, Mimir), its result as points: node_exporter's usual gauges under the workbench's
 * metric names ({@link #NODE_EXPORTER}, host from the {@code instance} label without its port), anything
 * else under {@code prom:NAME} with its labels; every point tagged {@code source=prom}.
 *
 * <p>Failures are {@link PromException}s whose message says what happened and what to do: nothing listening,
 * no answer within the timeout, credentials missing or refused, the server's own error JSON, more series than
 * the limit. Credentials are held in memory only. Thread-safe: immutable.
 */
public final class PromRangeQuery {

    /** node_exporter gauge → workbench metric and the factor to its unit (docs/history.md has the table). */
    public static final Map<String, String> NODE_EXPORTER = Map.ofEntries(
            Map.entry("node_load1", SampleMetrics.LOAD_1),
            Map.entry("node_load5", SampleMetrics.LOAD_5),
            Map.entry("node_load15", SampleMetrics.LOAD_15),
            Map.entry("node_memory_MemTotal_bytes", SampleMetrics.MEMORY_TOTAL),
            Map.entry("node_memory_MemAvailable_bytes", SampleMetrics.MEMORY_AVAILABLE),
            Map.entry("node_memory_MemFree_bytes", SampleMetrics.MEMORY_FREE),
            Map.entry("node_memory_Cached_bytes", SampleMetrics.MEMORY_CACHED),
            Map.entry("node_memory_SwapTotal_bytes", SampleMetrics.SWAP_TOTAL),
            Map.entry("node_procs_running", SampleMetrics.PROCS_RUNNING),
            Map.entry("node_procs_blocked", SampleMetrics.PROCS_BLOCKED));

    public static final String SOURCE = "prom";

    /** Basic auth or a bearer token; {@link #NONE} for open servers. Never written anywhere. */
    public record Credentials(Optional<String> authorization) {
        public static final Credentials NONE = new Credentials(Optional.empty());

        public static Credentials basic(String user, char[] password) {
            String pair = user + ":" + new String(password);
            return new Credentials(Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        }

        public static Credentials bearer(String token) {
            return new Credentials(Optional.of("Bearer " + token.strip()));
        }

        @Override
        public String toString() {
            return authorization.isPresent() ? "Credentials[given]" : "Credentials[none]";
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;
    private final int maxSeries;

    /**
     * @param client    with the TLS trust to use (system trust store, or a CA file: {@code PromTls})
     * @param timeout   for the whole request
     * @param maxSeries more series than this are refused, not stored
     */
    public PromRangeQuery(HttpClient client, Duration timeout, int maxSeries) {
        this.client = client;
        this.timeout = timeout;
        this.maxSeries = maxSeries;
    }

    /** Runs {@code query} over {@code [fromMillis, toMillis]} at {@code stepSeconds}; returns the points. */
    public List<MetricSample> run(URI server, String query, long fromMillis, long toMillis, long stepSeconds,
                                  Credentials credentials) throws PromException {
        String base = server.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + seconds(fromMillis) + "&end=" + seconds(toMillis) + "&step=" + stepSeconds);
        JsonNode result = get(uri, base, credentials).path("result");
        if (result.size() > maxSeries) {
            throw new PromException("the query returned " + result.size() + " series, more than --max-series " + maxSeries
                    + ": narrow it (for example {instance=\"web-1:9100\"}) or raise --max-series. Nothing was stored.");
        }
        return points(result, query, base);
    }

    /**
     * The series that {@code match} selects in {@code [fromMillis, toMillis]} ({@code /api/v1/series}): each as its
     * labels, {@code __name__} included, for browsing before a query. More than the limit is refused.
     */
    public List<SortedMap<String, String>> series(URI server, String match, long fromMillis, long toMillis,
                                                  Credentials credentials) throws PromException {
        String base = server.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/series?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8)
                + "&start=" + seconds(fromMillis) + "&end=" + seconds(toMillis));
        JsonNode data = get(uri, base, credentials);
        if (data.size() > maxSeries) {
            throw new PromException(match + " selects " + data.size() + " series, more than --max-series " + maxSeries
                    + ": narrow it (for example {job=\"node\"}) or raise --max-series.");
        }
        List<SortedMap<String, String>> out = new ArrayList<>();
        for (JsonNode series : data) {
            SortedMap<String, String> labels = new TreeMap<>();
            series.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            out.add(labels);
        }
        return out;
    }

    /**
     * The label names the server has in {@code [fromMillis, toMillis]} ({@code /api/v1/labels}), of the series
     * {@code match} selects when given, sorted.
     */
    public List<String> labels(URI server, Optional<String> match, long fromMillis, long toMillis, Credentials credentials)
            throws PromException {
        String base = server.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/api/v1/labels?start=" + seconds(fromMillis) + "&end=" + seconds(toMillis)
                + match.map(m -> "&match[]=" + URLEncoder.encode(m, StandardCharsets.UTF_8)).orElse(""));
        List<String> out = new ArrayList<>();
        get(uri, base, credentials).forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }

    /** One GET of the query API; its {@code data}, or a sentence saying what went wrong. */
    private JsonNode get(URI uri, String base, Credentials credentials) throws PromException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        credentials.authorization().ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PromException(base + " did not answer within " + timeout.toSeconds() + " s: the server may be"
                    + " overloaded or the query too heavy; narrow the range, raise --step, or give --timeout more.");
        } catch (ConnectException e) {
            throw new PromException("nothing answers at " + base + " (" + (e.getMessage() == null ? "connection refused"
                    : e.getMessage()) + "): is the server running and the port right? Behind SSH only? Use --via HOST.");
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new PromException("the TLS certificate of " + base + " is not trusted (" + e.getMessage() + "): give --ca-file"
                    + " with the PEM of the CA that signed it.");
        } catch (IOException e) {
            throw new PromException("the request to " + base + " failed: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PromException("interrupted while asking " + base + ".");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new PromException(base + " refused the request (HTTP " + response.statusCode() + "): "
                    + (credentials.authorization().isEmpty() ? "it needs credentials; give --user with --password-file"
                    + " (or let it ask), or --token-file." : "the credentials given were not accepted."));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new PromException(base + " answered HTTP " + response.statusCode() + " with something that is not"
                    + " Prometheus' JSON: is it the query API's address (for example http://host:9090)?");
        }
        if (!"success".equals(root.path("status").asText())) {
            throw new PromException(base + " could not run the query: " + root.path("errorType").asText("error") + ": "
                    + root.path("error").asText("HTTP " + response.statusCode()) + ".");
        }
        return root.path("data");
    }

    private static List<MetricSample> points(JsonNode result, String query, String base) {
        List<MetricSample> out = new ArrayList<>();
        CpuShares cpu = new CpuShares();
        for (JsonNode series : result) {
            JsonNode m = series.path("metric");
            // the raw counters, or summed per instance and mode in PromQL (sum by (instance, mode) (...)): no name then
            if ("node_cpu_seconds_total".equals(m.path("__name__").asText())
                    || (!m.has("__name__") && m.has("mode") && query.contains("node_cpu_seconds_total"))) {
                cpu.add(series, base);
                continue;
            }
            SortedMap<String, String> labels = new TreeMap<>();
            series.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            String name = labels.remove("__name__");
            String instance = labels.remove("instance");
            labels.remove("job");
            String host = instance == null ? URI.create(base).getHost() : hostOf(instance);
            String metric = name != null && NODE_EXPORTER.containsKey(name) ? NODE_EXPORTER.get(name)
                    : "prom:" + (name != null ? name : query.replaceAll("[^A-Za-z0-9_:]+", "_"));
            if (NODE_EXPORTER.containsKey(name == null ? "" : name)) {
                labels.clear(); // host-wide gauges: the workbench's series carry no labels
            }
            labels.put("source", SOURCE);
            for (JsonNode v : series.path("values")) {
                long t = Math.round(v.get(0).asDouble() * 1000);
                String text = v.get(1).asText();
                double value = text.equals("NaN") ? Double.NaN : text.equals("+Inf") ? Double.POSITIVE_INFINITY
                        : text.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(text);
                out.add(new MetricSample(host, metric, labels, t, value));
            }
        }
        out.addAll(cpu.samples());
        return out;
    }

    /** node_cpu_seconds_total's mode → the sampler's CPU metric (guest time is inside user and nice there too). */
    static final Map<String, String> CPU_MODES = Map.of("user", SampleMetrics.CPU_USER, "nice", SampleMetrics.CPU_NICE,
            "system", SampleMetrics.CPU_SYSTEM, "iowait", SampleMetrics.CPU_IOWAIT, "irq", SampleMetrics.CPU_IRQ,
            "softirq", SampleMetrics.CPU_SOFTIRQ, "steal", SampleMetrics.CPU_STEAL, "idle", SampleMetrics.CPU_IDLE);

    /**
     * node_cpu_seconds_total (counters per cpu and mode) as the sampler's shares: per instance and step, each mode's
     * seconds summed over the CPUs, differenced between steps, as a percentage of all modes' difference. A step
     * where a counter went back (restart) gives no share.
     */
    private static final class CpuShares {
        /** instance → mode → time → seconds summed over CPUs. */
        private final Map<String, Map<String, java.util.TreeMap<Long, Double>>> sums = new TreeMap<>();

        void add(JsonNode series, String base) {
            JsonNode labels = series.path("metric");
            String instance = labels.has("instance") ? hostOf(labels.path("instance").asText()) : URI.create(base).getHost();
            String mode = labels.path("mode").asText();
            if (!CPU_MODES.containsKey(mode)) {
                return;
            }
            java.util.TreeMap<Long, Double> byTime = sums.computeIfAbsent(instance, k -> new TreeMap<>())
                    .computeIfAbsent(mode, k -> new java.util.TreeMap<>());
            for (JsonNode v : series.path("values")) {
                byTime.merge(Math.round(v.get(0).asDouble() * 1000), Double.parseDouble(v.get(1).asText()), Double::sum);
            }
        }

        List<MetricSample> samples() {
            List<MetricSample> out = new ArrayList<>();
            sums.forEach((host, modes) -> {
                java.util.TreeSet<Long> times = new java.util.TreeSet<>();
                modes.values().forEach(m -> times.addAll(m.keySet()));
                Long previous = null;
                for (long t : times) {
                    if (previous != null) {
                        Map<String, Double> delta = new TreeMap<>();
                        double total = 0;
                        boolean ok = true;
                        for (Map.Entry<String, java.util.TreeMap<Long, Double>> m : modes.entrySet()) {
                            Double a = m.getValue().get(previous);
                            Double b = m.getValue().get(t);
                            if (a == null || b == null || b < a) {
                                ok = false;
                                break;
                            }
                            delta.put(m.getKey(), b - a);
                            total += b - a;
                        }
                        if (ok && total > 0) {
                            SortedMap<String, String> labels = new TreeMap<>(Map.of("source", SOURCE));
                            for (Map.Entry<String, Double> d : delta.entrySet()) {
                                out.add(new MetricSample(host, CPU_MODES.get(d.getKey()), labels, t, d.getValue() / total * 100));
                            }
                        }
                    }
                    previous = t;
                }
            });
            return out;
        }
    }

    /** {@code web-1:9100} → {@code web-1}; {@code [::1]:9100} → {@code ::1}. */
    static String hostOf(String instance) {
        if (instance.startsWith("[")) {
            int end = instance.indexOf(']');
            return end > 0 ? instance.substring(1, end) : instance;
        }
        int colon = instance.lastIndexOf(':');
        return colon > 0 && instance.indexOf(':') == colon ? instance.substring(0, colon) : instance;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
