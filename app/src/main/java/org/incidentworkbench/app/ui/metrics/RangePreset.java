package org.incidentworkbench.app.ui.metrics;

import java.time.Duration;

/**
 * The ranges offered in the toolbar, from the live last five minutes (following now, second by
 * second) to a year (served by the store's hourly rollups).
 */
public enum RangePreset {
    LIVE_5M("Live 5 min", Duration.ofMinutes(5), true),
    LIVE_15M("Live 15 min", Duration.ofMinutes(15), true),
    LIVE_1H("Live 1 h", Duration.ofHours(1), true),
    LAST_6H("Last 6 h", Duration.ofHours(6), false),
    LAST_24H("Last 24 h", Duration.ofHours(24), false),
    LAST_7D("Last 7 days", Duration.ofDays(7), false),
    LAST_30D("Last 30 days", Duration.ofDays(30), false),
    LAST_90D("Last 90 days", Duration.ofDays(90), false),
    LAST_1Y("Last year", Duration.ofDays(365), false);

    private final String label;
    private final Duration span;
    private final boolean live;

    RangePreset(String label, Duration span, boolean live) {
        this.label = label;
        this.span = span;
        this.live = live;
    }

    public Duration span() {
        return span;
    }

    public boolean live() {
        return live;
    }

    public TimeRange rangeEndingAt(long nowMillis) {
        return TimeRange.last(span.toMillis(), nowMillis);
    }

    @Override
    public String toString() {
        return label;
    }
}
