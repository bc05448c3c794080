package org.incidentworkbench.timeseries.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.timeseries.codec.CorruptChunkException;

/**
 * Rollups in table {@code rollup}: tier 1 holds 1-minute buckets, one block per series per chunk window;
 * tier 2 holds 1-hour buckets, one block per series per day. Each block is a {@link RollupBlock}. Buckets
 * are computed from complete windows when they are compressed, so a block is replaced whole, never
 * updated bucket by bucket. Not thread-safe: callers pass their own connection.
 */
final class RollupTier {

    static final int MINUTE = 1;
    static final int HOUR = 2;
    static final long DAY = 86_400_000L;

    record Row(int tier, int seriesId, long blockStart, byte[] data) {
        RollupBlock decode() {
            return decode(true);
        }

        RollupBlock decode(boolean withLast) {
            try {
                return RollupBlock.decode(data, withLast);
            } catch (CorruptChunkException | RollupBlock.CorruptRollupException e) {
                throw new DamagedStoreException("The " + (tier == MINUTE ? "1-minute" : "1-hour") + " rollup of series "
                        + seriesId + " for the block starting at " + blockStart + " is damaged. " + e.getMessage(), e);
            }
        }
    }

    private RollupTier() {
    }

    static List<Row> read(Sql c, int tier, int seriesId, long blockFrom, long blockTo) throws SQLException {
        List<Row> rows = new ArrayList<>();
        {
            PreparedStatement ps = c.prepare( "SELECT block_start, data FROM rollup WHERE tier = ? AND series_id = ?"
                + " AND block_start >= ? AND block_start < ? ORDER BY block_start");
            ps.setInt(1, tier);
            ps.setInt(2, seriesId);
            ps.setLong(3, blockFrom);
            ps.setLong(4, blockTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(tier, seriesId, rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return rows;
    }

    static RollupBlock readOne(Sql c, int tier, int seriesId, long blockStart) throws SQLException {
        List<Row> rows = read(c, tier, seriesId, blockStart, blockStart + 1);
        return rows.isEmpty() ? RollupBlock.EMPTY : rows.get(0).decode();
    }

    static void write(Sql c, int tier, int seriesId, long blockStart, RollupBlock block, int decimals)
            throws SQLException {
        {
            PreparedStatement ps = c.prepare( "MERGE INTO rollup(tier, series_id, block_start, n, data)"
                + " KEY(tier, series_id, block_start) VALUES (?, ?, ?, ?, ?)");
            ps.setInt(1, tier);
            ps.setInt(2, seriesId);
            ps.setLong(3, blockStart);
            ps.setInt(4, block.size());
            ps.setBytes(5, block.encode(decimals));
            ps.executeUpdate();
        }
    }

    static int dropBefore(Sql c, int tier, long blockStart) throws SQLException {
        {
            PreparedStatement ps = c.prepare( "DELETE FROM rollup WHERE tier = ? AND block_start < ?");
            ps.setInt(1, tier);
            ps.setLong(2, blockStart);
            return ps.executeUpdate();
        }
    }
}
