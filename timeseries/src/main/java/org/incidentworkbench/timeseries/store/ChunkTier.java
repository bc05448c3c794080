package org.incidentworkbench.timeseries.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.timeseries.codec.CorruptChunkException;
import org.incidentworkbench.timeseries.codec.TimestampCodec;
import org.incidentworkbench.timeseries.codec.ValueCodec;

/**
 * Full-resolution points, compressed: one row per series per window in table {@code chunk} holding the
 * values ({@link ValueCodec}), pointing at a row of {@code tsblock} holding the timestamps
 * ({@link TimestampCodec}). Series of one host whose timestamps in a window are identical (a sampler stamps
 * a whole frame at once) share one timestamp block, so timestamps cost a fraction of a bit per point.
 * Retention deletes whole windows. Not thread-safe: callers pass their own connection.
 */
final class ChunkTier {

    /** An encoded chunk as read, before decoding. */
    record Row(int seriesId, long windowStart, long tsId, byte[] values) {
    }

    private ChunkTier() {
    }

    static List<Row> read(Sql c, int seriesId, long windowFrom, long windowTo) throws SQLException {
        List<Row> rows = new ArrayList<>();
        {
            PreparedStatement ps = c.prepare(
                    "SELECT window_start, ts_id, data FROM chunk WHERE series_id = ? AND window_start >= ? AND window_start < ?"
                        + " ORDER BY window_start");
            ps.setInt(1, seriesId);
            ps.setLong(2, windowFrom);
            ps.setLong(3, windowTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(seriesId, rs.getLong(1), rs.getLong(2), rs.getBytes(3)));
                }
            }
        }
        return rows;
    }

    /** Reads the timestamp blocks {@code rows} need that {@code cache} does not hold yet. */
    static void readTimestamps(Sql c, List<Row> rows, Map<Long, byte[]> cache) throws SQLException {
        {
            PreparedStatement ps = c.prepare( "SELECT data FROM tsblock WHERE id = ?");
            for (Row r : rows) {
                if (!cache.containsKey(r.tsId())) {
                    ps.setLong(1, r.tsId());
                    try (ResultSet rs = ps.executeQuery()) {
                        cache.put(r.tsId(), rs.next() ? rs.getBytes(1) : null);
                    }
                }
            }
        }
    }

    /** Decodes one chunk; a damaged chunk raises an exception naming series, window and the bit offset. */
    static Points decode(Row row, byte[] tsBlock, Map<Long, long[]> decodedTs) {
        try {
            if (tsBlock == null) {
                throw new DamagedStoreException("The chunk of series " + row.seriesId() + " for the window starting at "
                        + row.windowStart() + " points at timestamp block " + row.tsId() + ", which is missing.", null);
            }
            long[] ts = decodedTs.computeIfAbsent(row.tsId(), id -> TimestampCodec.decode(tsBlock));
            double[] v = ValueCodec.decode(row.values());
            if (v.length != ts.length) {
                throw new DamagedStoreException("The chunk of series " + row.seriesId() + " for the window starting at "
                        + row.windowStart() + " has " + v.length + " values for " + ts.length + " timestamps.", null);
            }
            return new Points(ts, v);
        } catch (CorruptChunkException e) {
            throw new DamagedStoreException("The chunk of series " + row.seriesId() + " for the window starting at "
                    + row.windowStart() + " is damaged. " + e.getMessage(), e);
        }
    }

    static Points readOne(Sql c, int seriesId, long windowStart) throws SQLException {
        List<Row> rows = read(c, seriesId, windowStart, windowStart + 1);
        if (rows.isEmpty()) {
            return Points.EMPTY;
        }
        Map<Long, byte[]> blocks = new HashMap<>();
        readTimestamps(c, rows, blocks);
        return decode(rows.get(0), blocks.get(rows.get(0).tsId()), new HashMap<>());
    }

    /**
     * Writes the chunks of one window (replacing existing ones), sharing timestamp blocks between series of
     * the same host with identical timestamps. Returns the number of bytes written.
     */
    static long write(Sql c, long windowStart, Map<SeriesBuffer, Points> chunks, long[] nextTsId)
            throws SQLException {
        long bytes = 0;
        Map<String, List<Object[]>> shared = new HashMap<>();
        {
            PreparedStatement ts = c.prepare( "INSERT INTO tsblock(id, window_start, data) VALUES (?, ?, ?)");
            PreparedStatement ch = c.prepare(
                    "MERGE INTO chunk(series_id, window_start, n, ts_id, data) KEY(series_id, window_start) VALUES (?, ?, ?, ?, ?)");
            for (Map.Entry<SeriesBuffer, Points> e : chunks.entrySet()) {
                Points p = e.getValue();
                String group = e.getKey().key.host() + '\u0000' + p.size() + '\u0000' + Arrays.hashCode(p.ts());
                List<Object[]> candidates = shared.computeIfAbsent(group, g -> new ArrayList<>());
                long tsId = -1;
                for (Object[] cand : candidates) {
                    if (Arrays.equals((long[]) cand[0], p.ts())) {
                        tsId = (Long) cand[1];
                        break;
                    }
                }
                if (tsId < 0) {
                    tsId = nextTsId[0]++;
                    byte[] block = TimestampCodec.encode(p.ts(), p.size());
                    bytes += block.length;
                    ts.setLong(1, tsId);
                    ts.setLong(2, windowStart);
                    ts.setBytes(3, block);
                    ts.addBatch();
                    candidates.add(new Object[] {p.ts(), tsId});
                }
                byte[] values = ValueCodec.encode(p.values(), p.size(), e.getKey().decimals);
                bytes += values.length;
                ch.setInt(1, e.getKey().id);
                ch.setLong(2, windowStart);
                ch.setInt(3, p.size());
                ch.setLong(4, tsId);
                ch.setBytes(5, values);
                ch.addBatch();
            }
            ts.executeBatch();
            ch.executeBatch();
        }
        return bytes;
    }

    /** Deletes the chunks of these series keyed by {@code windowStart}. */
    static void deleteOne(Sql c, int[] seriesIds, long windowStart) throws SQLException {
        PreparedStatement ps = c.prepare("DELETE FROM chunk WHERE series_id = ? AND window_start = ?");
        for (int id : seriesIds) {
            ps.setInt(1, id);
            ps.setLong(2, windowStart);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The coarse series' chunks keyed before {@code dayStart}, oldest first: what retention rolls into hours before dropping. */
    static List<Row> coarseBefore(Sql c, long dayStart) throws SQLException {
        List<Row> rows = new ArrayList<>();
        PreparedStatement ps = c.prepare("SELECT series_id, window_start, ts_id, data FROM chunk WHERE window_start < ?"
                + " AND series_id IN (SELECT series_id FROM coarse_series) ORDER BY window_start");
        ps.setLong(1, dayStart);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4)));
            }
        }
        return rows;
    }

    /** Deletes timestamp blocks of {@code windowStart} that no chunk refers to any more. */
    static void deleteOrphans(Sql c, long windowStart) throws SQLException {
        {
            PreparedStatement ps = c.prepare( "DELETE FROM tsblock WHERE window_start = ? AND id NOT IN"
                + " (SELECT ts_id FROM chunk WHERE window_start = ?)");
            ps.setLong(1, windowStart);
            ps.setLong(2, windowStart);
            ps.executeUpdate();
        }
    }

    /**
     * Drops every window that starts before {@code windowStart}, and before {@code coarseWindowStart} the windows
     * of coarse series (they have no 1-minute rollups: their chunks stand in for them). Timestamp blocks go
     * with the last chunk that uses them.
     */
    static int dropBefore(Sql c, long windowStart, long coarseWindowStart) throws SQLException {
        int n;
        {
            // coarse series keep chunks for the longer of the two spans
            PreparedStatement ps = c.prepare("DELETE FROM chunk WHERE window_start < ? OR (window_start < ?"
                    + " AND series_id NOT IN (SELECT series_id FROM coarse_series))");
            ps.setLong(1, Math.min(windowStart, coarseWindowStart));
            ps.setLong(2, windowStart);
            n = ps.executeUpdate();
        }
        {
            PreparedStatement ps = c.prepare("DELETE FROM tsblock t WHERE t.window_start < ? AND NOT EXISTS"
                    + " (SELECT 1 FROM chunk k WHERE k.window_start = t.window_start AND k.ts_id = t.id)");
            ps.setLong(1, windowStart);
            ps.executeUpdate();
        }
        return n;
    }
}
