package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.query.Tier;

/**
 * Drops what is past its tier's retention: whole windows of chunks and 1-minute blocks, whole days of 1-hour
 * blocks, once their end is older than the tier keeps (coarse series' day chunks first become 1-hour buckets); a few row deletes, never a scan of points. Runs at most
 * once a minute from the background tick (the boundaries move by the minute at most), and on demand from
 * {@code compact()}. Uses the pool's writer under its lock; thread-safe.
 */
final class Retention {

    private static final long EVERY_MILLIS = 60_000;

    private final Path file;
    private final StoreConfig config;
    private final long window;
    private final ConnectionPool pool;
    private final RetentionPolicy policy;
    private final IntUnaryOperator decimals;
    private long lastRunMillis = Long.MIN_VALUE;

    /** @param decimals a series id's resolution (decimals, or -1 for exact), for the hourly rollups of coarse series */
    Retention(Path file, StoreConfig config, ConnectionPool pool, RetentionPolicy policy, IntUnaryOperator decimals) {
        this.decimals = decimals;
        this.file = file;
        this.config = config;
        this.window = config.chunkWindow().toMillis();
        this.pool = pool;
        this.policy = policy;
    }

    /**
     * Where coarse series' chunks start: they are kept by whole days (Compactor keys them by day) as long as
     * 1-minute rollups (or raw points, when that is longer), and days before are dropped once rolled into hours.
     */
    static long coarseChunkFloor(long now, RetentionPolicy policy) {
        return Math.floorDiv(now - Math.max(policy.rawMillis(), policy.minuteMillis()), RollupTier.DAY) * RollupTier.DAY;
    }

    /**
     * Coarse series get no rollups while their chunks are kept (those are as small as the rollups and exact);
     * before their chunks are dropped, their points become 1-hour buckets of the days the hour tier still keeps.
     */
    private void rollCoarseIntoHours(Sql writer, long coarseFloor, long hourKeep) throws SQLException {
        List<ChunkTier.Row> rows = ChunkTier.coarseBefore(writer, coarseFloor);
        Map<Long, byte[]> blocks = new HashMap<>();
        ChunkTier.readTimestamps(writer, rows, blocks);
        Map<Long, long[]> decoded = new HashMap<>();
        long hour = Tier.HOUR.resolutionMillis();
        for (ChunkTier.Row r : rows) {
            Points p = ChunkTier.decode(r, blocks.get(r.tsId()), decoded);
            int places = decimals.applyAsInt(r.seriesId());
            int i = 0;
            while (i < p.size()) { // a legacy window-keyed chunk stays in one day; a day chunk is one day
                long day = Math.floorDiv(p.ts()[i], RollupTier.DAY) * RollupTier.DAY;
                int j = Points.lowerBound(p.ts(), day + RollupTier.DAY);
                if (day + RollupTier.DAY > hourKeep) {
                    Points part = p.slice(day, day + RollupTier.DAY);
                    RollupBlock hours = RollupBlock.of(part, Tier.MINUTE.resolutionMillis(), places).coarsen(hour, places);
                    long hs = Math.floorDiv(part.ts()[0], hour) * hour;
                    long he = Math.floorDiv(part.ts()[part.size() - 1], hour) * hour + hour;
                    RollupBlock dayBlock = RollupTier.readOne(writer, RollupTier.HOUR, r.seriesId(), day).replaceRange(hs, he, hours);
                    RollupTier.write(writer, RollupTier.HOUR, r.seriesId(), day, dayBlock, places);
                }
                i = j;
            }
        }
    }

    /** Applies retention now ({@code force}) or when a minute has passed since the last run. */
    void apply(boolean force) {
        long now = config.clock().millis();
        pool.writerLock().lock();
        try {
            if (!force && lastRunMillis != Long.MIN_VALUE && now - lastRunMillis < EVERY_MILLIS) {
                return;
            }
            Sql writer = pool.writer();
            long coarseFloor = coarseChunkFloor(now, policy);
            rollCoarseIntoHours(writer, coarseFloor, now - policy.hourMillis());
            ChunkTier.dropBefore(writer, now - policy.rawMillis() - window + 1, coarseFloor);
            RollupTier.dropBefore(writer, RollupTier.MINUTE, now - policy.minuteMillis() - window + 1);
            RollupTier.dropBefore(writer, RollupTier.HOUR, now - policy.hourMillis() - RollupTier.DAY + 1);
            writer.connection().commit();
            lastRunMillis = now;
        } catch (SQLException e) {
            pool.rollback();
            throw TieredStore.failure(file, "dropping windows past their retention", e);
        } finally {
            pool.writerLock().unlock();
        }
    }
}
