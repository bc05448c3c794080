package org.incidentworkbench.timeseries.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.timeseries.StoreInfo;

/** Reads a store's {@link StoreInfo}: a few aggregate queries on a reader plus what memory holds. */
final class StoreSummary {

    private StoreSummary() {
    }

    /** The summary of the store: tiers' sizes, series and points in memory, first and last timestamps. */
    static StoreInfo read(Path file, ConnectionPool pool, HotTier hot, long window) {
        Sql c = pool.borrow();
        try (Statement s = c.connection().createStatement()) {
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
            // coarse series have day chunks and no hourly rollups until their chunks age out
            try (ResultSet rs = s.executeQuery("SELECT MIN(block_start) FROM rollup WHERE tier = " + RollupTier.HOUR
                    + " UNION ALL SELECT MIN(window_start) FROM chunk WHERE series_id IN (SELECT series_id FROM coarse_series)")) {
                while (rs.next()) {
                    if (rs.getObject(1) != null && (first.isEmpty() || rs.getLong(1) < first.get())) {
                        first = Optional.of(rs.getLong(1));
                    }
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
            // coarse series have chunks where others have 1-minute rollups
            try (ResultSet rs = s.executeQuery("SELECT MAX(block_start) FROM rollup WHERE tier = " + RollupTier.MINUTE
                    + " UNION ALL SELECT MAX(window_start) FROM chunk UNION ALL SELECT MAX(window_start) + " + (RollupTier.DAY - window)
                    + " FROM chunk WHERE series_id IN (SELECT series_id FROM coarse_series)")) {
                while (rs.next()) {
                    if (rs.getObject(1) != null) {
                        max = Math.max(max, rs.getLong(1) + window - 1);
                    }
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
            throw TieredStore.failure(file, "reading its summary", e);
        } finally {
            pool.release(c);
        }
    }
}
