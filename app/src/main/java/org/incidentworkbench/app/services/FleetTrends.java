package org.incidentworkbench.app.services;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.app.model.HostTrends;
import org.incidentworkbench.app.model.Spark;
import org.incidentworkbench.app.model.TimeToFull;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;

/**
 * One host's recent trends from the metrics store, for the fleet board: sparklines of the last
 * {@link #SPARK_WINDOW} and the soonest filesystem or memory to run out, as the triage's findings forecast it
 * ({@link HistoryTrends}: {@code ThresholdForecast} over the last {@link HistoryTrends#WINDOW} of points, given enough
 * fresh history).
 * A few small queries per host; call off the FX thread. Thread-safe, as the store is.
 *
 * <pre>{@code
 * HostTrends t = new FleetTrends(store).of("web-1", Instant.now());
 * t.timeToFull().ifPresent(f -> show(f.text()));   // "/var full in 3 h 10 min"
 * }</pre>
 */
public final class FleetTrends {

    /** Ten minutes: what a glance at a sparkline compares, and the span an incident's first triage looks back over. */
    public static final Duration SPARK_WINDOW = Duration.ofMinutes(10);
    /** Buckets per sparkline: one per 10 s over the window, about two pixels each at the board's width. */
    static final int SPARK_POINTS = 60;

    private final StoreService store;

    public FleetTrends(StoreService store) {
        this.store = store;
    }

    public HostTrends of(String host, Instant now) {
        long from = now.minus(SPARK_WINDOW).toEpochMilli();
        long to = now.toEpochMilli();
        Spark idle = spark(host, SampleMetrics.CPU_IDLE, from, to, "%");
        double[] busy = new double[idle.values().length];
        for (int i = 0; i < busy.length; i++) {
            busy[i] = 100 - idle.values()[i];
        }
        Spark cpu = new Spark(idle.timestamps(), busy, "%");
        Spark load = spark(host, SampleMetrics.LOAD_1, from, to, "");
        Spark mem = memUsedPct(host, from, to);
        // the triage's own forecasts (HistoryTrends), so the board and the findings say the same "full in"
        HistoryTrends history = new HistoryTrends(store, host, now);
        List<TimeToFull> candidates = new ArrayList<>();
        for (SeriesKey key : keys(host, SampleMetrics.FS_USED_PCT)) {
            String mount = key.labels().getOrDefault(SampleMetrics.MOUNT, key.labelsText());
            history.filesystem(mount).ifPresent(t -> candidates.add(new TimeToFull(mount, t, now)));
        }
        for (SeriesKey key : keys(host, SampleMetrics.FS_INODES_USED_PCT)) {
            String mount = key.labels().getOrDefault(SampleMetrics.MOUNT, key.labelsText());
            history.inodes(mount).ifPresent(t -> candidates.add(new TimeToFull("inodes of " + mount, t, now)));
        }
        history.memoryAvailable().ifPresent(t -> candidates.add(new TimeToFull("memory", t, now)));
        return new HostTrends(cpu, load, mem, TimeToFull.soonest(candidates), now);
    }

    private List<SeriesKey> keys(String host, String metric) {
        return store.store().series(Selector.of(metric, host));
    }

    private Spark spark(String host, String metric, long from, long to, String unit) {
        QueryResult r = store.query(Selector.of(metric, host), from, to, SPARK_POINTS);
        if (r.series().isEmpty()) {
            return new Spark(new long[0], new double[0], unit);
        }
        SeriesData d = r.series().get(0);
        return new Spark(d.timestamps(), d.avg(), unit);
    }

    /** Used over total per bucket; both come from the same /proc/meminfo frame, so their buckets line up. */
    private Spark memUsedPct(String host, long from, long to) {
        Spark used = spark(host, SampleMetrics.MEMORY_USED, from, to, "bytes");
        Spark total = spark(host, SampleMetrics.MEMORY_TOTAL, from, to, "bytes");
        Map<Long, Double> totals = new HashMap<>();
        for (int i = 0; i < total.timestamps().length; i++) {
            totals.put(total.timestamps()[i], total.values()[i]);
        }
        double[] pct = new double[used.values().length];
        for (int i = 0; i < pct.length; i++) {
            Double t = totals.get(used.timestamps()[i]);
            pct[i] = t == null || !(t > 0) ? Double.NaN : 100 * used.values()[i] / t;
        }
        return new Spark(used.timestamps(), pct, "%");
    }
}
