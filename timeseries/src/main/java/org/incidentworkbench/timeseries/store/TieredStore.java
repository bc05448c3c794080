package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.StoreException;
import org.incidentworkbench.timeseries.StoreInfo;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.downsample.Lttb;
import org.incidentworkbench.timeseries.query.BucketAggregator;
import org.incidentworkbench.timeseries.query.QueryPlan;
import org.incidentworkbench.timeseries.query.Tier;

/**
 * The tiered store in one H2 file (after Mackerel's Diamond and Netdata's tiers):
 *
 * <table>
 *   <caption>tiers</caption>
 *   <tr><th>tier</th><th>holds</th><th>where</th><th>kept</th></tr>
 *   <tr><td>hot</td><td>points of windows still open, full resolution</td><td>{@link HotTier} in memory, plus
 *       table {@code wal} written every flush interval (1 s)</td><td>until the window closes (2 h windows)</td></tr>
 *   <tr><td>chunks</td><td>full resolution, compressed by {@code codec}</td><td>{@link ChunkTier}: tables
 *       {@code chunk} and {@code tsblock}</td><td>14 days</td></tr>
 *   <tr><td>rollups</td><td>min, max, sum, count, last per 1 min and per 1 h</td><td>{@link RollupTier}: table
 *       {@code rollup}</td><td>90 days / 2 years</td></tr>
 * </table>
 *
 * <p><b>Schema</b> (version {@value StoreFile#SCHEMA_VERSION}, in table {@code meta} with the application name):
 * {@code series(id, host, metric, labels)}, {@code wal(seq, max_ts, data)}, {@code chunk(series_id,
 * window_start, n, ts_id, data)}, {@code tsblock(id, window_start, data)}, {@code rollup(tier, series_id,
 * block_start, n, data)}; see {@link StoreFile}.
 *
 * <p><b>What a crash loses.</b> Appended points go to memory and to a write-ahead buffer; a daemon thread
 * writes that buffer as one {@code wal} row every flush interval and commits (H2 with {@code WRITE_DELAY=0}
 * writes the commit to the file at once). A {@code kill -9} therefore loses at most the last interval.
 * Reopening replays {@code wal} into memory. When a window has closed (its end plus the lateness has
 * passed), the same thread compresses it: chunks, 1-minute and 1-hour rollups, and in the same transaction
 * records in {@code meta} up to which record and time the write-ahead log is now in chunks, and deletes the
 * records that are entirely so. Points of windows that close before they were logged go straight into
 * chunks and never into {@code wal}: at bulk rates (an import, the benchmark) the log in H2 cost about five
 * times its size in file writes. While a backlog is compressed pass after pass, each pass commits what it
 * drained and logs what it did not, so the loss bound is then one pass instead of one interval.
 *
 * <p>Nothing slows appenders down when compression falls behind: memory holds the backlog.
 *
 * <p><b>Retention</b> drops whole windows (chunks and 1-minute blocks) and whole days (1-hour blocks) once
 * their end is older than the tier's retention: a few row deletes, never a scan of points.
 *
 * <p><b>Concurrency.</b> Appends take a shared lock and touch only memory. Readers see memory plus committed
 * tiers; a compaction makes its chunks visible and removes the points from memory under a short exclusive
 * lock around the commit, so no reader ever counts a point twice or misses one. Queries read several series
 * in parallel on the store's own small executor (never the common pool, where a blocking JDBC read would
 * starve unrelated work). Thread-safe.
 *
 * <p><b>Parts.</b> This class wires them and owns the lifecycle: {@link HotTier} (memory), {@link Compactor}
 * (write-ahead log, chunks and rollups), {@link Retention}, {@link TierReader} (reads across tiers) and
 * {@link ConnectionPool} (the writer and the readers, each with its own prepared statements). Only stored bytes
 * that do not decode are reported as a damaged file; a closed store says it is closed.
 */
public final class TieredStore implements TimeSeriesStore {

    /** Files open in this JVM: H2 would share one database between two stores, whose memory tiers would clash. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final StoreConfig config;
    private final long window;
    private final HotTier hot;
    private final ConnectionPool pool;
    private final RetentionPolicy policy;
    private final Compactor compactor;
    private final Retention retention;
    private final TierReader reader;
    private final ScheduledExecutorService background;
    /** Reads series of one query in parallel; as wide as the reader pool, so no task waits for a connection. */
    private final ExecutorService queries;
    private volatile RuntimeException backgroundFailure;
    private volatile boolean closed;

