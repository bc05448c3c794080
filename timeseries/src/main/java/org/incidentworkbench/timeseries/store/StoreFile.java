package org.incidentworkbench.timeseries.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.incidentworkbench.timeseries.StoreException;

/**
 * Opens the H2 file of a store safely: checks an existing file before H2 may touch it, creates a new one
 * readable by the user only, and creates or checks the schema.
 *
 * <p>An existing file is first checked by reading its bytes (an H2 MVStore file starts with the text header
 * {@code H:2,block:..,blockSize:..}, and its size is a whole number of blocks, the last chunk the header
 * names lies inside the file), then opened read-only to check the schema: only then is it opened for
 * writing. So a foreign, truncated or damaged file raises a {@link StoreException} naming the file and the
 * problem, and is left exactly as it was.
 */
final class StoreFile {

    static final int SCHEMA_VERSION = 1;
    static final String APPLICATION = "incident-workbench-metrics";

    /**
     * Series stored without 1-minute rollups (step of a minute or more). Added after schema 1 was released: an
     * older file gets it when opened for writing; an older workbench ignores it (such series then show their
     * hourly rollups where it would look for 1-minute ones).
     */
    static final String COARSE_TABLE = "CREATE TABLE IF NOT EXISTS coarse_series(series_id INT PRIMARY KEY)";

    static final String[] SCHEMA = {
        "CREATE TABLE meta(name VARCHAR(64) PRIMARY KEY, val VARCHAR(1000) NOT NULL)",
        "CREATE TABLE series(id INT PRIMARY KEY, host VARCHAR(255) NOT NULL, metric VARCHAR(255) NOT NULL,"
            + " labels VARCHAR(2000) NOT NULL, UNIQUE(metric, host, labels))",
        "CREATE TABLE wal(seq BIGINT PRIMARY KEY, max_ts BIGINT NOT NULL, data VARBINARY NOT NULL)",
        "CREATE TABLE tsblock(id BIGINT PRIMARY KEY, window_start BIGINT NOT NULL, data VARBINARY NOT NULL)",
        "CREATE INDEX tsblock_window ON tsblock(window_start)",
        // time-major primary keys: a compaction appends a window's rows at the right edge of the tree instead of
        // rewriting one leaf page per series (H2's copy-on-write pages made that a 5x write amplification);
        // the (series, time) indexes serve the queries
        "CREATE TABLE chunk(window_start BIGINT NOT NULL, series_id INT NOT NULL, n INT NOT NULL,"
            + " ts_id BIGINT NOT NULL, data VARBINARY NOT NULL, PRIMARY KEY(window_start, series_id))",
        "CREATE INDEX chunk_series ON chunk(series_id, window_start)",
        "CREATE TABLE rollup(tier INT NOT NULL, block_start BIGINT NOT NULL, series_id INT NOT NULL, n INT NOT NULL,"
            + " data VARBINARY NOT NULL, PRIMARY KEY(tier, block_start, series_id))",
        "CREATE INDEX rollup_series ON rollup(tier, series_id, block_start)",
        COARSE_TABLE,
    };

    private StoreFile() {
    }

    /** The JDBC URL for {@code file} (which ends in {@code .mv.db}). */
    static String url(Path file, boolean readOnly) {
        String name = file.toAbsolutePath().toString();
        String base = name.substring(0, name.length() - ".mv.db".length());
        // WRITE_DELAY=0: a commit reaches the file at once, so the one-second write-ahead flush is the only delay.
        // CACHE_SIZE (kB): rows are stored time-major, so a series' week of 1-minute blocks sits on ~1700 pages;
        // with H2's default 16 MB cache they were read again on every query (bench store, a week of one metric on
        // 20 hosts without the decoded-block cache: p50 23 ms; with 64 MB: 17 ms)
        return "jdbc:h2:file:" + base + ";WRITE_DELAY=0;CACHE_SIZE=65536;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;IFEXISTS="
                + (readOnly ? "TRUE;ACCESS_MODE_DATA=r" : "FALSE");
    }

    static Path check(Path file) {
        if (!file.getFileName().toString().endsWith(".mv.db")) {
            throw new StoreException(file, "The store file " + file + " must have a name ending in .mv.db (H2 adds"
                    + " that suffix itself), for example metrics.mv.db.");
        }
        return file.toAbsolutePath();
    }

    /** Opens the writer connection, creating the file and schema when the file does not exist. */
    static Connection open(Path file) {
        boolean exists = Files.exists(file);
        if (exists) {
            inspectBytes(file);
            try (Connection ro = DriverManager.getConnection(url(file, true))) {
                checkSchema(file, ro);
            } catch (SQLException e) {
                throw new StoreException(file, "The store file " + file + " cannot be opened: " + describe(e)
                        + " The file was not changed.", e);
            }
        } else {
            createPrivately(file);
        }
        try {
            Connection c = DriverManager.getConnection(url(file, false));
            if (!exists) {
                createSchema(c);
                restrictPermissions(file);
            }
            return c;
        } catch (SQLException e) {
            throw new StoreException(file, "The store file " + file + " cannot be opened for writing: " + describe(e), e);
        }
    }

