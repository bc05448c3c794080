package org.incidentworkbench.timeseries.store;

import java.time.Duration;
import org.incidentworkbench.timeseries.StoreConfig;

/**
 * How long each tier keeps its data right now: the configured retention, raised for every tier to the store's
 * own "keep at least" setting when the file has one (set by {@code store import --retention}, remembered in
 * {@code meta} as {@value #META_KEY}, so every later open keeps the same). Thread-safe: the three spans change
 * together, atomically.
 */
final class RetentionPolicy {

    static final String META_KEY = "keep_at_least_ms";

    private record Spans(long raw, long minute, long hour) {
    }

    private final StoreConfig config;
    private volatile Spans spans;

    RetentionPolicy(StoreConfig config) {
        this.config = config;
        this.spans = new Spans(config.rawRetention().toMillis(), config.minuteRetention().toMillis(),
                config.hourRetention().toMillis());
    }

    /** Raises every tier to keep at least {@code keepMillis}; spans already longer stay. */
    void keepAtLeast(long keepMillis) {
        spans = new Spans(Math.max(config.rawRetention().toMillis(), keepMillis),
                Math.max(config.minuteRetention().toMillis(), keepMillis),
                Math.max(config.hourRetention().toMillis(), keepMillis));
    }

    long rawMillis() {
        return spans.raw();
    }

    long minuteMillis() {
        return spans.minute();
    }

    long hourMillis() {
        return spans.hour();
    }

    /** The longest span any tier keeps. */
    Duration longest() {
        Spans s = spans;
        return Duration.ofMillis(Math.max(s.raw(), Math.max(s.minute(), s.hour())));
    }
}
