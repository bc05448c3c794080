package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.StoreException;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not a healthy store gives an error naming the file and the problem, and is left untouched. */
class StoreFileTest {

    @TempDir
    Path dir;

    private void assertRefused(Path file, String expected) throws Exception {
        byte[] before = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, () -> TimeSeriesStore.open(file).close());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(file.toAbsolutePath(), e.file());
        assertArrayEquals(before, Files.readAllBytes(file), "the file must be left untouched");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no side files may be created");
        }
    }

    @Test
    void garbageBytes() throws Exception {
        Path file = dir.resolve("garbage.mv.db");
        byte[] junk = new byte[20_000];
        new Random(5).nextBytes(junk);
        Files.write(file, junk);
        assertRefused(file, "is not a metrics store");
    }

    @Test
    void textFile() throws Exception {
        Path file = dir.resolve("notes.mv.db");
        Files.writeString(file, "host,metric,value\nweb-1,cpu.user,12.5\n", StandardCharsets.UTF_8);
        assertRefused(file, "does not start with an H2 database header");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = dir.resolve("empty.mv.db");
        Files.createFile(file);
        assertRefused(file, "is empty");
    }

    @Test
    void truncatedRealStore() throws Exception {
        Path real = dir.resolve("real.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(real)) {
            for (int i = 0; i < 5000; i++) {
                store.append(SeriesKey.of("web-" + (i % 7), "cpu.user"), 1_000_000L + i * 1000L, i % 100);
            }
            store.flush();
        }
        byte[] whole = Files.readAllBytes(real);
        Files.delete(real);
        Path file = dir.resolve("truncated.mv.db");
        Files.write(file, Arrays.copyOf(whole, whole.length - 3000));
        assertRefused(file, "truncated");
    }

    @Test
    void storeCutAtABlockBoundaryBeforeItsLastChunk() throws Exception {
        Path real = dir.resolve("real.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(real)) {
            store.append(SeriesKey.of("web-1", "cpu.user"), 1_000_000L, 1);
        }
        byte[] whole = Files.readAllBytes(real);
        Files.delete(real);
        Path file = dir.resolve("cut.mv.db");
        Files.write(file, Arrays.copyOf(whole, 8192));
        assertRefused(file, "truncated");
    }

    @Test
    void foreignH2Database() throws Exception {
        Path file = dir.resolve("other.mv.db");
        String base = file.toAbsolutePath().toString().replace(".mv.db", "");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR)");
        }
        assertRefused(file, "not a metrics store");
    }

    @Test
    void newerSchemaVersion() throws Exception {
        Path file = dir.resolve("future.mv.db");
        TimeSeriesStore.open(file).close();
        String base = file.toAbsolutePath().toString().replace(".mv.db", "");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base); Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET val = '99' WHERE name = 'schema_version'");
        }
        assertRefused(file, "schema version 99");
    }

    @Test
    void aDamagedChunkInsideAHealthyFileIsReportedWithItsSeriesWindowAndBitOffset() throws Exception {
        Path file = dir.resolve("chunky.mv.db");
        SeriesKey key = SeriesKey.of("web-1", "cpu.user");
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(10 * 86_400_000L), java.time.ZoneOffset.UTC);
        org.incidentworkbench.timeseries.StoreConfig config = org.incidentworkbench.timeseries.StoreConfig.defaults().withClock(clock);
        try (TimeSeriesStore store = TimeSeriesStore.open(file, config)) {
            for (int i = 0; i < 500; i++) {
                store.append(key, 9 * 86_400_000L + i * 5000L, i % 40);
            }
            store.compact();
        }
        String base = file.toAbsolutePath().toString().replace(".mv.db", "");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT window_start, data FROM chunk");
            rs.next();
            long window = rs.getLong(1);
            byte[] data = rs.getBytes(2);
            data[data.length / 2] ^= 0x5A;
            try (var ps = c.prepareStatement("UPDATE chunk SET data = ? WHERE window_start = ?")) {
                ps.setBytes(1, data);
                ps.setLong(2, window);
                ps.executeUpdate();
            }
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(file, config)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> store.points(org.incidentworkbench.timeseries.Selector.of(key), 0, Long.MAX_VALUE));
            assertTrue(e.getMessage().contains(file.toAbsolutePath() + " is damaged"), e.getMessage());
            assertTrue(e.getMessage().contains("for the window starting at"), e.getMessage());
            assertTrue(e.getMessage().matches("(?s).*at bit \\d+ \\(byte \\d+\\).*"), e.getMessage());
        }
    }

    @Test
    void nameWithoutTheH2Suffix() {
        StoreException e = assertThrows(StoreException.class, () -> TimeSeriesStore.open(dir.resolve("metrics.db")));
        assertTrue(e.getMessage().contains("ending in .mv.db"), e.getMessage());
    }

    @Test
    void aStoreOpenTwiceInOneProgramIsRefusedWithASentence() {
        Path file = dir.resolve("busy.mv.db");
        try (TimeSeriesStore first = TimeSeriesStore.open(file)) {
            StoreException e = assertThrows(StoreException.class, () -> TimeSeriesStore.open(file));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
        TimeSeriesStore.open(file).close();
    }
}
