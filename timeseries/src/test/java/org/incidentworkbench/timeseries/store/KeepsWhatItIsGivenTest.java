package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.io.MetricsExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 part 4: imports never drop points without a word, and old points land in a tier that keeps them. */
class KeepsWhatItIsGivenTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final SeriesKey KEY = SeriesKey.of("web-1", "custom.latency_ms");

    @TempDir
    Path dir;

    private StoreConfig config() {
        return StoreConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** {@code n} points at 5-minute steps from {@code start}, values with five significant digits. */
    private Path csv(String name, Instant start, int n) throws Exception {
        List<SeriesPoints> series = new ArrayList<>();
        long[] ts = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = start.toEpochMilli() + i * 300_000L;
            v[i] = 100 + i % 97 * 1.2345;
        }
        series.add(new SeriesPoints(KEY, ts, v));
        Path file = dir.resolve(name);
        try (var w = Files.newBufferedWriter(file)) {
            MetricsExchange.writeCsv(series, w);
        }
        return file;
    }

    @Test
    void pointsOlderThanEveryTierAreRefusedAndCountedTheRestImported() throws Exception {
        Path old = csv("old.csv", NOW.minus(Duration.ofDays(3 * 365)), 100);
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("a.mv.db"), config())) {
            assertEquals(NOW.minus(Duration.ofDays(730)).toEpochMilli(), store.oldestKept());
            MetricsExchange.ImportResult r = MetricsExchange.importFile(store, old);
            assertEquals(0, r.imported());
            assertEquals(100, r.refused());
            assertEquals(NOW.minus(Duration.ofDays(3 * 365)).toEpochMilli(), r.oldestRefused());
            assertEquals(Duration.ofDays(730), r.retention());
        }
    }

    @Test
    void aLongerRetentionIsRememberedByTheFileAndKeepsOldPointsAtFullResolution() throws Exception {
        Path old = csv("old.csv", NOW.minus(Duration.ofDays(3 * 365)), 100);
        Path db = dir.resolve("b.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            store.keepAtLeast(Duration.ofDays(5 * 365));
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            assertEquals(Duration.ofDays(5 * 365), store.retention(), "read back from the file");
            MetricsExchange.ImportResult r = MetricsExchange.importFile(store, old);
            assertEquals(100, r.imported());
            assertEquals(0, r.refused());
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            store.compact();
            List<SeriesPoints> p = store.points(Selector.of(KEY), 0, NOW.toEpochMilli());
            assertEquals(100, p.get(0).size(), "full resolution kept past the default 14 days");
            assertTrue(store.info().chunkPoints() >= 100, store.info().toString());
        }
    }

    @Test
    void importingTheSameFileThreeTimesLeavesTheFileWithinTenPercentOfOneImport() throws Exception {
        // 20 series x 1,100 points at 5-minute steps, five significant digits, the last 4 days
        List<SeriesPoints> series = new ArrayList<>();
        java.util.Random random = new java.util.Random(13);
        for (int s = 0; s < 20; s++) {
            long[] ts = new long[1100];
            double[] v = new double[1100];
            double x = 10 + random.nextDouble() * 990;
            for (int i = 0; i < ts.length; i++) {
                ts[i] = NOW.minus(Duration.ofDays(4)).toEpochMilli() + i * 300_000L;
                x = Math.max(0.1, x * (1 + random.nextGaussian() * 0.01));
                v[i] = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.5g", x));
            }
            series.add(new SeriesPoints(SeriesKey.of("h" + s % 4, "custom.m" + s / 4), ts, v));
        }
        Path file = dir.resolve("walk.csv");
        try (var w = Files.newBufferedWriter(file)) {
            MetricsExchange.writeCsv(series, w);
        }
        Path db = dir.resolve("again.mv.db");
        long[] sizes = new long[3];
        for (int i = 0; i < 3; i++) {
            try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
                assertEquals(22_000, MetricsExchange.importFile(store, file).imported());
            }
            sizes[i] = Files.size(db);
        }
        assertTrue(sizes[2] <= sizes[0] * 1.10, "file after 1 and 3 imports: " + java.util.Arrays.toString(sizes));
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            assertEquals(series.get(7).values().length, store.points(Selector.of(series.get(7).key()), 0, NOW.toEpochMilli())
                    .get(0).size(), "one point per time, whatever the number of imports");
        }
    }

    @Test
    void seriesStepping5MinutesGetNo1MinuteRollupsAndQueriesReadTheirChunksInstead() throws Exception {
        SeriesKey sparse = SeriesKey.of("web-1", "custom.sar_like");
        SeriesKey dense = SeriesKey.of("web-1", "custom.per_second");
        Instant start = NOW.minus(Duration.ofDays(40)); // past the chunks' 14 days for dense series
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40 * 288; i++) {
            samples.add(new Sample(sparse, start.toEpochMilli() + i * 300_000L, 100 + i % 13 * 0.25));
        }
        for (int i = 0; i < 3600; i++) {
            samples.add(new Sample(dense, NOW.minus(Duration.ofHours(3)).toEpochMilli() + i * 1000L, i % 50));
        }
        Path db = dir.resolve("coarse.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            store.appendAll(samples);
            store.compact();
            // 1-minute buckets only for the per-second series (60 of them per hour), none for the 5-minute one
            assertEquals(60, store.info().rollupBuckets().get("1m"), store.info().toString());
            assertTrue(store.info().lastMillis().orElseThrow() >= NOW.minus(Duration.ofHours(3)).toEpochMilli(),
                    store.info().toString());
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            // a 7-day query plans the 1-minute tier; the coarse series answers from its chunks, every point counted
            for (int days : new int[] {7, 30}) {
                QueryResult q = store.query(Selector.of(sparse), NOW.minus(Duration.ofDays(days)).toEpochMilli(),
                        NOW.toEpochMilli(), 1000);
                long counted = 0;
                for (long c : q.series().get(0).count()) {
                    counted += c;
                }
                assertEquals(days * 288L, counted, days + " days");
            }
            // its chunks are kept as long as 1-minute rollups would be (90 days), not 14 days
            assertEquals(40 * 288, store.points(Selector.of(sparse), 0, NOW.toEpochMilli()).get(0).size());
        }
    }

    @Test
    void coarseSeriesKeepDayChunksWithoutRollupsUntilRetentionRollsThemIntoHours() throws Exception {
        SeriesKey sparse = SeriesKey.of("web-1", "custom.sar_like");
        Instant start = NOW.minus(Duration.ofDays(10));
        int n = 10 * 288;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new Sample(sparse, start.toEpochMilli() + i * 300_000L, 100 + i % 13 * 0.25));
        }
        Path db = dir.resolve("days.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(db, config())) {
            store.appendAll(samples);
            store.compact();
            // no 1-minute nor 1-hour buckets: the day chunks hold every point and answer every range
            assertEquals(0L, store.info().rollupBuckets().get("1h"), store.info().toString());
            assertEquals(0L, store.info().rollupBuckets().get("1m"), store.info().toString());
            assertEquals(n, store.info().chunkPoints() + store.info().hotPoints(), "the open window is still in memory");
            assertEquals(start.toEpochMilli(), store.info().firstMillis().orElseThrow() + start.toEpochMilli() % 86_400_000L,
                    "the first day chunk starts the store");
            assertEquals(n, counted(store.query(Selector.of(sparse), NOW.minus(Duration.ofDays(365)).toEpochMilli(),
                    NOW.toEpochMilli(), 1000)), "a year's query (1-hour plan) reads the day chunks");
            // a range starting mid-day reads that day's chunk
            long midDay = start.plus(Duration.ofHours(30)).toEpochMilli();
            assertEquals(n - 360, store.points(Selector.of(sparse), midDay, NOW.toEpochMilli()).get(0).size());
        }
        // 95 days later the first five days are past the chunks' 90 days: rolled into hours, then dropped
        Instant later = NOW.plus(Duration.ofDays(85));
        try (TimeSeriesStore store = TimeSeriesStore.open(db, StoreConfig.defaults().withClock(Clock.fixed(later, ZoneOffset.UTC)))) {
            store.compact();
            long floor = Math.floorDiv(later.minus(Duration.ofDays(90)).toEpochMilli(), 86_400_000L) * 86_400_000L;
            long keptPoints = store.points(Selector.of(sparse), 0, later.toEpochMilli()).get(0).size();
            assertEquals((start.toEpochMilli() + (n - 1) * 300_000L - floor) / 300_000L + 1, keptPoints, "points from the day floor on");
            assertTrue(store.info().rollupBuckets().get("1h") > 0, store.info().toString());
            assertEquals(n, counted(store.query(Selector.of(sparse), later.minus(Duration.ofDays(365)).toEpochMilli(),
                    later.toEpochMilli(), 1000)), "hours before the floor, day chunks after: every point counted once");
        }
    }

    private static long counted(QueryResult q) {
        long counted = 0;
        for (long c : q.series().get(0).count()) {
            counted += c;
        }
        return counted;
    }

    @Test
    void pointsPastTheChunkRetentionGoToTheRollupsThatStillKeepThem() throws Exception {
        // 30 days old: past the chunks' 14 days, inside the 1-minute rollups' 90 days
        Instant start = NOW.minus(Duration.ofDays(30));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 360; i++) { // an hour at 10 s steps: a dense series, with 1-minute rollups
            samples.add(new Sample(KEY, start.toEpochMilli() + i * 10_000L, 10 + i % 7));
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("c.mv.db"), config())) {
            store.appendAll(samples);
            store.compact();
            QueryResult q = store.query(Selector.of(KEY), start.toEpochMilli(), start.plus(Duration.ofDays(1)).toEpochMilli(), 1000);
            long counted = 0;
            for (long c : q.series().get(0).count()) {
                counted += c;
            }
            assertEquals(360, counted, "every point is counted in a rollup bucket");
            assertEquals(0, store.info().chunkPoints());
        }
    }
}
