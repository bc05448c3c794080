package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

class TieredStoreTest {

    static final long T0 = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + Duration.ofDays(3).toMillis()), ZoneOffset.UTC);

    @TempDir
    Path dir;

    StoreConfig config() {
        return StoreConfig.defaults().withClock(CLOCK).withFlushInterval(Duration.ofMillis(100));
    }

    @Test
    void appendedPointsComeBackFromEveryTierAndAfterReopening() throws Exception {
        Path file = dir.resolve("m.mv.db");
        SeriesKey web1 = SeriesKey.of("web-1", "cpu.iowait");
        SeriesKey web2 = SeriesKey.of("web-2", "cpu.iowait");
        List<Sample> samples = new ArrayList<>();
        long end = T0 + Duration.ofDays(2).toMillis();
        for (long t = T0; t < end; t += 10_000) {
            samples.add(new Sample(web1, t, ((t - T0) / 10_000) % 100 / 4.0));
            samples.add(new Sample(web2, t, 1.5));
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(file, config())) {
            store.appendAll(samples);
            store.compact();
            assertEquals(List.of(web1, web2), store.series(Selector.parse("cpu.iowait{host=web-*}")));
            List<SeriesPoints> pts = store.points(Selector.of(web1), T0, end);
            assertEquals(samples.size() / 2, pts.get(0).size());
            assertEquals(0.25, pts.get(0).values()[1]);
            QueryResult week = store.query(Selector.parse("cpu.iowait"), T0, end, 49);
            SeriesData d = week.get(web2).orElseThrow();
            assertEquals("1h", d.tier());
            assertEquals(48, d.size());
            assertEquals(1.5, d.avg()[0]);
            assertEquals(360, d.count()[0]);
            QueryResult day = store.query(Selector.parse("cpu.iowait"), T0, end, 1000);
            assertEquals("1m", day.get(web2).orElseThrow().tier());
            QueryResult hour = store.query(Selector.of(web1), T0, T0 + 3_600_000, 1000);
            SeriesData h = hour.get(web1).orElseThrow();
            assertEquals("raw", h.tier());
            assertEquals(360, h.size());
            assertEquals(0.25, h.avg()[1]);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (TimeSeriesStore store = TimeSeriesStore.open(file, config())) {
            List<SeriesPoints> pts = store.points(Selector.of(web1), T0, end);
            assertEquals(samples.size() / 2, pts.get(0).size());
            assertTrue(store.info().chunkPoints() > 0);
            System.out.println(store.info());
        }
    }

    @Test
    void aClosedStoreSaysItIsClosedNotThatItsFileIsDamaged() {
        Path file = dir.resolve("c.mv.db");
        SeriesKey a = SeriesKey.of("web-1", "x.a");
        SeriesKey b = SeriesKey.of("web-1", "x.b");
        TimeSeriesStore store = TimeSeriesStore.open(file, config());
        store.append(a, T0, 1);
        store.append(b, T0, 2);
        store.close();
        for (Runnable read : List.<Runnable>of(
                () -> store.query(Selector.parse("x.a"), T0, T0 + 1000, 10),
                () -> store.query(Selector.parse("x.*"), T0, T0 + 1000, 10),
                () -> store.points(Selector.parse("x.a"), T0, T0 + 1000))) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, read::run);
            assertTrue(e.getMessage().contains("is closed"), e.getMessage());
            assertTrue(!e.getMessage().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void queriesOfManySeriesRunOnTheStoresOwnThreadsNotTheCommonPool() {
        Path file = dir.resolve("t.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(file, config())) {
            for (int i = 0; i < 8; i++) {
                store.append(SeriesKey.of("web-" + i, "x.a"), T0, i);
            }
            QueryResult r = store.query(Selector.parse("x.a"), T0, T0 + 1000, 10);
            assertEquals(8, r.series().size());
            assertEquals(7.0, r.get(SeriesKey.of("web-7", "x.a")).orElseThrow().avg()[0]);
            boolean storeThreads = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("metrics-store query t.mv.db"));
            assertTrue(storeThreads, "the store's query executor ran the reads");
        }
    }
}
