package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.query.BucketAggregator;
import org.incidentworkbench.timeseries.query.Tier;

/**
 * Reads one series across the tiers: memory (plus what a running compaction holds), chunks, and rollups,
 * gathered under the shared side of the compactor's visibility lock so that no point is counted twice or
 * missed while a window moves from memory to chunks. Decoding happens after the lock is released. Stored
 * bytes that do not decode raise {@link DamagedStoreException}. Thread-safe (each read borrows a reader).
 */
final class TierReader {

    private final Path file;
    private final long window;
    private final HotTier hot;
    private final ConnectionPool pool;
    private final Compactor compactor;
    private final BlockCache blockCache;

    TierReader(Path file, long window, HotTier hot, ConnectionPool pool, Compactor compactor, BlockCache blockCache) {
        this.file = file;
        this.window = window;
        this.hot = hot;
        this.pool = pool;
        this.compactor = compactor;
        this.blockCache = blockCache;
    }

    /**
     * One series in {@code [from, to)} bucketed by {@code step}: 1-hour rollups before {@code minuteFrom},
     * 1-minute rollups up to {@code rawFrom}, full-resolution points (chunks and memory) from there.
     */
    SeriesData aggregate(SeriesKey key, long from, long to, long step, long rawFrom, long minuteFrom) {
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

    /** The full-resolution points of one series in {@code [from, to)}, as stored. */
    Points points(SeriesKey key, long from, long to) {
        return fetch(hot.resolve(key), from, to, from, to, from).rawPoints(from, to);
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
        Sql c = pool.borrow();
        compactor.visibility().readLock().lock();
        try {
            Points mem;
            Points comp;
            // under the gate, so a compaction's drain and its publication of the drained points look atomic
            hot.gate.readLock().lock();
            try {
                mem = b.copy(from, to);
                comp = compactor.compacting().get(b.id);
            } finally {
                hot.gate.readLock().unlock();
            }
            f.memory = comp == null ? mem : Points.merge(comp.slice(from, to), mem);
            if (rawFrom < rawTo) {
                // a coarse series' chunks are keyed by their day (Compactor): a range starting mid-day needs that day's
                long keyedBy = b.coarse ? RollupTier.DAY : window;
                f.chunks = ChunkTier.read(c, b.id, Math.floorDiv(rawFrom, keyedBy) * keyedBy, rawTo);
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
            throw TieredStore.failure(file, "reading", e);
        } finally {
            compactor.visibility().readLock().unlock();
            pool.release(c);
        }
        return f;
    }
}
