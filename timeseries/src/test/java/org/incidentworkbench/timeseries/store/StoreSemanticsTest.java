package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's rules: live reads, late and duplicate points, gaps, stitching tiers, retention by whole windows. */
class StoreSemanticsTest {

    static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    static final long MIN = 60_000;
    static final long HOUR = 3_600_000;
    static final long DAY = 86_400_000;
    static final SeriesKey KEY = SeriesKey.of("web-1", "test.value");

    @TempDir
    Path dir;

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        volatile long now;

        ManualClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }

    @Test
    void aLiveQuerySeesAPointAppendedAMomentAgo() {
        long now = System.currentTimeMillis();
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("live.mv.db"))) {
            store.append(KEY, now - 1, 42);
            SeriesData d = store.query(Selector.of(KEY), now - 15 * MIN, now + 1, 900).get(KEY).orElseThrow();
            assertEquals(1, d.size());
            assertEquals(42, d.avg()[0]);
            assertEquals("raw", d.tier());
        }
    }

    @Test
    void outOfOrderPointsAreSortedDuplicatesKeepTheLastAndLatePointsMergeIntoTheirChunk() {
        ManualClock clock = new ManualClock(T0 + DAY);
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("order.mv.db"), StoreConfig.defaults().withClock(clock))) {
            store.append(KEY, T0 + 2000, 2);
            store.append(KEY, T0 + 1000, 1);
            store.append(KEY, T0 + 2000, 20);
            store.compact();
            assertTrue(store.info().chunkPoints() == 2, "the window was compressed");
            store.append(KEY, T0 + 1500, 15); // late: its window is already a chunk
            store.append(KEY, T0 + 1000, 10); // late duplicate: replaces the stored value
            SeriesPoints before = store.points(Selector.of(KEY), T0, T0 + HOUR).get(0);
            store.compact();
            SeriesPoints after = store.points(Selector.of(KEY), T0, T0 + HOUR).get(0);
            assertArrayEquals(new long[] {T0 + 1000, T0 + 1500, T0 + 2000}, after.timestamps());
            assertArrayEquals(new double[] {10, 15, 20}, after.values());
            assertEquals(before, after, "a read before and after the merge agrees");
            assertEquals(3, store.info().chunkPoints());
            SeriesData minute = store.query(Selector.of(KEY), T0, T0 + DAY, 1000).get(KEY).orElseThrow();
            assertEquals("1m", minute.tier());
            assertEquals(3, minute.count()[0]);
            assertEquals(15, minute.avg()[0]);
        }
    }

    @Test
    void gapsStayGapsAndNaNMarkersBreakTheLine() {
        ManualClock clock = new ManualClock(T0 + DAY);
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("gaps.mv.db"), StoreConfig.defaults().withClock(clock))) {
            List<Sample> s = new ArrayList<>();
            for (long t = T0; t < T0 + 10 * MIN; t += 10_000) {
                s.add(new Sample(KEY, t, 5));
            }
            s.add(new Sample(KEY, T0 + 10 * MIN, Double.NaN)); // the sampler lost the host
            for (long t = T0 + 30 * MIN; t < T0 + 40 * MIN; t += 10_000) {
                s.add(new Sample(KEY, t, 7));
            }
            store.appendAll(s);
            for (boolean compressed : new boolean[] {false, true}) {
                if (compressed) {
                    store.compact();
                }
                SeriesData d = store.query(Selector.of(KEY), T0, T0 + 40 * MIN, 41).get(KEY).orElseThrow();
                assertEquals(21, d.size(), "10 + 10 minutes of data and one gap marker, nothing in between");
                assertEquals(0, d.count()[10]);
                assertTrue(Double.isNaN(d.avg()[10]));
                assertEquals(T0 + 30 * MIN, d.timestamps()[11], "the next bucket is after the gap, not interpolated");
                assertEquals(5, Arrays.stream(d.avg()).limit(10).max().orElseThrow());
            }
            SeriesData hourly = store.query(Selector.of(KEY), T0, T0 + DAY, 25).get(KEY).orElseThrow();
            assertEquals("1h", hourly.tier());
            assertEquals(120, hourly.count()[0], "the gap marker is not counted as a value");
        }
    }

    @Test
    void retentionDropsWholeWindowsAndQueriesStitchTheCoarserTiers() {
        ManualClock clock = new ManualClock(T0);
        StoreConfig config = StoreConfig.defaults().withClock(clock)
                .withRetention(Duration.ofDays(2), Duration.ofDays(4), Duration.ofDays(30));
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("ret.mv.db"), config)) {
            List<Sample> s = new ArrayList<>();
            // 30 s steps: a series stepping a minute or more gets no 1-minute rollups (KeepsWhatItIsGivenTest)
            for (long t = T0; t < T0 + 6 * DAY; t += MIN / 2) {
                s.add(new Sample(KEY, t, 1));
            }
            clock.now = T0 + 6 * DAY;
            store.appendAll(s);
            store.compact();
            SeriesPoints raw = store.points(Selector.of(KEY), T0, T0 + 6 * DAY).get(0);
            // 2 days of raw retention, window-aligned: nothing older than the window holding now - 2 days
            long oldest = raw.timestamps()[0];
            assertEquals(0, oldest % (2 * HOUR), "dropped by whole windows");
            assertTrue(oldest >= T0 + 4 * DAY - 2 * HOUR && oldest <= T0 + 4 * DAY, Instant.ofEpochMilli(oldest).toString());
            // a 6-day chart at 1-minute buckets stitches 1h (days 0-2), 1m (days 2-4) and raw (days 4-6)
            QueryResult q = store.query(Selector.of(KEY), T0, T0 + 6 * DAY, 6 * 24 * 60 + 1);
            SeriesData d = q.get(KEY).orElseThrow();
            assertEquals("1h+1m+raw", d.tier());
            assertEquals(6 * 24 * 120, Arrays.stream(d.count()).sum(), "every point counted once across the tiers");
            assertTrue(Arrays.stream(d.avg()).allMatch(v -> v == 1));
            clock.now = T0 + 40 * DAY;
            store.compact();
            assertTrue(store.query(Selector.of(KEY), T0, T0 + 6 * DAY, 100).get(KEY).orElseThrow().isEmpty(),
                    "past every retention nothing is left");
            assertEquals(0, store.info().chunkPoints());
        }
    }
}
