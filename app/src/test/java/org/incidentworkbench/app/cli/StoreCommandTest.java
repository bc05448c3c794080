package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandTest {

    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new StoreCommand(Clock.fixed(NOW, ZoneOffset.UTC))));
        int exit = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importOfPointsOlderThanTheStoreKeepsIsRefusedWithACountUntilRetentionIsRaised() throws Exception {
        Path csv = dir.resolve("old.csv");
        StringBuilder sb = new StringBuilder("host,metric,labels,timestamp,value\n");
        Instant start = NOW.minus(java.time.Duration.ofDays(4 * 365));
        for (int i = 0; i < 50; i++) {
            sb.append("web-1,custom.rps,,").append(start.plusSeconds(300L * i)).append(',').append(1000 + i * 1.5).append('\n');
        }
        sb.append("web-1,custom.rps,,").append(NOW.minusSeconds(600)).append(",7.25\n");
        Files.writeString(csv, sb);
        Path db = dir.resolve("old.mv.db");
        Run refused = run("store", "import", csv.toString(), "--db", db.toString());
        assertEquals(1, refused.exit(), refused.err());
        assertTrue(refused.err().contains("Imported 1 points"), refused.err());
        assertTrue(refused.err().contains("Refused 50 points older than this store keeps (2 years; the oldest is "
                + start + "). To keep them, import again with --retention 5y"), refused.err());

        Run kept = run("store", "import", csv.toString(), "--retention", "5y", "--db", db.toString());
        assertEquals(0, kept.exit(), kept.err());
        assertTrue(kept.err().contains("Imported 51 points"), kept.err());
        Run export = run("store", "export", "custom.rps", "--from", start.toString(), "--db", db.toString());
        assertEquals(1 + 51, export.out().split("\n").length, export.out());

        assertEquals(2, run("store", "import", csv.toString(), "--retention", "soon", "--db", db.toString()).exit());
    }

    @Test
    void globsOverMetricNamesAllSeriesAndAGlobThatMatchesNothing() throws Exception {
        Path db = dir.resolve("g.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            for (int i = 0; i < 10; i++) {
                long t = NOW.toEpochMilli() - 600_000 + i * 60_000L;
                store.append(SeriesKey.of("web-1", SampleMetrics.DISK_UTIL, "device", "sda"), t, i);
                store.append(SeriesKey.of("web-1", SampleMetrics.DISK_AWAIT_MS, "device", "sda"), t, 2);
                store.append(SeriesKey.of("web-1", SampleMetrics.LOAD_1), t, 0.5);
            }
        }
        Run disks = run("store", "query", "disk.*", "--from", "-1h", "--json", "--db", db.toString());
        assertEquals(0, disks.exit(), disks.err());
        var tree = Json.mapper().readTree(disks.out());
        assertEquals(2, tree.path("series").size(), disks.out());
        Path all = dir.resolve("all.csv");
        Run export = run("store", "export", "--all", "--from", "-1h", "--out", all.toString(), "--db", db.toString());
        assertEquals(0, export.exit(), export.err());
        assertEquals(1 + 30, Files.readAllLines(all).size());
        Run some = run("store", "export", "*{host=web-?}", "--from", "-1h", "--db", db.toString());
        assertEquals(1 + 30, some.out().split("\n").length);

        for (String sub : List.of("query", "export")) {
            Run none = run("store", sub, "net.*", "--from", "-1h", "--db", db.toString());
            assertEquals(1, none.exit(), sub + ": " + none.err());
            assertTrue(none.err().contains("No series match net.*{host=*} in this store"), none.err());
            assertEquals("", none.out());
        }
        Run both = run("store", "export", "disk.*", "--all", "--db", db.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("either a SELECTOR or --all"), both.err());
    }

    @Test
    void infoSeriesQueryExportImport() throws Exception {
        Path db = dir.resolve("m.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            for (int i = 0; i < 120; i++) {
                long t = NOW.toEpochMilli() - 3_600_000 + i * 30_000L;
                store.append(SeriesKey.of("web-1", SampleMetrics.DISK_UTIL, "device", "sda"), t, i % 10);
                store.append(SeriesKey.of("web-2", SampleMetrics.DISK_UTIL, "device", "sda"), t, 50);
            }
        }
        Run info = run("store", "info", "--db", db.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("series:          2"), info.out());

        Run series = run("store", "series", "disk.util{host=web-2}", "--db", db.toString());
        assertEquals("disk.util{host=web-2,device=sda}  [%]", series.out().trim());

        Run table = run("store", "query", "disk.util{host=web-*,device=sda}", "--from", "-1h", "--to", "now",
                "--max-points", "7", "--db", db.toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("disk.util{host=web-1,device=sda}  tier "), table.out());
        assertTrue(table.out().contains(", 6 buckets, unit %"), table.out());
        assertTrue(table.out().contains("50.00"), table.out());

        Run json = run("store", "query", "disk.util", "--from", "-1h", "--max-points", "7", "--json", "--db", db.toString());
        var tree = Json.mapper().readTree(json.out());
        assertEquals(2, tree.path("series").size());
        assertEquals(120, sum(tree.path("series").get(0).path("buckets")));

        Path csv = dir.resolve("out.csv");
        Run export = run("store", "export", "disk.util{host=web-1}", "--from", "-2h", "--out", csv.toString(), "--db", db.toString());
        assertEquals(0, export.exit(), export.err());
        assertEquals(121, Files.readAllLines(csv).size());

        Path copy = dir.resolve("copy.mv.db");
        Run imported = run("store", "import", csv.toString(), "--db", copy.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.err().contains("Imported 120 points"), imported.err());
        Run again = run("store", "series", "--db", copy.toString());
        assertEquals("disk.util{host=web-1,device=sda}  [%]", again.out().trim());
    }

    @Test
    void mistakesGetSentencesAndUsageExitCodes() {
        Path missing = dir.resolve("none.mv.db");
        Run noStore = run("store", "info", "--db", missing.toString());
        assertEquals(Cli.USAGE, noStore.exit());
        assertTrue(noStore.err().contains("there is no metrics store at " + missing), noStore.err());
        assertTrue(Files.notExists(missing), "info must not create a store");

        Run badTime = run("store", "query", "cpu.user", "--from", "yesterday", "--db", missing.toString());
        assertEquals(Cli.USAGE, badTime.exit());
        assertTrue(badTime.err().contains("'yesterday' is not a time"), badTime.err());

        Run badSelector = run("store", "query", "cpu.user{host", "--db", missing.toString());
        assertEquals(Cli.USAGE, badSelector.exit());
        assertTrue(badSelector.err().contains("does not end with '}'"), badSelector.err());

        Run help = run("store", "--help");
        assertEquals(Cli.OK, help.exit());
        assertTrue(help.out().contains("Usage: workbench store"));
    }

    private static long sum(com.fasterxml.jackson.databind.JsonNode buckets) {
        long n = 0;
        for (var b : buckets) {
            n += b.path("count").asLong();
        }
        return n;
    }
}
