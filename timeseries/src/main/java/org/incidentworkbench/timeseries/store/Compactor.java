package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.StoreException;
import org.incidentworkbench.timeseries.query.Tier;

/**
 * Moves points from memory to the file: every flush interval the points appended since the last one become one
 * {@code wal} record; when a window has closed, {@link #cut()} compresses it into chunks and 1-minute and 1-hour
 * rollups, records in {@code meta} how far the log is now in chunks and deletes the log records entirely so, all
 * in one transaction. At open, {@link #load()} replays the log. Readers see a compaction atomically: the drained
 * points stay visible through {@link #compacting()} until the commit, which happens under the exclusive side of
 * {@link #visibility()}. Uses the pool's writer under its lock; thread-safe.
 */
final class Compactor {

    private final Path file;
    private final StoreConfig config;
    private final long window;
    private final HotTier hot;
    private final ConnectionPool pool;
    private final RetentionPolicy policy;
    private final Sql writer;
    private final ReentrantReadWriteLock visibility = new ReentrantReadWriteLock();
    private volatile Map<Integer, Points> compacting = Map.of();
    private volatile long cutBoundary = Long.MIN_VALUE;
    private final long[] nextTsId = {1};
    /** The 1-hour blocks of the day being compressed, as written: saves reading back a block per series per window. */
    private final Map<Integer, RollupBlock> hourCache = new HashMap<>();
    private long hourCacheDay = Long.MIN_VALUE;

    Compactor(Path file, StoreConfig config, HotTier hot, ConnectionPool pool, RetentionPolicy policy) {
        this.file = file;
        this.config = config;
        this.window = config.chunkWindow().toMillis();
        this.hot = hot;
        this.pool = pool;
        this.policy = policy;
        this.writer = pool.writer();
    }

    /** Held shared by readers while they gather memory and tiers; exclusive around a compaction's commit. */
    ReentrantReadWriteLock visibility() {
        return visibility;
    }

    /** Points being compressed right now, by series id: still memory for readers until the commit. */
    Map<Integer, Points> compacting() {
        return compacting;
    }

