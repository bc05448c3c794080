package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpNamesEveryOption() {
        assertEquals(Cli.OK, run("sample", "--help"));
        for (String option : List.of("--interval", "--duration", "--db", "-F", "--known-hosts", "--accept-new", "--local")) {
            assertTrue(out().contains(option), option + " missing from help:\n" + out());
        }
    }

    @Test
    void usageErrorsSayWhatToDo() {
        assertEquals(Cli.USAGE, run("sample"));
        assertTrue(err().contains("name at least one host"), err());
        assertEquals(Cli.USAGE, run("sample", "--interval", "90", "web-1"));
        assertTrue(err().contains("--interval must be between 0.1 and 60 seconds"), err());
        assertEquals(Cli.USAGE, run("sample", "--local", "web-1"));
        assertEquals(Cli.USAGE, run("sample", "--db", dir.resolve("x.db").toString(), "web-1"));
        assertTrue(err().contains("must end in .mv.db"), err());
        assertEquals(Cli.USAGE, run("sample", "--duration", "soon", "web-1"));
    }

    @Test
    void localSamplingFillsTheStoreAndEndsWithAGapMarker() {
        Path db = dir.resolve("local.mv.db");
        assertEquals(Cli.OK, run("sample", "--local", "--interval", "0.25", "--duration", "2", "--db", db.toString()), err());
        assertTrue(err().contains("local ") && err().contains("STOPPED"), err());
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            List<SeriesPoints> cpu = store.points(Selector.parse("cpu.user{host=local}"), 0, Long.MAX_VALUE);
            assertEquals(1, cpu.size());
            double[] v = cpu.get(0).values();
            assertTrue(v.length >= 4, "points: " + v.length);
            assertTrue(Double.isNaN(v[v.length - 1]), "stopping ends the series with a gap marker");
            for (int i = 0; i < v.length - 1; i++) {
                assertTrue(v[i] >= 0 && v[i] <= 100, "cpu.user " + v[i]);
            }
        }
        // what the user runs next, as the command's closing line says
        assertEquals(Cli.OK, run("store", "query", "cpu.user{host=local}", "--db", db.toString(), "--from", "-10m", "--json"), err());
        assertTrue(out().contains("cpu.user") && out().contains("local"), out());
        assertEquals(Cli.OK, run("store", "query", "disk.util", "--db", db.toString(), "--from", "-10m"), err());
        assertTrue(out().contains("disk.util"), out());
    }

    @Test
    void samplingARealSshdFillsTheStoreWithEveryMetric() throws Exception {
        OpenSshTestServer.assumeAvailable();
        Path db = dir.resolve("ssh.mv.db");
        try (OpenSshTestServer sshd = OpenSshTestServer.start()) {
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, "Host sampled-host\n  HostName " + sshd.address() + "\n  Port " + sshd.port()
                    + "\n  User " + sshd.user() + "\n  IdentityFile " + sshd.userKeyFile() + "\n");
            int code = run("sample", "--interval", "0.5", "--duration", "2.5", "--db", db.toString(), "-F", config.toString(),
                    "--known-hosts", sshd.knownHostsFile().toString(), "sampled-host");
            assertEquals(Cli.OK, code, err());
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            List<SeriesKey> series = store.allSeries();
            assertTrue(series.stream().allMatch(k -> k.host().equals("sampled-host")), series.toString());
            Set<String> metrics = series.stream().map(SeriesKey::metric).collect(Collectors.toSet());
            List<String> missing = new ArrayList<>(SampleMetrics.names());
            if (!java.nio.file.Files.isReadable(Path.of("/proc/pressure/io"))) {
                missing.removeIf(m -> m.startsWith("pressure.")); // a kernel without pressure stall information
            }
            missing.removeAll(metrics);
            assertEquals(List.of(), missing, "metrics the store did not get");
        }
    }

    @Test
    void unreachableHostFailsWithItsReason() {
        Path db = dir.resolve("none.mv.db");
        Path config = dir.resolve("ssh_config");
        assertEquals(Cli.FAILED, run("sample", "--interval", "0.5", "--duration", "1", "--db", db.toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "root@127.0.0.1:1"));
        assertTrue(err().contains("1 of 1 hosts delivered no metrics"), err());
        assertTrue(err().contains("127.0.0.1"), err());
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
