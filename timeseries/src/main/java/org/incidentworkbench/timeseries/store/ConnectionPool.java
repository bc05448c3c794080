package org.incidentworkbench.timeseries.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

    /**
     * Closes, and first rewrites the file compactly when more than half of it is pages that rewrites left
     * behind. Re-importing points merges them into windows already compressed, which rewrites those rows; H2
     * reuses the old pages only slowly, so without this three imports of the same file took four times the
     * space of one (12.9 MB to 52.7 MB for 137,000 points), and even one import left most of its file unused.
     * {@code SHUTDOWN COMPACT} copies only the live pages: about a second per 50 MB of file here.
     */
    void closeCompactingWaste() {
        closed = true;
        List<Sql> all = new ArrayList<>();
        readers.drainTo(all);
        all.forEach(Sql::close);
        try (Statement s = writer.connection().createStatement()) {
            writer.connection().commit();
            long fillPercent = -1;
            long size = 0;
            try (ResultSet rs = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME IN ('info.CHUNKS_FILL_RATE', 'info.FILE_SIZE')")) {
                while (rs.next()) {
                    long v = Long.parseLong(rs.getString(2).trim());
                    if (rs.getString(1).equals("info.FILE_SIZE")) {
                        size = v;
                    } else {
                        fillPercent = v;
                    }
                }
            }
            if (fillPercent >= 0 && fillPercent < WASTE_FILL_PERCENT && size > WASTE_MIN_BYTES) {
                // H2 writes the compacted copy as a new file: keep the store's own mode (0600) on it
                Set<PosixFilePermission> mode = posixMode();
                s.execute("SHUTDOWN COMPACT");
                if (mode != null) {
                    Files.setPosixFilePermissions(file, mode);
                }
            }
        } catch (SQLException | NumberFormatException | IOException | UnsupportedOperationException e) {
            // the file stays as it is, only larger than it needs to be; the close below still happens
        }
        writer.close();
    }

    private Set<PosixFilePermission> posixMode() {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return null; // not a POSIX file system: nothing to keep
        }
    }

    /** Compact at close when live pages fill less than this share of the file's chunks. */
    static final int WASTE_FILL_PERCENT = 50;
    /** ... and the file is larger than this (H2's own close-time compaction handles small files). */
    static final long WASTE_MIN_BYTES = 256 * 1024;

    @Override
    public void close() {
        closed = true;
        List<Sql> all = new ArrayList<>();
        readers.drainTo(all);
        all.add(writer);
        all.forEach(Sql::close);
    }
}