    static Connection openReader(Path file) {
        try {
            return DriverManager.getConnection(url(file, false));
        } catch (SQLException e) {
            throw new StoreException(file, "The store file " + file + " cannot be opened: " + describe(e), e);
        }
    }

    private static void createPrivately(Path file) {
        try {
            Path dir = file.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                try {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new StoreException(file, "The directory for the store file " + file + " cannot be created: " + e.getMessage()
                    + ". Choose another place with --db or check the permissions.", e);
        }
    }

    private static void restrictPermissions(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user's profile directory protects the file
        } catch (IOException e) {
            throw new StoreException(file, "The store file " + file + " was created but cannot be made readable by its"
                    + " owner only: " + e.getMessage() + ".", e);
        }
    }

    static void inspectBytes(Path file) {
        long size;
        byte[] head = new byte[4096];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreException(file, "The store file " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
        if (size == 0) {
            throw new StoreException(file, "The store file " + file + " is empty (0 bytes), so it is not a metrics store."
                    + " Delete it or choose another file with --db; it was not changed.");
        }
        String text = new String(head, 0, Math.min(read, 256), StandardCharsets.ISO_8859_1);
        if (!text.startsWith("H:2,")) {
            throw new StoreException(file, "The file " + file + " is not a metrics store: it does not start with an"
                    + " H2 database header (it starts with " + printable(text) + "). It was not changed.");
        }
        Map<String, String> header = fields(text);
        long blockSize = hex(header.get("blockSize"), 4096);
        // a file whose writer did not close it (a crash) has no "block" in its header: H2 finds the newest
        // chunk by scanning, so only the size can be checked
        long block = hex(header.get("block"), 0);
        if (blockSize <= 0 || block < 0) {
            throw new StoreException(file, "The store file " + file + " has a damaged header (" + printable(text)
                    + "). It was not changed.");
        }
        if (size % blockSize != 0) {
            throw new StoreException(file, "The store file " + file + " is truncated or damaged: its size, " + size
                    + " bytes, is not a whole number of " + blockSize + "-byte blocks. It was not changed; restore it"
                    + " from a backup or move it aside to start a new store.");
        }
        if (!header.containsKey("block")) {
            return;
        }
        long chunkAt = block * blockSize;
        if (chunkAt >= size) {
            throw new StoreException(file, "The store file " + file + " is truncated: its header names data at byte "
                    + chunkAt + " but the file has only " + size + " bytes. It was not changed.");
        }
        byte[] chunkHead = new byte[256];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(ByteBuffer.wrap(chunkHead), chunkAt);
        } catch (IOException e) {
            throw new StoreException(file, "The store file " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
        String chunkText = new String(chunkHead, StandardCharsets.ISO_8859_1);
        if (!chunkText.startsWith("chunk:")) {
            throw new StoreException(file, "The store file " + file + " is damaged: the block its header names (byte "
                    + chunkAt + ") does not hold an H2 chunk. It was not changed.");
        }
        long len = hex(fields(chunkText).get("len"), 1);
        if (chunkAt + len * blockSize > size) {
            throw new StoreException(file, "The store file " + file + " is truncated: its last chunk ends at byte "
                    + (chunkAt + len * blockSize) + " but the file has only " + size + " bytes. It was not changed.");
        }
    }

    private static void checkSchema(Path file, Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA='PUBLIC'"
                     + " AND TABLE_NAME='META'")) {
            tables.next();
            if (tables.getInt(1) == 0) {
                throw new StoreException(file, "The file " + file + " is an H2 database but not a metrics store (it has"
                        + " no META table). It was not changed; choose another file with --db.");
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, val FROM meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        if (!APPLICATION.equals(meta.get("application"))) {
            throw new StoreException(file, "The file " + file + " is an H2 database but not a metrics store (its META"
                    + " table names application '" + meta.get("application") + "'). It was not changed.");
        }
        int version;
        try {
            version = Integer.parseInt(meta.getOrDefault("schema_version", "?"));
        } catch (NumberFormatException e) {
            throw new StoreException(file, "The store file " + file + " has no readable schema version. It was not changed.");
        }
        if (version > SCHEMA_VERSION) {
            throw new StoreException(file, "The store file " + file + " has schema version " + version
                    + ", newer than this workbench understands (" + SCHEMA_VERSION + "). Update the workbench; the file"
                    + " was not changed.");
        }
    }

    private static void createSchema(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO meta VALUES('application', '" + APPLICATION + "')");
            s.execute("INSERT INTO meta VALUES('schema_version', '" + SCHEMA_VERSION + "')");
            s.execute("INSERT INTO meta VALUES('created_millis', '" + System.currentTimeMillis() + "')");
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int sql = m.indexOf("; SQL statement");
        if (sql > 0) {
            m = m.substring(0, sql);
        }
        if (e.getErrorCode() == 90020) {
            return "another program (or another workbench) has it open. Close that one first.";
        }
        return m.strip() + (m.endsWith(".") ? "" : ".");
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new HashMap<>();
        for (String part : text.split("[,\n\u0000]")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                out.putIfAbsent(part.substring(0, colon), part.substring(colon + 1));
            }
        }
        return out;
    }

    private static long hex(String v, long dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(24, text.length()); i++) {
            char c = text.charAt(i);
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.append("\"").toString();
    }

}
