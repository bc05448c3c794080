package org.incidentworkbench.app.ui.metrics;

/**
 * A closed interval of epoch milliseconds shown on a chart's time axis, with the pan and zoom
 * arithmetic every synchronised chart shares.
 */
public record TimeRange(long fromMillis, long toMillis) {

    public static final long MIN_SPAN_MILLIS = 10_000;

    public TimeRange {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("A time range must end after it starts; got " + fromMillis + " to " + toMillis + ".");
        }
    }

    public static TimeRange last(long spanMillis, long nowMillis) {
        return new TimeRange(nowMillis - spanMillis, nowMillis);
    }

    public long span() {
        return toMillis - fromMillis;
    }

    /** Moved by {@code fraction} of its span (positive: later). */
    public TimeRange pan(double fraction) {
        long d = Math.round(span() * fraction);
        return new TimeRange(fromMillis + d, toMillis + d);
    }

    /** Zoomed by {@code factor} (below 1: in) keeping {@code anchorMillis} at the same place on screen. */
    public TimeRange zoom(double factor, long anchorMillis) {
        double newSpan = Math.max(MIN_SPAN_MILLIS, span() * factor);
        double left = (anchorMillis - fromMillis) / (double) span();
        long from = Math.round(anchorMillis - left * newSpan);
        return new TimeRange(from, from + Math.round(newSpan));
    }

    public boolean contains(long t) {
        return t >= fromMillis && t <= toMillis;
    }

    /** True when this range lies within {@code other}. */
    public boolean within(TimeRange other) {
        return fromMillis >= other.fromMillis && toMillis <= other.toMillis;
    }
}
