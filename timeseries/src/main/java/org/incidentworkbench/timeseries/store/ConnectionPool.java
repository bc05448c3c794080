package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one store: one writer (used under {@link #writerLock()} by appends' flushes, compaction and
 * retention) and a few readers that queries borrow, so a long query never waits for a compaction's commit
 * and vice versa. Each connection carries its own prepared statements ({@link Sql}). Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {

    /** Readers: the query executor's width, so no query thread waits for a connection. */
    static final int READERS = 3;

    private final Path file;
    private final Sql writer;
    private final ReentrantLock writerLock = new ReentrantLock();
    private final BlockingQueue<Sql> readers = new ArrayBlockingQueue<>(READERS);
    private volatile boolean closed;

    ConnectionPool(Path file) throws SQLException {
        this.file = file;
        this.writer = new Sql(StoreFile.open(file));
        try {
            writer.connection().setAutoCommit(false);
            for (int i = 0; i < READERS; i++) {
                readers.add(new Sql(StoreFile.openReader(file)));
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The writer; hold {@link #writerLock()} while using it. */
    Sql writer() {
        return writer;
    }

    ReentrantLock writerLock() {
        return writerLock;
    }

    /** A reader connection; give it back with {@link #release}. Waits while all are in use. */
    Sql borrow() {
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

    void release(Sql reader) {
        readers.add(reader);
    }

    /** Rolls the writer's transaction back, keeping the original failure the one reported. */
    void rollback() {
        try {
            writer.connection().rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    @Override
    public void close() {
        closed = true;
        List<Sql> all = new ArrayList<>();
        readers.drainTo(all);
        all.add(writer);
        all.forEach(Sql::close);
    }
}
