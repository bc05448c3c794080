package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.incidentworkbench.timeseries.StoreConfig;

/**
 * Drops what is past its tier's retention: whole windows of chunks and 1-minute blocks, whole days of 1-hour
 * blocks, once their end is older than the tier keeps; a few row deletes, never a scan of points. Runs at most
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
    private long lastRunMillis = Long.MIN_VALUE;

    Retention(Path file, StoreConfig config, ConnectionPool pool, RetentionPolicy policy) {
        this.file = file;
        this.config = config;
        this.window = config.chunkWindow().toMillis();
        this.pool = pool;
        this.policy = policy;
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
            ChunkTier.dropBefore(writer, now - policy.rawMillis() - window + 1, now - policy.minuteMillis() - window + 1);
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
