package org.incidentworkbench.timeseries.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * lock around the commit, so no reader ever counts a point twice or misses one. Thread-safe.
 */
public final class TieredStore implements TimeSeriesStore {

    private static final int READERS = 3;
    /** Files open in this JVM: H2 would share one database between two stores, whose memory tiers would clash. */
    private static final java.util.Set<Path> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path file;
    private final StoreConfig config;
    private final long window;
    private final Connection writer;
    private final ReentrantLock writerLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final HotTier hot = new HotTier();
    private final BlockCache blockCache;
    private final ReentrantReadWriteLock visibility = new ReentrantReadWriteLock();
    private volatile Map<Integer, Points> compacting = Map.of();
    private volatile long cutBoundary = Long.MIN_VALUE;
    private final long[] nextTsId = {1};
    private final ScheduledExecutorService background;
    private volatile RuntimeException backgroundFailure;
    private volatile boolean closed;
    private long lastRetentionMillis = Long.MIN_VALUE;
    /** The 1-hour blocks of the day being compressed, as written: saves reading back a block per series per window. */
    private final Map<Integer, RollupBlock> hourCache = new HashMap<>();
    private long hourCacheDay = Long.MIN_VALUE;

    private TieredStore(Path file, StoreConfig config, Connection writer) {
        this.file = file;
        this.config = config;
        this.window = config.chunkWindow().toMillis();
        this.writer = writer;
        this.blockCache = new BlockCache(config.blockCacheBuckets());
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-store " + file.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens or creates the store; see {@link TimeSeriesStore#open(Path, StoreConfig)}. */
    public static TieredStore open(Path dbFile, StoreConfig config) {
        Path file = StoreFile.check(dbFile);
        if (!OPEN.add(file)) {
            throw new StoreException(file, "The store file " + file + " is already open in this program; use that"
                    + " store instead of opening it twice.");
        }
        Connection writer;
        try {
            writer = StoreFile.open(file);
        } catch (RuntimeException e) {
            OPEN.remove(file);
            throw e;
        }
        TieredStore store = new TieredStore(file, config, writer);
        try {
            writer.setAutoCommit(false);
            store.load();
            for (int i = 0; i < READERS; i++) {
                store.readers.add(StoreFile.openReader(file));
            }
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

    private void load() throws SQLException {
        try (Statement s = writer.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, host, metric, labels FROM series")) {
                while (rs.next()) {
                    hot.load(rs.getInt(1), new SeriesKey(rs.getString(2), rs.getString(3), SeriesKey.parseLabels(rs.getString(4))));
                }
            }
            Map<String, String> meta = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT name, val FROM meta")) {
                while (rs.next()) {
                    meta.put(rs.getString(1), rs.getString(2));
                }
            }
            cutBoundary = Long.parseLong(meta.getOrDefault("cut_boundary", String.valueOf(Long.MIN_VALUE)));
            long walCutSeq = Long.parseLong(meta.getOrDefault("wal_cut_seq", "0"));
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM tsblock")) {
                rs.next();
                nextTsId[0] = rs.getLong(1) + 1;
            }
            long maxSeq = walCutSeq;
            long replayed = 0;
            try (ResultSet rs = s.executeQuery("SELECT seq, data FROM wal ORDER BY seq")) {
                hot.gate.readLock().lock();
                try {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        maxSeq = Math.max(maxSeq, seq);
                        boolean partlyCut = seq <= walCutSeq;
                        long boundary = cutBoundary;
                        byte[] data = rs.getBytes(2);
                        long[] count = {0};
                        try {
                            WalBuffer.read(data, (id, ts, v) -> {
                                SeriesBuffer b = hot.byId(id);
                                if (b == null) {
                                    throw new IllegalArgumentException("it names series " + id + ", which does not exist");
                                }
                                if (partlyCut && ts < boundary) {
                                    return;
                                }
                                hot.add(b, ts, v, false);
                                hot.noteMaxTs(ts);
                                count[0]++;
                            });
                        } catch (RuntimeException e) {
                            throw new StoreException(file, "The store file " + file + " is damaged: write-ahead record "
                                    + seq + " cannot be read (" + e.getMessage() + ").", e);
                        }
                        replayed += count[0];
                    }
                } finally {
                    hot.gate.readLock().unlock();
                }
            }
            hot.startSeqAt(maxSeq + 1);
        }
        writer.commit();
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
        noteTs(timestampMillis);
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
        noteTs(range[1]);
    }

    private void noteTs(long ts) {
        hot.noteMaxTs(ts);
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
        writerLock.lock();
        try {
            HotTier.Sealed sealed = hot.seal();
            try {
                writeSealed(sealed);
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                rollback();
                requeue(sealed);
                throw failure("writing the write-ahead table", e);
            }
        } finally {
            writerLock.unlock();
        }
    }

    private void writeSealed(HotTier.Sealed sealed) throws SQLException {
        if (!sealed.newSeries().isEmpty()) {
            {
                PreparedStatement ps = Sql.prepare(writer, "INSERT INTO series(id, host, metric, labels) VALUES (?, ?, ?, ?)");
                for (SeriesBuffer b : sealed.newSeries()) {
                    ps.setInt(1, b.id);
                    ps.setString(2, b.key.host());
                    ps.setString(3, b.key.metric());
                    ps.setString(4, b.key.labelsText());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!sealed.wal().isEmpty()) {
            {
                PreparedStatement ps = Sql.prepare(writer, "INSERT INTO wal(seq, max_ts, data) VALUES (?, ?, ?)");
                ps.setLong(1, sealed.seq());
                ps.setLong(2, sealed.wal().maxTs());
                ps.setBytes(3, sealed.wal().toBytes());
                ps.executeUpdate();
            }
        }
    }

    /** After a failed write: the sealed points go back into the pending write-ahead buffer. */
    private void requeue(HotTier.Sealed sealed) {
        hot.unsave(sealed.newSeries());
        if (!sealed.wal().isEmpty()) {
            hot.gate.readLock().lock();
            try {
                WalBuffer.read(sealed.wal().toBytes(), (id, ts, v) -> hot.relog(id, ts, v));
            } finally {
                hot.gate.readLock().unlock();
            }
        }
    }

    @Override
    public void compact() {
        flush();
        cut();
        retention(true);
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            // cut first, and again while windows keep closing (a backlog, an import): points of closed windows
            // go straight into chunks and never into the log, which in H2 costs several times their size
            for (int i = 0; i < 20 && !closed && cut(); i++) {
                // each pass compresses what closed during the previous one
            }
            flush();
            retention(false);
        } catch (RuntimeException e) {
            backgroundFailure = e;
        }
    }

    /** Compresses every closed window: chunks, rollups, and the write-ahead bookkeeping, in one transaction. */
    private boolean cut() {
        writerLock.lock();
        try {
            long now = config.clock().millis();
            long cutoff = Math.max(now, hot.maxTs()) - config.lateness().toMillis();
            long boundary = Math.max(Math.floorDiv(cutoff, window) * window, cutBoundary);
            if (boundary <= cutBoundary && hot.minTimestamp() >= boundary) {
                return false; // no new window has closed and no late point waits for an old one
            }
            long previous = cutBoundary;
            Map<SeriesBuffer, Points> drained = new HashMap<>();
            HotTier.Sealed sealed = hot.sealAndDrain(boundary, drained, d -> {
                Map<Integer, Points> visible = new HashMap<>();
                d.forEach((b, p) -> visible.put(b.id, p));
                compacting = visible;
            });
            try {
                // the drained points go into chunks in this very transaction: only the rest needs the log
                writeSealed(new HotTier.Sealed(sealed.seq(), sealed.wal().without(boundary), sealed.newSeries()));
                writeWindows(drained, previous, now);
                setMeta("cut_boundary", String.valueOf(boundary));
                setMeta("wal_cut_seq", String.valueOf(sealed.seq()));
                {
                    PreparedStatement ps = Sql.prepare(writer, "DELETE FROM wal WHERE seq <= ? AND max_ts < ?");
                    ps.setLong(1, sealed.seq());
                    ps.setLong(2, boundary);
                    ps.executeUpdate();
                }
                visibility.writeLock().lock();
                try {
                    writer.commit();
                    compacting = Map.of();
                    cutBoundary = boundary;
                } finally {
                    visibility.writeLock().unlock();
                }
                return !drained.isEmpty();
            } catch (SQLException | RuntimeException e) {
                rollback();
                hourCache.clear();
                hourCacheDay = Long.MIN_VALUE;
                hot.gate.readLock().lock();
                try {
                    drained.forEach((b, p) -> {
                        for (int i = 0; i < p.size(); i++) {
                            hot.add(b, p.ts()[i], p.values()[i], false);
                        }
                    });
                } finally {
                    hot.gate.readLock().unlock();
                }
                compacting = Map.of();
                requeue(sealed);
                throw failure("compressing closed windows", e);
            }
        } finally {
            writerLock.unlock();
        }
    }

    private void writeWindows(Map<SeriesBuffer, Points> drained, long previousBoundary, long now) throws SQLException {
        TreeMap<Long, Map<SeriesBuffer, Points>> byWindow = new TreeMap<>();
        for (Map.Entry<SeriesBuffer, Points> e : drained.entrySet()) {
            Points p = e.getValue();
            int i = 0;
            while (i < p.size()) {
                long ws = Math.floorDiv(p.ts()[i], window) * window;
                int j = Points.lowerBound(p.ts(), ws + window);
                Points part = i == 0 && j == p.size() ? p : p.slice(ws, ws + window);
                byWindow.computeIfAbsent(ws, k -> new LinkedHashMap<>()).put(e.getKey(), part);
                i = j;
            }
        }
        long rawKeep = now - config.rawRetention().toMillis();
        long minuteKeep = now - config.minuteRetention().toMillis();
        long hourKeep = now - config.hourRetention().toMillis();
        for (Map.Entry<Long, Map<SeriesBuffer, Points>> w : byWindow.entrySet()) {
            long ws = w.getKey();
            Map<SeriesBuffer, Points> chunks = w.getValue();
            boolean mayExist = ws < previousBoundary;
            if (mayExist) {
                for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                    e.setValue(Points.merge(ChunkTier.readOne(writer, e.getKey().id, ws), e.getValue()));
                }
            }
            if (ws + window > rawKeep) {
                ChunkTier.write(writer, ws, chunks, nextTsId);
                if (mayExist) {
                    ChunkTier.deleteOrphans(writer, ws);
                }
            }
            long day = Math.floorDiv(ws, RollupTier.DAY) * RollupTier.DAY;
            for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                SeriesBuffer b = e.getKey();
                RollupBlock minutes = RollupBlock.of(e.getValue(), Tier.MINUTE.resolutionMillis(), b.decimals);
                if (ws + window > minuteKeep) {
                    RollupTier.write(writer, RollupTier.MINUTE, b.id, ws, minutes, b.decimals);
                }
                if (day + RollupTier.DAY > hourKeep) {
                    long hour = Tier.HOUR.resolutionMillis();
                    long hs = Math.floorDiv(ws, hour) * hour;
                    long he = -Math.floorDiv(-(ws + window), hour) * hour;
                    RollupBlock source = minutes;
                    if (hs != ws || he != ws + window) {
                        source = RollupBlock.EMPTY;
                        for (RollupTier.Row row : RollupTier.read(writer, RollupTier.MINUTE, b.id,
                                Math.floorDiv(hs, window) * window, he)) {
                            RollupBlock m = row.blockStart() == ws ? minutes : row.decode();
                            source = source.replaceRange(row.blockStart(), row.blockStart() + window, m);
                        }
                        if (ws + window <= minuteKeep) {
                            source = source.replaceRange(ws, ws + window, minutes);
                        }
                    }
                    RollupBlock hours = source.coarsen(hour, b.decimals);
                    if (day != hourCacheDay) {
                        hourCache.clear();
                        hourCacheDay = day;
                    }
                    RollupBlock dayBlock = hourCache.get(b.id);
                    if (dayBlock == null) {
                        dayBlock = RollupTier.readOne(writer, RollupTier.HOUR, b.id, day);
                    }
                    dayBlock = dayBlock.replaceRange(hs, he, hours);
                    RollupTier.write(writer, RollupTier.HOUR, b.id, day, dayBlock, b.decimals);
                    hourCache.put(b.id, dayBlock);
                }
            }
        }
    }

    private void retention(boolean force) {
        long now = config.clock().millis();
        if (!force && lastRetentionMillis != Long.MIN_VALUE && now - lastRetentionMillis < 60_000) {
            return;
        }
        writerLock.lock();
        try {
            ChunkTier.dropBefore(writer, now - config.rawRetention().toMillis() - window + 1);
            RollupTier.dropBefore(writer, RollupTier.MINUTE, now - config.minuteRetention().toMillis() - window + 1);
            RollupTier.dropBefore(writer, RollupTier.HOUR, now - config.hourRetention().toMillis() - RollupTier.DAY + 1);
            writer.commit();
            lastRetentionMillis = now;
        } catch (SQLException e) {
            rollback();
            throw failure("dropping windows past their retention", e);
        } finally {
            writerLock.unlock();
        }
    }

    private void setMeta(String name, String value) throws SQLException {
        {
            PreparedStatement ps = Sql.prepare(writer, "MERGE INTO meta(name, val) KEY(name) VALUES (?, ?)");
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    private StoreException failure(String what, Exception e) {
        String m = e instanceof SQLException sql ? StoreFile.describe(sql) : e.getMessage();
        return new StoreException(file, "The store " + file + " failed " + what + ": " + m, e);
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
        long rawFloor = ceil(now - config.rawRetention().toMillis(), minute);
        long minuteFloor = ceil(now - config.minuteRetention().toMillis(), hour);
        // [from, to) split by tier: the preferred tier where it is kept, coarser ones before that
        long rawFrom = plan.tier() == Tier.RAW ? Math.max(fromMillis, rawFloor) : toMillis;
        long minuteFrom = plan.tier() == Tier.HOUR ? toMillis : Math.max(fromMillis, minuteFloor);
        minuteFrom = Math.min(minuteFrom, rawFrom);
        long rawStart = rawFrom;
        long minuteStart = minuteFrom;
        List<SeriesKey> keys = series(selector);
        // series are independent: several are read and decoded in parallel (one per core)
        List<SeriesData> out = (keys.size() > 1 ? keys.parallelStream() : keys.stream())
                .map(key -> queryOne(key, fromMillis, toMillis, plan.stepMillis(), rawStart, minuteStart))
                // the grid gives at most maxPoints buckets except for tiny budgets, where LTTB keeps the shape
                .map(d -> d.size() > maxPoints ? Lttb.thin(d, maxPoints) : d)
                .toList();
        return new QueryResult(out);
    }

    private SeriesData queryOne(SeriesKey key, long from, long to, long step, long rawFrom, long minuteFrom) {
        try {
            return aggregate(key, from, to, step, rawFrom, minuteFrom);
        } catch (IllegalStateException e) {
            throw damaged(e);
        }
    }

    /** A chunk or rollup that does not decode: the file is damaged there; the message says where. */
    private StoreException damaged(IllegalStateException e) {
        return new StoreException(file, "The store file " + file + " is damaged: " + e.getMessage()
                + " Export what still reads with 'workbench store export' and start a new store.", e);
    }

    private SeriesData aggregate(SeriesKey key, long from, long to, long step, long rawFrom, long minuteFrom) {
        SeriesBuffer b = hot.resolve(key);
        Fetched f = fetch(b, from, to, rawFrom, to, minuteFrom);
        BucketAggregator agg = new BucketAggregator(from, to, step);
        for (RollupTier.Row row : f.rollups) {
            Tier tier = row.tier() == RollupTier.MINUTE ? Tier.MINUTE : Tier.HOUR;
            long segFrom = tier == Tier.MINUTE ? minuteFrom : from;
            long segTo = tier == Tier.MINUTE ? rawFrom : minuteFrom;
            // a rollup bucket that the range starts inside of counts whole: its points cannot be split
            segFrom = Math.floorDiv(segFrom, tier.resolutionMillis()) * tier.resolutionMillis();
            RollupBlock r = blockCache.decode(row);
            for (int i = 0; i < r.size(); i++) {
                long t = r.start()[i];
                if (t >= segFrom && t < segTo) {
                    agg.bucket(t, r.min()[i], r.max()[i], r.sum()[i], r.count()[i], tier);
                }
            }
        }
        Points raw = f.rawPoints(rawFrom, to);
        for (int i = 0; i < raw.size(); i++) {
            agg.point(raw.ts()[i], raw.values()[i], Tier.RAW);
        }
        return agg.result(key);
    }

    @Override
    public List<SeriesPoints> points(Selector selector, long fromMillis, long toMillis) {
        List<SeriesPoints> out = new ArrayList<>();
        for (SeriesKey key : series(selector)) {
            SeriesBuffer b = hot.resolve(key);
            Points p;
            try {
                p = fetch(b, fromMillis, toMillis, fromMillis, toMillis, fromMillis).rawPoints(fromMillis, toMillis);
            } catch (IllegalStateException e) {
                throw damaged(e);
            }
            out.add(new SeriesPoints(key, p.ts(), p.values()));
        }
        return out;
    }

    /** What one read gathered under the visibility lock, still encoded. */
    private final class Fetched {
        Points memory = Points.EMPTY;
        List<ChunkTier.Row> chunks = List.of();
        Map<Long, byte[]> tsBlocks = new HashMap<>();
        List<RollupTier.Row> rollups = new ArrayList<>();

        /** Chunks' points in [from, to) merged with memory's points in the query range (memory wins). */
        Points rawPoints(long from, long to) {
            Points stored = Points.EMPTY;
            if (!chunks.isEmpty()) {
                Map<Long, long[]> decoded = new HashMap<>();
                int total = 0;
                List<Points> parts = new ArrayList<>();
                for (ChunkTier.Row r : chunks) {
                    Points p = ChunkTier.decode(r, tsBlocks.get(r.tsId()), decoded).slice(from, to);
                    parts.add(p);
                    total += p.size();
                }
                long[] ts = new long[total];
                double[] v = new double[total];
                int k = 0;
                for (Points p : parts) {
                    System.arraycopy(p.ts(), 0, ts, k, p.size());
                    System.arraycopy(p.values(), 0, v, k, p.size());
                    k += p.size();
                }
                stored = new Points(ts, v);
            }
            return Points.merge(stored, memory);
        }
    }

    private Fetched fetch(SeriesBuffer b, long from, long to, long rawFrom, long rawTo, long minuteFrom) {
        Fetched f = new Fetched();
        Connection c = borrow();
        visibility.readLock().lock();
        try {
            Points mem;
            Points comp;
            // under the gate, so a compaction's drain and its publication of the drained points look atomic
            hot.gate.readLock().lock();
            try {
                mem = b.copy(from, to);
                comp = compacting.get(b.id);
            } finally {
                hot.gate.readLock().unlock();
            }
            f.memory = comp == null ? mem : Points.merge(comp.slice(from, to), mem);
            if (rawFrom < rawTo) {
                f.chunks = ChunkTier.read(c, b.id, Math.floorDiv(rawFrom, window) * window, rawTo);
                ChunkTier.readTimestamps(c, f.chunks, f.tsBlocks);
            }
            long minuteTo = Math.min(rawFrom, to);
            if (minuteFrom < minuteTo) {
                f.rollups.addAll(RollupTier.read(c, RollupTier.MINUTE, b.id, Math.floorDiv(minuteFrom, window) * window, minuteTo));
            }
            if (from < minuteFrom) {
                f.rollups.addAll(RollupTier.read(c, RollupTier.HOUR, b.id, Math.floorDiv(from, RollupTier.DAY) * RollupTier.DAY,
                        minuteFrom));
            }
        } catch (SQLException e) {
            throw failure("reading", e);
        } finally {
            visibility.readLock().unlock();
            readers.add(c);
        }
        return f;
    }

    private Connection borrow() {
        if (closed) {
            throw new IllegalStateException("The store " + file + " is closed; open it again to query.");
        }
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a connection to the store " + file + ".", e);
        }
    }

    private static long ceil(long v, long unit) {
        return -Math.floorDiv(-v, unit) * unit;
    }

    // ---------------------------------------------------------------- info and lifecycle

    @Override
    public StoreInfo info() {
        Connection c = borrow();
        try (Statement s = c.createStatement()) {
            long chunkPoints;
            long chunkBytes;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(n), 0), COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM chunk")) {
                rs.next();
                chunkPoints = rs.getLong(1);
                chunkBytes = rs.getLong(2);
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM tsblock")) {
                rs.next();
                chunkBytes += rs.getLong(1);
            }
            Map<String, Long> rollups = new LinkedHashMap<>();
            rollups.put("1m", 0L);
            rollups.put("1h", 0L);
            try (ResultSet rs = s.executeQuery("SELECT tier, SUM(n) FROM rollup GROUP BY tier")) {
                while (rs.next()) {
                    rollups.put(rs.getInt(1) == RollupTier.MINUTE ? "1m" : "1h", rs.getLong(2));
                }
            }
            Optional<Long> first = Optional.empty();
            try (ResultSet rs = s.executeQuery("SELECT MIN(block_start) FROM rollup WHERE tier = " + RollupTier.HOUR)) {
                if (rs.next() && rs.getObject(1) != null) {
                    first = Optional.of(rs.getLong(1));
                }
            }
            long memMin = Long.MAX_VALUE;
            for (SeriesBuffer b : hot.all()) {
                memMin = Math.min(memMin, b.minTimestamp());
            }
            if (first.isEmpty() && memMin != Long.MAX_VALUE) {
                first = Optional.of(memMin);
            }
            long max = hot.maxTs();
            try (ResultSet rs = s.executeQuery("SELECT MAX(block_start) FROM rollup WHERE tier = " + RollupTier.MINUTE)) {
                if (rs.next() && rs.getObject(1) != null) {
                    max = Math.max(max, rs.getLong(1) + window - 1);
                }
            }
            // without points in memory, the end of the newest compressed window bounds the newest point
            Optional<Long> last = max == Long.MIN_VALUE ? Optional.empty() : Optional.of(max);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = -1;
            }
            return new StoreInfo(file, StoreFile.SCHEMA_VERSION, size, hot.all().size(), hot.points(), chunkPoints,
                    chunkBytes, rollups, first, last);
        } catch (SQLException e) {
            throw failure("reading its summary", e);
        } finally {
            readers.add(c);
        }
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
            flush();
            cut();
        } finally {
            closed = true;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        closed = true;
        OPEN.remove(file);
        background.shutdownNow();
        List<Connection> all = new ArrayList<>();
        readers.drainTo(all);
        all.add(writer);
        for (Connection c : all) {
            Sql.forget(c);
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing: nothing more to do with this connection
            }
        }
    }

    @Override
    public String toString() {
        return "TieredStore[" + file + "]";
    }
}
