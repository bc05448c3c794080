package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers append while readers query and the background thread compresses windows (1-minute windows, so
 * many cuts happen during the test): a reader must never see a point twice nor lose one it saw before,
 * and in the end every point is there exactly once.
 */
class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void writersReadersAndCompactionAgree() throws Exception {
        StoreConfig config = StoreConfig.defaults().withChunkWindow(Duration.ofMinutes(1)).withLateness(Duration.ZERO)
                .withFlushInterval(Duration.ofMillis(20));
        int writers = 4;
        int perWriter = 30_000;
        long t0 = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("c.mv.db"), config)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                SeriesKey key = SeriesKey.of("host-" + w, "test.counter");
                writes.add(pool.submit(() -> {
                    start.await();
                    List<Sample> batch = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        batch.add(new Sample(key, t0 + i * 100L, i));
                        if (batch.size() == 100) {
                            store.appendAll(batch);
                            batch.clear();
                        }
                    }
                    store.appendAll(batch);
                    return null;
                }));
            }
            List<Future<?>> reads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int reader = r;
                reads.add(pool.submit(() -> {
                    start.await();
                    int[] seen = new int[writers];
                    while (writing.get()) {
                        for (SeriesPoints p : store.points(Selector.parse("test.counter"), t0, t0 + perWriter * 100L)) {
                            int w = Integer.parseInt(p.key().host().substring(5));
                            for (int i = 0; i < p.size(); i++) {
                                if (p.values()[i] != i || p.timestamps()[i] != t0 + i * 100L) {
                                    problems.add("reader " + reader + " saw " + p.key() + " point " + i + " = " + p.values()[i]);
                                    break;
                                }
                            }
                            if (p.size() < seen[w]) {
                                problems.add("reader " + reader + " saw " + p.size() + " points of " + p.key()
                                        + " after having seen " + seen[w]);
                            }
                            seen[w] = p.size();
                        }
                        QueryResult q = store.query(Selector.parse("test.counter"), t0, t0 + perWriter * 100L, 200);
                        q.series().forEach(d -> {
                            long total = 0;
                            for (long c : d.count()) {
                                total += c;
                            }
                            if (total > perWriter) {
                                problems.add("a query counted " + total + " points of " + d.key());
                            }
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : writes) {
                f.get(90, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> f : reads) {
                f.get(90, TimeUnit.SECONDS);
            }
            store.compact();
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            for (SeriesPoints p : store.points(Selector.parse("test.counter"), t0, t0 + perWriter * 100L)) {
                assertEquals(perWriter, p.size(), p.key().toString());
            }
            QueryResult all = store.query(Selector.parse("test.counter"), t0, t0 + perWriter * 100L, 10);
            for (var d : all.series()) {
                assertEquals(perWriter, java.util.Arrays.stream(d.count()).sum(), d.key() + " via " + d.tier());
            }
            assertTrue(store.info().chunkPoints() > 0, "compaction ran during the test");
        } finally {
            pool.shutdownNow();
        }
    }
}