    /** Reads the series and replays the write-ahead log into memory (at open). */
    void load() throws SQLException {
        try (Statement s = writer.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, host, metric, labels FROM series")) {
                while (rs.next()) {
                    hot.load(rs.getInt(1), new SeriesKey(rs.getString(2), rs.getString(3), SeriesKey.parseLabels(rs.getString(4))));
                }
            }
            s.execute(StoreFile.COARSE_TABLE);
            try (ResultSet rs = s.executeQuery("SELECT series_id FROM coarse_series")) {
                while (rs.next()) {
                    SeriesBuffer b = hot.byId(rs.getInt(1));
                    if (b != null) {
                        b.coarse = true;
                    }
                }
            }
            Map<String, String> meta = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT name, val FROM meta")) {
                while (rs.next()) {
                    meta.put(rs.getString(1), rs.getString(2));
                }
            }
            cutBoundary = Long.parseLong(meta.getOrDefault("cut_boundary", String.valueOf(Long.MIN_VALUE)));
            if (meta.containsKey(RetentionPolicy.META_KEY)) {
                policy.keepAtLeast(Long.parseLong(meta.get(RetentionPolicy.META_KEY)));
            }
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
        writer.connection().commit();
    }

    /** Writes the points appended since the last flush as one write-ahead record, and commits. */
    void flush() {
        pool.writerLock().lock();
        try {
            HotTier.Sealed sealed = hot.seal();
            try {
                writeSealed(sealed);
                writer.connection().commit();
            } catch (SQLException | RuntimeException e) {
                pool.rollback();
                requeue(sealed);
                throw failure("writing the write-ahead table", e);
            }
        } finally {
            pool.writerLock().unlock();
        }
    }

    private void writeSealed(HotTier.Sealed sealed) throws SQLException {
        if (!sealed.newSeries().isEmpty()) {
            {
                PreparedStatement ps = writer.prepare("INSERT INTO series(id, host, metric, labels) VALUES (?, ?, ?, ?)");
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
                PreparedStatement ps = writer.prepare("INSERT INTO wal(seq, max_ts, data) VALUES (?, ?, ?)");
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

    /** Compresses every closed window: chunks, rollups, and the write-ahead bookkeeping, in one transaction. */
    boolean cut() {
        pool.writerLock().lock();
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
                    PreparedStatement ps = writer.prepare("DELETE FROM wal WHERE seq <= ? AND max_ts < ?");
                    ps.setLong(1, sealed.seq());
                    ps.setLong(2, boundary);
                    ps.executeUpdate();
                }
                visibility.writeLock().lock();
                try {
                    writer.connection().commit();
                    compacting = Map.of();
                    cutBoundary = boundary;
                } finally {
                    visibility.writeLock().unlock();
                }
                return !drained.isEmpty();
            } catch (SQLException | RuntimeException e) {
                pool.rollback();
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
            pool.writerLock().unlock();
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
        long rawKeep = now - policy.rawMillis();
        long minuteKeep = now - policy.minuteMillis();
        long hourKeep = now - policy.hourMillis();
        for (Map.Entry<Long, Map<SeriesBuffer, Points>> w : byWindow.entrySet()) {
            long ws = w.getKey();
            Map<SeriesBuffer, Points> chunks = w.getValue();
            boolean mayExist = ws < previousBoundary;
            if (mayExist) {
                for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                    e.setValue(Points.merge(ChunkTier.readOne(writer, e.getKey().id, ws), e.getValue()));
                }
            }
            for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                markIfCoarse(e.getKey(), e.getValue());
            }
            long day = Math.floorDiv(ws, RollupTier.DAY) * RollupTier.DAY;
            // fine series: one chunk per window while raw points are kept; coarse series (a step of a minute or
            // more: 24 points a window at 5-minute steps, where H2's row and index cost as much as the points) one
            // chunk per day, kept as long as 1-minute rollups, and no rollups while it is kept
            Map<SeriesBuffer, Points> kept = new LinkedHashMap<>();
            Map<SeriesBuffer, Points> coarseDay = new LinkedHashMap<>();
            boolean coarseKept = day >= Retention.coarseChunkFloor(now, policy);
            for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                if (e.getKey().coarse) {
                    if (coarseKept) {
                        coarseDay.put(e.getKey(), e.getValue());
                    }
                } else if (ws + window > rawKeep) {
                    kept.put(e.getKey(), e.getValue());
                }
            }
            if (!kept.isEmpty()) {
                ChunkTier.write(writer, ws, kept, nextTsId);
                if (mayExist) {
                    ChunkTier.deleteOrphans(writer, ws);
                }
            }
            if (!coarseDay.isEmpty()) {
                writeCoarseDay(ws, day, coarseDay, mayExist);
            }
            for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                SeriesBuffer b = e.getKey();
                if (b.coarse && coarseKept) {
                    continue; // its day chunk stands in for rollups until retention rolls it into hours
                }
                RollupBlock minutes = RollupBlock.of(e.getValue(), Tier.MINUTE.resolutionMillis(), b.decimals);
                if (ws + window > minuteKeep && !b.coarse) {
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

    /**
     * Merges one window of coarse series into their day chunks (keyed by the day's start): read, merge (the
     * window's points win), write back, and drop a window-keyed chunk written before the series was known coarse.
     */
    private void writeCoarseDay(long ws, long day, Map<SeriesBuffer, Points> window, boolean mayExist) throws SQLException {
        Map<SeriesBuffer, Points> merged = new LinkedHashMap<>();
        for (Map.Entry<SeriesBuffer, Points> e : window.entrySet()) {
            merged.put(e.getKey(), Points.merge(ChunkTier.readOne(writer, e.getKey().id, day), e.getValue()));
        }
        ChunkTier.write(writer, day, merged, nextTsId);
        if (mayExist && ws != day) {
            ChunkTier.deleteOne(writer, window.keySet().stream().mapToInt(b -> b.id).toArray(), ws);
            ChunkTier.deleteOrphans(writer, ws);
        }
        ChunkTier.deleteOrphans(writer, day);
    }

    /**
     * Marks a series coarse when a window shows it stepping a minute or more (the median step of at least
     * three points): its 1-minute rollups would hold one bucket per point, more bytes than the points.
     */
    private void markIfCoarse(SeriesBuffer b, Points p) throws SQLException {
        if (b.coarse || p.size() < 3) {
            return;
        }
        long[] steps = new long[p.size() - 1];
        for (int i = 1; i < p.size(); i++) {
            steps[i - 1] = p.ts()[i] - p.ts()[i - 1];
        }
        java.util.Arrays.sort(steps);
        if (steps[steps.length / 2] >= Tier.MINUTE.resolutionMillis()) {
            PreparedStatement ps = writer.prepare("MERGE INTO coarse_series(series_id) KEY(series_id) VALUES (?)");
            ps.setInt(1, b.id);
            ps.executeUpdate();
            b.coarse = true;
        }
    }

    /** Remembers in the file that every tier keeps at least {@code keepMillis}, and applies it from now on. */
    void keepAtLeast(long keepMillis) {
        pool.writerLock().lock();
        try {
            setMeta(RetentionPolicy.META_KEY, String.valueOf(keepMillis));
            writer.connection().commit();
            policy.keepAtLeast(keepMillis);
        } catch (SQLException | RuntimeException e) {
            pool.rollback();
            throw failure("recording its retention", e);
        } finally {
            pool.writerLock().unlock();
        }
    }

    private void setMeta(String name, String value) throws SQLException {
        {
            PreparedStatement ps = writer.prepare("MERGE INTO meta(name, val) KEY(name) VALUES (?, ?)");
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }


    private StoreException failure(String what, Exception e) {
        return TieredStore.failure(file, what, e);
    }
}
