package org.incidentworkbench.app.services;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.StoreInfo;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.forecast.AnomalyScore;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;

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
        return new StoreService(MetricStores.open(dbFile));
    }

    public TimeSeriesStore store() {
        return store;
    }

    /** @throws IllegalArgumentException with a sentence when {@code selector} cannot be read */
    public QueryResult query(String selector, Instant from, Instant to, int maxPoints) {
        return store.query(Selector.parse(selector), from.toEpochMilli(), to.toEpochMilli(), maxPoints);
    }

    /** The store's downsampled answer (about {@code maxPoints} per series), as a chart asks for it. */
    public QueryResult query(Selector selector, long fromMillis, long toMillis, int maxPoints) {
        return store.query(selector, fromMillis, toMillis, maxPoints);
    }

    public List<SeriesKey> series(String selector) {
        return store.series(Selector.parse(selector));
    }

    /** Hosts that have any series, sorted: the fleet the store knows. */
    public List<String> hosts() {
        return store.allSeries().stream().map(SeriesKey::host).distinct().sorted().toList();
    }

    /**
     * When {@code key} crosses {@code threshold} (a filesystem at 100 %), fitted over the full-resolution points
     * of the last {@code window} before {@code now}.
     */
    public ThresholdForecast.Forecast forecast(SeriesKey key, double threshold, Duration window, Instant now) {
        SeriesPoints p = points(key, now.minus(window), now);
        return ThresholdForecast.forecast(p.timestamps(), p.values(), threshold, now.toEpochMilli());
    }

    /**
     * Metrics with a fixed limit worth forecasting, and the limit: a filesystem or its inodes at 100 %, available
     * memory down to 0. Swap in use has a limit per host ({@link #limit(SeriesKey)}).
     */
    private static final Map<String, Double> LIMITS = Map.of(SampleMetrics.FS_USED_PCT, 100.0, SampleMetrics.FS_INODES_USED_PCT, 100.0,
            SampleMetrics.MEMORY_AVAILABLE, 0.0);

    /** The fixed limit a metric is forecast against, if it has one. */
    public static OptionalDouble limit(String metric) {
        Double l = LIMITS.get(metric);
        return l == null ? OptionalDouble.empty() : OptionalDouble.of(l);
    }

    /** Whether a metric has a natural limit, fixed or per host (swap in use against the host's swap space). */
    public static boolean hasLimit(String metric) {
        return LIMITS.containsKey(metric) || metric.equals(SampleMetrics.SWAP_USED);
    }

    /**
     * The limit of one series: the metric's fixed one, or for swap in use the host's latest swap size (none on a
     * host without swap).
     */
    public OptionalDouble limit(SeriesKey key) {
        if (!key.metric().equals(SampleMetrics.SWAP_USED)) {
            return limit(key.metric());
        }
        long now = System.currentTimeMillis();
        double[] total = points(SeriesKey.of(key.host(), SampleMetrics.SWAP_TOTAL), Instant.ofEpochMilli(0), Instant.ofEpochMilli(now + 86_400_000L)).values();
        for (int i = total.length - 1; i >= 0; i--) {
            if (Double.isFinite(total[i])) {
                return total[i] > 0 ? OptionalDouble.of(total[i]) : OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** One series of an answer that heads for its metric's limit, and when it gets there. */
    public record Crossing(SeriesData series, double limit, ThresholdForecast.Forecast forecast) {

        public long crossingMillis() {
            return forecast.crossingMillis().orElseThrow();
        }
    }

    /**
     * The series of a query answer that reach their metric's {@link #limit} ahead, fitted on the answer's
     * averages (what a chart shows, so the forecast line continues the drawn one); none for a metric without
     * a limit.
     */
    public List<Crossing> crossings(String metric, List<SeriesData> answer, Instant now) {
        List<Crossing> out = new ArrayList<>();
        if (!hasLimit(metric)) {
            return out;
        }
        for (SeriesData d : answer) {
            if (d.size() < ThresholdForecast.MIN_POINTS) {
                continue;
            }
            OptionalDouble limit = limit(d.key());
            if (limit.isEmpty()) {
                continue;
            }
            ThresholdForecast.Forecast f = ThresholdForecast.forecast(d.timestamps(), d.avg(), limit.getAsDouble(), now.toEpochMilli());
            if (f.crossingMillis().isPresent()) {
                out.add(new Crossing(d, limit.getAsDouble(), f));
            }
        }
        return out;
    }

    /**
     * How unusual {@code key}'s last {@code recent} is: against its own {@code baseline} before that, and against
     * the same metric and labels on every other host in the store.
     */
    public AnomalyScore anomaly(SeriesKey key, Duration recent, Duration baseline, Instant now) {
        Instant recentFrom = now.minus(recent);
        double[] own = points(key, recentFrom, now).values();
        double[] base = points(key, recentFrom.minus(baseline), recentFrom).values();
        List<double[]> peers = new ArrayList<>();
        for (SeriesPoints p : store.points(Selector.of(key.metric(), "*"), recentFrom.toEpochMilli(), now.toEpochMilli())) {
            if (!p.key().host().equals(key.host()) && p.key().labels().equals(key.labels())) {
                peers.add(p.values());
            }
        }
        return AnomalyScore.of(base, own, peers.toArray(new double[0][]));
    }

    /** The full-resolution points of one series in {@code [from, to]} (none when it has none). */
    public SeriesPoints points(SeriesKey key, Instant from, Instant to) {
        List<SeriesPoints> found = store.points(Selector.of(key), from.toEpochMilli(), to.toEpochMilli());
        return found.isEmpty() ? new SeriesPoints(key, new long[0], new double[0]) : found.get(0);
    }

    /** The incident recorder's view of this store: every series of the incident's hosts. */
    public MetricSliceSource metricSlices() {
        return new StoreMetricSlices(store);
    }

    public StoreInfo info() {
        return store.info();
    }

    @Override
    public void close() {
        store.close();
    }
}
