package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.app.lab.Sysstat;
import org.incidentworkbench.app.services.SarHistoryService;
import org.incidentworkbench.history.SarArchives;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench history sar} against a real sshd, with archives that sysstat's own collector writes in the test. */
class HistoryCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void archivesWrittenBySadcFillTheStoreOverSshAndStoreQueryReturnsThem() throws Exception {
        OpenSshTestServer.assumeAvailable();
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Path archive = Sysstat.collect(sa, 4); // sadc 1 4: three records a second apart
        Path db = dir.resolve("history.mv.db");
        try (OpenSshTestServer sshd = OpenSshTestServer.start()) {
            Path config = Sysstat.sshConfig(dir, "sar-host", sshd);
            int code = run("history", "sar", "--days", "1", "--sa-dir", sa.toString(), "--db", db.toString(), "-F",
                    config.toString(), "--known-hosts", sshd.knownHostsFile().toString(), "sar-host");
            assertEquals(Cli.OK, code, err());
            assertTrue(out().startsWith("sar-host: "), out());
            assertTrue(out().contains("from 3 records in 1 archive (sysstat version 12"), out());
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            List<SeriesKey> series = store.allSeries();
            assertTrue(series.stream().allMatch(k -> k.host().equals("sar-host") && "sar".equals(k.labels().get("source"))),
                    series.toString());
            Set<String> metrics = series.stream().map(SeriesKey::metric).collect(Collectors.toSet());
            for (String m : List.of(SampleMetrics.CPU_USER, SampleMetrics.CPU_IDLE, SampleMetrics.LOAD_1,
                    SampleMetrics.MEMORY_USED, SampleMetrics.MEMORY_TOTAL, SampleMetrics.NET_RX_BYTES, SampleMetrics.CTXT_PER_S)) {
                assertTrue(metrics.contains(m), m + " missing from " + metrics);
            }
            List<SeriesPoints> idle = store.points(Selector.parse("cpu.idle{source=sar}"), 0, Long.MAX_VALUE);
            assertEquals(3, idle.get(0).size());
            for (double v : idle.get(0).values()) {
                assertTrue(v >= 0 && v <= 100, "cpu.idle " + v);
            }
            double total = store.points(Selector.parse("memory.total"), 0, Long.MAX_VALUE).get(0).values()[0];
            assertEquals(memTotalBytes(), total, 0.0, "memory.total rebuilt from sadf's figures is /proc/meminfo's");
        }
        // what the user runs next, as the command's closing line says
        assertEquals(Cli.OK, run("store", "query", "cpu.user{host=sar-host,source=sar}", "--db", db.toString(), "--from", "-1h",
                "--json"), err());
        JsonNode q = Json.mapper().readTree(out());
        assertEquals(1, q.path("series").size(), out());
        long counted = 0;
        for (JsonNode b : q.path("series").get(0).path("buckets")) {
            counted += b.path("count").asLong();
        }
        assertEquals(3, counted, out());
        assertTrue(Files.size(archive) > 0);
    }

    @Test
    void loadingTheSameArchivesAgainKeepsOnePointPerTime() throws Exception {
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Sysstat.collect(sa, 3);
        Path db = dir.resolve("again.mv.db");
        for (int i = 0; i < 2; i++) {
            assertEquals(Cli.OK, run("history", "sar", "--local", "--sa-dir", sa.toString(), "--db", db.toString()), err());
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            assertEquals(2, store.points(Selector.parse("load.1{host=local}"), 0, Long.MAX_VALUE).get(0).size());
        }
    }

    @Test
    void noArchivesSaysCollectionIsOffAndHowToTurnItOn() {
        Sysstat.assumeInstalled();
        Path db = dir.resolve("none.mv.db");
        assertEquals(Cli.FAILED, run("history", "sar", "--local", "--sa-dir", dir.resolve("empty").toString(), "--db",
                db.toString()));
        assertTrue(err().contains("local has sysstat (sysstat version 12"), err());
        assertTrue(err().contains("no archives in " + dir.resolve("empty") + " (no such directory): collection is off"), err());
        assertTrue(err().contains("ENABLED=\"true\" in /etc/default/sysstat"), err());
        assertTrue(!err().contains("Exception"), err());
    }

    @Test
    void aHostWithoutSysstatIsToldWhichPackageToInstall() throws Exception {
        // a PATH with the shell tools the listing uses but no sadf: a host where sysstat is not installed
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("sh", "date", "stat", "head")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin").resolve(tool).toRealPath());
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("nosadf.mv.db"))) {
            SarHistoryService.HostHistory h = new SarHistoryService(new LocalTransport(Map.of("PATH", bin.toString())), store)
                    .load(LocalTransport.HOST, SarArchives.Request.days(7));
            assertTrue(h.problem().orElseThrow().startsWith("local has no sadf, so sysstat is not installed there: install the"
                    + " sysstat package (apt-get install sysstat"), h.problem().get());
            assertEquals(0, h.points());
        }
    }

    @Test
    void aSadfWithoutJsonIsReadThroughSarsTextWithTheSamePoints() throws Exception {
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Sysstat.collect(sa, 4);
        // sysstat before 10 has a sadf without -j: this one answers -j as such a sadf does (usage, exit 1); the
        // real sar of this machine then reads the real archive as text
        Path bin = Files.createDirectories(dir.resolve("old-sysstat"));
        for (String tool : List.of("sh", "date", "stat", "head", "sar")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin").resolve(tool).toRealPath());
        }
        Path sadf = bin.resolve("sadf");
        Files.writeString(sadf, "#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'sysstat version 9.0.4'; exit 0; fi\n"
                + "echo 'Usage: sadf [ options ] [ <interval> [ <count> ] ] [ <datafile> ]' >&2\nexit 1\n");
        Files.setPosixFilePermissions(sadf, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        SarArchives.Request request = new SarArchives.Request(1, List.of(sa.toString()));
        try (TimeSeriesStore text = TimeSeriesStore.open(dir.resolve("text.mv.db"));
             TimeSeriesStore json = TimeSeriesStore.open(dir.resolve("json.mv.db"))) {
            SarHistoryService.HostHistory h = new SarHistoryService(new LocalTransport(Map.of("PATH", bin.toString())), text)
                    .load(LocalTransport.HOST, request);
            assertTrue(h.problem().isEmpty(), h.problem().toString());
            assertEquals("sar text", h.archives().get(0).sysstatFormat());
            assertEquals(3, h.records());
            new SarHistoryService(new LocalTransport(), json).load(LocalTransport.HOST, request);
            assertEquals(json.allSeries(), text.allSeries(), "the same series either way");
            for (String m : List.of("cpu.user", "load.1", "memory.used", "ctxt.per_s")) {
                SeriesPoints a = json.points(Selector.parse(m + "{host=local}"), 0, Long.MAX_VALUE).get(0);
                SeriesPoints b = text.points(Selector.parse(m + "{host=local}"), 0, Long.MAX_VALUE).get(0);
                assertEquals(java.util.Arrays.toString(a.timestamps()), java.util.Arrays.toString(b.timestamps()), m);
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(a.values()[i], b.values()[i], 0.006, m + " #" + i);
                }
            }
        }
    }

    @Test
    void usageErrors() {
        assertEquals(Cli.USAGE, run("history", "sar"));
        assertTrue(err().contains("name at least one host"), err());
        assertEquals(Cli.USAGE, run("history", "sar", "--days", "0", "web-1"));
        assertTrue(err().contains("--days takes a whole number of days from 1 to 31"), err());
        assertEquals(Cli.USAGE, run("history", "sar", "--sa-dir", "relative", "web-1"));
        assertEquals(Cli.USAGE, run("history", "rrd", "web-1"));
        assertTrue(err().contains("'rrd' is not a history subcommand; use prom or sar."), err());
        assertEquals(Cli.OK, run("history", "sar", "--help"));
        assertTrue(out().contains("--sa-dir") && out().contains("--days"), out());
    }

    private static double memTotalBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new AssertionError("no MemTotal in /proc/meminfo");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Cli.standard().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
