package org.incidentworkbench.timeseries.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One connection of one store with its prepared statements: H2 parses a statement in tens of microseconds,
 * and a compaction runs a few statements per series per window, thousands per second while a backlog is
 * compressed. Owned by a {@link ConnectionPool}, so the statements live and die with their store (no cache
 * shared between stores). Used by one thread at a time (the writer under its lock, readers borrowed from
 * the pool); not thread-safe.
 */
final class Sql {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Sql(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Closes the statements and the connection; failures are ignored (the store is closing). */
    void close() {
        statements.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing more to do with this connection
        }
    }
}