    private TieredStore(Path file, StoreConfig config, ConnectionPool pool) {
        this.file = file;
        this.config = config;
        this.window = config.chunkWindow().toMillis();
        this.pool = pool;
        this.hot = new HotTier(config.resolution());
        this.policy = new RetentionPolicy(config);
        this.compactor = new Compactor(file, config, hot, pool, policy);
        this.retention = new Retention(file, config, pool, policy, id -> {
            SeriesBuffer b = hot.byId(id);
            return b == null ? -1 : b.decimals;
        });
        this.reader = new TierReader(file, window, hot, pool, compactor, new BlockCache(config.blockCacheBuckets()));
        this.background = Executors.newSingleThreadScheduledExecutor(daemon("metrics-store " + file.getFileName()));
        this.queries = Executors.newFixedThreadPool(ConnectionPool.READERS, daemon("metrics-store query " + file.getFileName()));
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Opens or creates the store; see {@link TimeSeriesStore#open(Path, StoreConfig)}. */
    public static TieredStore open(Path dbFile, StoreConfig config) {
        Path file = StoreFile.check(dbFile);
        if (!OPEN.add(file)) {
            throw new StoreException(file, "The store file " + file + " is already open in this program; use that"
                    + " store instead of opening it twice.");
        }
        ConnectionPool pool;
        try {
            pool = new ConnectionPool(file);
        } catch (SQLException e) {
            OPEN.remove(file);
            throw new StoreException(file, "The store file " + file + " cannot be loaded: " + StoreFile.describe(e), e);
        } catch (RuntimeException e) {
            OPEN.remove(file);
            throw e;
        }
        TieredStore store = new TieredStore(file, config, pool);
        try {
            store.compactor.load();
        } catch (SQLException | RuntimeException e) {
            store.closeQuietly();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException(file, "The store file " + file + " cannot be loaded: " + e.getMessage(), e);
        }
        long every = config.flushInterval().toMillis();
        store.background.scheduleWithFixedDelay(store::tick, every, every, TimeUnit.MILLISECONDS);
        return store;
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void append(SeriesKey key, long timestampMillis, double value) {
        checkWritable();
        SeriesBuffer b = hot.resolve(key);
        hot.gate.readLock().lock();
        try {
            hot.add(b, timestampMillis, value, true);
        } finally {
            hot.gate.readLock().unlock();
        }
        hot.noteMaxTs(timestampMillis);
    }

    @Override
    public void appendAll(Collection<Sample> samples) {
        checkWritable();
        if (samples.isEmpty()) {
            return;
        }
        long[] range;
        hot.gate.readLock().lock();
        try {
            range = hot.addAll(samples);
        } finally {
            hot.gate.readLock().unlock();
        }
        hot.noteMaxTs(range[1]);
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("The store " + file + " is closed; open it again to append.");
        }
        RuntimeException failure = backgroundFailure;
        if (failure != null) {
            backgroundFailure = null;
            throw new StoreException(file, "Writing to the store file " + file + " failed in the background: "
                    + failure.getMessage(), failure);
        }
    }

    @Override
    public void flush() {
        compactor.flush();
    }

    @Override
    public void compact() {
        compactor.flush();
        compactor.cut();
        retention.apply(true);
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            // cut first, and again while windows keep closing (a backlog, an import): points of closed windows
            // go straight into chunks and never into the log, which in H2 costs several times their size
            for (int i = 0; i < 20 && !closed && compactor.cut(); i++) {
                // each pass compresses what closed during the previous one
            }
            compactor.flush();
            retention.apply(false);
        } catch (RuntimeException e) {
            backgroundFailure = e;
        }
    }

    /** A failure of the database while doing {@code what}, as a sentence naming the file. */
    static StoreException failure(Path file, String what, Exception e) {
        String m = e instanceof SQLException sql ? StoreFile.describe(sql) : e.getMessage();
        return new StoreException(file, "The store " + file + " failed " + what + ": " + m, e);
    }

    @Override
    public long oldestKept() {
        return config.clock().millis() - policy.longest().toMillis();
    }

    @Override
    public Duration retention() {
        return policy.longest();
    }

    @Override
    public void keepAtLeast(Duration span) {
        checkWritable();
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("A retention must be a positive span; got " + span + ".");
        }
        compactor.keepAtLeast(span.toMillis());
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<SeriesKey> series(Selector selector) {
        List<SeriesKey> out = new ArrayList<>();
        for (SeriesBuffer b : hot.all()) {
            if (selector.matches(b.key)) {
                out.add(b.key);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public List<SeriesKey> allSeries() {
        List<SeriesKey> out = new ArrayList<>();
        for (SeriesBuffer b : hot.all()) {
            out.add(b.key);
        }
        out.sort(null);
        return out;
    }

    @Override
    public QueryResult query(Selector selector, long fromMillis, long toMillis, int maxPoints) {
        QueryPlan plan = QueryPlan.of(fromMillis, toMillis, maxPoints);
        long now = config.clock().millis();
        long minute = Tier.MINUTE.resolutionMillis();
        long hour = Tier.HOUR.resolutionMillis();
        long rawFloor = ceil(now - policy.rawMillis(), minute);
        long minuteFloor = ceil(now - policy.minuteMillis(), hour);
        // [from, to) split by tier: the preferred tier where it is kept, coarser ones before that
        long rawFrom = plan.tier() == Tier.RAW ? Math.max(fromMillis, rawFloor) : toMillis;
        long minuteFrom = Math.min(plan.tier() == Tier.HOUR ? toMillis : Math.max(fromMillis, minuteFloor), rawFrom);
        // a coarse series (step >= 1 min) has chunks where others have 1-minute rollups: read them there instead
        // (and where others have 1-hour rollups too, until retention rolls its day chunks into hours: Retention)
        long coarseRawFrom = Math.max(fromMillis, Math.min(rawFloor, Retention.coarseChunkFloor(now, policy)));
        List<SeriesKey> keys = series(selector);
        List<Callable<SeriesData>> reads = new ArrayList<>(keys.size());
        for (SeriesKey key : keys) {
            boolean coarse = hot.resolve(key).coarse;
            long seriesRawFrom = coarse ? Math.min(rawFrom, coarseRawFrom) : rawFrom;
            long seriesMinuteFrom = coarse ? Math.min(minuteFrom, seriesRawFrom) : minuteFrom;
            // the grid gives at most maxPoints buckets except for tiny budgets, where LTTB keeps the shape
            reads.add(() -> {
                SeriesData d = reader.aggregate(key, fromMillis, toMillis, plan.stepMillis(), seriesRawFrom, seriesMinuteFrom);
                return d.size() > maxPoints ? Lttb.thin(d, maxPoints) : d;
            });
        }
        return new QueryResult(keys.size() == 1 ? List.of(readNow(reads.get(0))) : readInParallel(reads));
    }

    @Override
    public List<SeriesPoints> points(Selector selector, long fromMillis, long toMillis) {
        List<SeriesPoints> out = new ArrayList<>();
        for (SeriesKey key : series(selector)) {
            Points p = readNow(() -> reader.points(key, fromMillis, toMillis));
            out.add(new SeriesPoints(key, p.ts(), p.values()));
        }
        return out;
    }

    /** Runs one read on the caller's thread, turning stored bytes that do not decode into a damaged-file report. */
    private <T> T readNow(Callable<T> read) {
        try {
            return read.call();
        } catch (DamagedStoreException e) {
            throw damaged(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Series are independent: several are read and decoded at once on the store's query threads. */
    private List<SeriesData> readInParallel(List<Callable<SeriesData>> reads) {
        if (closed) {
            throw new IllegalStateException("The store " + file + " is closed; open it again to query.");
        }
        List<Future<SeriesData>> futures = new ArrayList<>(reads.size());
        try {
            for (Callable<SeriesData> read : reads) {
                futures.add(queries.submit(() -> readNow(read)));
            }
            List<SeriesData> out = new ArrayList<>(reads.size());
            for (Future<SeriesData> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The store " + file + " is closed; open it again to query.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while querying the store " + file + ".", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(false));
        }
    }

    /** A chunk or rollup that does not decode: the file is damaged there; the message says where. */
    private StoreException damaged(DamagedStoreException e) {
        return new StoreException(file, "The store file " + file + " is damaged: " + e.getMessage()
                + " Export what still reads with 'workbench store export' and start a new store.", e);
    }

    private static long ceil(long v, long unit) {
        return -Math.floorDiv(-v, unit) * unit;
    }

    // ---------------------------------------------------------------- info and lifecycle

    @Override
    public StoreInfo info() {
        return StoreSummary.read(file, pool, hot, window);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        background.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            compactor.flush();
            compactor.cut();
        } finally {
            closed = true;
            background.shutdownNow();
            queries.shutdownNow();
            pool.closeCompactingWaste();
            OPEN.remove(file);
        }
    }

    private void closeQuietly() {
        closed = true;
        OPEN.remove(file);
        background.shutdownNow();
        queries.shutdownNow();
        pool.close();
    }

    @Override
    public String toString() {
        return "TieredStore[" + file + "]";
    }
}
