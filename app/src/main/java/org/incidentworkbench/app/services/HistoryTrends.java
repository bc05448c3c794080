package org.incidentworkbench.app.services;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.incidentworkbench.findings.TimeToLimit;
import org.incidentworkbench.findings.Trends;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;

/**
 * A host's {@link Trends} from the metrics store: each filling resource's full-resolution points over the last
 * {@link #WINDOW} (sampled, or read from sysstat or Prometheus: the store does not care) fitted by
 * {@link ThresholdForecast}. A series gives a forecast only with enough history: at least {@link #MIN_POINTS}
 * points fitted, the newest no older than {@link #FRESH}, so last week's sampling never speaks for today.
 *
 * <p>Thread-safe, as the store is.
 */
public final class HistoryTrends implements Trends {

    /**
     * How far back a triage's forecast looks: a week holds several daily cycles (log rotation), so their net trend
     * shows (`bench forecast`: with one day the sawtooth's median error at 50 % of the way was 24 %).
     */
    public static final Duration WINDOW = Duration.ofDays(7);
    /** Fewer points than this is a glance, not history (20 s of sampling at the default 1 s). */
    public static final int MIN_POINTS = 20;
    /** History whose newest point is older than this says nothing about now (sar writes every 10 min). */
    public static final Duration FRESH = Duration.ofMinutes(15);

    private final StoreService store;
    private final String host;
    private final Instant now;

    public HistoryTrends(StoreService store, String host, Instant now) {
        this.store = store;
        this.host = host;
        this.now = now;
    }

    @Override
    public Optional<TimeToLimit> filesystem(String mount) {
        return of(SeriesKey.of(host, SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, mount), 100);
    }

    @Override
    public Optional<TimeToLimit> inodes(String mount) {
        return of(SeriesKey.of(host, SampleMetrics.FS_INODES_USED_PCT, SampleMetrics.MOUNT, mount), 100);
    }

    @Override
    public Optional<TimeToLimit> memoryAvailable() {
        return of(SeriesKey.of(host, SampleMetrics.MEMORY_AVAILABLE), 0);
    }

    /** The forecast of one series towards {@code limit}, when its history is enough. */
    Optional<TimeToLimit> of(SeriesKey key, double limit) {
        SeriesPoints p = store.points(key, now.minus(WINDOW), now);
        long[] ts = p.timestamps();
        if (ts.length < MIN_POINTS || ts[ts.length - 1] < now.minus(FRESH).toEpochMilli()) {
            return Optional.empty();
        }
        ThresholdForecast.Forecast f = ThresholdForecast.forecast(ts, p.values(), limit, now.toEpochMilli());
        return timeToLimit(f, ts[ts.length - 1], now);
    }

    /**
     * How far ahead a triage extrapolates, in multiples of the span the trend was fitted on: 20 s of samples can
     * say "full within a minute", not "in 4 min" (a JVM that took 2 GiB in 20 s on a busy laptop once made
     * "80 % of memory is available, gone in 4 min" a critical headline). A longer reach says nothing at all, so
     * the level decides alone, neither raised nor called steady.
     */
    public static final int MAX_REACH = 4;

    /**
     * A forecast as the finding rules read it; empty when it rests on fewer than {@link #MIN_POINTS} points, or
     * when its crossing lies further ahead than {@link #MAX_REACH} times the fitted span.
     */
    static Optional<TimeToLimit> timeToLimit(ThresholdForecast.Forecast f, long lastMillis, Instant now) {
        boolean atLimit = f.crossingMillis().map(c -> c <= now.toEpochMilli()).orElse(false);
        if (f.pointsUsed() < MIN_POINTS && !atLimit) {
            return Optional.empty();
        }
        long n = now.toEpochMilli();
        long span = Math.max(0, lastMillis - f.fitFromMillis());
        if (f.crossingMillis().map(c -> c - n > MAX_REACH * span).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new TimeToLimit(f.crossingMillis().map(c -> Duration.ofMillis(Math.max(0, c - n))),
                f.crossingMillis().flatMap(c -> f.earliestMillis()).map(c -> Duration.ofMillis(Math.max(0, c - n))),
                f.crossingMillis().flatMap(c -> f.latestMillis()).map(c -> Duration.ofMillis(Math.max(0, c - n))),
                Double.isFinite(f.slopePerHour()) ? f.slopePerHour() : 0, f.pointsUsed(),
                Duration.ofMillis(Math.max(0, lastMillis - f.fitFromMillis())), f.stepDetected()));
    }
}
