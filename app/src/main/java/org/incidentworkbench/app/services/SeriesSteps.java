package org.incidentworkbench.app.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Where a series comes from and how far apart its points are, as a chart's legend says it ("sar, 10 min step",
 * "sampled, 1 s step"): a downsampled query hides the native step (a week of 1-second samples and of sar's
 * 10-minute records both come back as 11-minute buckets), so it is measured once per series as the median
 * gap between its stored points and remembered. Thread-safe.
 */
public final class SeriesSteps {

    /** How far back to look for a few points: a second's samples, then sar's minutes, then hourly data. */
    private static final long[] LOOK_BACK = {10 * 60_000L, 6 * 3_600_000L, 3 * 86_400_000L};
    private static final int ENOUGH = 3;

    private final Map<SeriesKey, Long> known = new ConcurrentHashMap<>();

    /**
     * The legend's text for {@code key}: its {@code source} label ("sampled" when it has none: the sampler's
     * series carry no source) and, when measurable, the median step of its points up to {@code atMillis}.
     */
    public String describe(TimeSeriesStore store, SeriesKey key, long atMillis) {
        String source = key.labels().getOrDefault("source", "sampled");
        OptionalLong step = step(store, key, atMillis);
        return step.isPresent() ? source + ", " + human(step.getAsLong()) + " step" : source;
    }

    /** The median gap between the series' points before {@code atMillis}; empty with fewer than three points. */
    public OptionalLong step(TimeSeriesStore store, SeriesKey key, long atMillis) {
        Long k = known.get(key);
        if (k != null) {
            return OptionalLong.of(k);
        }
        for (long span : LOOK_BACK) {
            List<Long> times = new ArrayList<>();
            for (SeriesPoints p : store.points(Selector.of(key), atMillis - span, atMillis + 1)) {
                if (!p.key().equals(key)) {
                    continue;
                }
                for (int i = 0; i < p.size(); i++) {
                    if (!Double.isNaN(p.values()[i])) { // the gap marker sits 1 ms after a point
                        times.add(p.timestamps()[i]);
                    }
                }
            }
            if (times.size() >= ENOUGH) {
                long median = medianGap(times);
                known.put(key, median);
                return OptionalLong.of(median);
            }
        }
        return OptionalLong.empty();
    }

    /** Forget what was measured (history was loaded: a series may have changed its step). */
    public void forget() {
        known.clear();
    }

    static long medianGap(List<Long> sortedTimes) {
        long[] gaps = new long[sortedTimes.size() - 1];
        for (int i = 1; i < sortedTimes.size(); i++) {
            gaps[i - 1] = sortedTimes.get(i) - sortedTimes.get(i - 1);
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    /** A step as people say it: "250 ms", "1 s", "10 min", "1 h" (sadc's 600.4 s is "10 min"). */
    static String human(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long s = Math.round(millis / 1000.0);
        if (s < 120) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        if (min < 120) {
            return min + " min";
        }
        return Math.round(min / 60.0) + " h";
    }
}
