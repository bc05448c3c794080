package org.incidentworkbench.timeseries.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection: H2 parses a statement in tens of microseconds, and a compaction
 * runs a few statements per series per window, thousands per second while a backlog is compressed. Each
 * connection is used by one thread at a time (the writer under its lock, readers borrowed from the pool),
 * so its statements are too. Thread-safe across connections.
 */
final class Sql {

    private static final Map<Connection, Map<String, PreparedStatement>> CACHE = new ConcurrentHashMap<>();

    private Sql() {
    }

    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Map<String, PreparedStatement> statements = CACHE.computeIfAbsent(c, k -> new HashMap<>());
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Drops the statements of a connection about to be closed. */
    static void forget(Connection c) {
        CACHE.remove(c);
    }
}
