package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentworkbench.app.services.SamplingService;
import org.incidentworkbench.app.services.StoreService;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.sample.SamplerConfig;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.SeriesKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench forecast} on exact synthetic series, and a real tmpfs filling while the sampler records it. */
class ForecastCommandTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new ForecastCommand(clock)));
        int exit = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLinearFillIsForecastExactlyAndAFlatOneNever() {
        Path db = dir.resolve("m.mv.db");
        try (StoreService s = StoreService.open(db)) {
            List<Sample> points = new ArrayList<>();
            // web-1 /var: 40 % + 10 %/h for the last 3 h, exactly: 100 % in 3 h; /home flat at 50 %
            for (int i = 0; i <= 180; i++) {
                long t = NOW.minus(Duration.ofMinutes(180 - i)).toEpochMilli();
                points.add(new Sample(SeriesKey.of("web-1", SampleMetrics.FS_USED_PCT, "mount", "/var"), t, 40 + 10 * (i / 60.0)));
                points.add(new Sample(SeriesKey.of("web-1", SampleMetrics.FS_USED_PCT, "mount", "/home"), t, 50 + (i % 2 == 0 ? 0.1 : -0.1)));
                points.add(new Sample(SeriesKey.of("web-1", "cpu.user"), t, 5));
            }
            s.store().appendAll(points);
            s.store().flush();
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Run r = run(clock, "forecast", "fs.used_pct{host=web-1,mount=/var}", "--db", db.toString());
        assertEquals(0, r.exit(), r.err());
        // the store keeps fs.used_pct to 2 decimals: that rounding is the only noise, hence a few seconds of band, and the
        // interval adds the points' spacing (a minute) either side; the window ends before now, so the point at now is not fitted
        assertEquals("""
                fs.used_pct{host=web-1,mount=/var}
                  reaches 100.00 % in 3.0 h, at 2026-12-01T15:00:00.040Z
                  95 % interval: 3.0 h (2026-12-01T14:58:57.950Z) to 3.0 h (2026-12-01T15:01:02.131Z)
                  slope 10.00 %/h, 180 points used of 180 since 2026-12-01T09:00:00Z, step not detected

                """, r.out());
        Run flat = run(clock, "forecast", "fs.used_pct{host=web-1,mount=/home}", "--db", db.toString(), "--json");
        assertEquals(0, flat.exit(), flat.err());
        assertTrue(flat.out().contains("\"crossing\" : null"), flat.out());
        assertTrue(flat.out().contains("\"pointsUsed\" : 180"), flat.out());
        Run threshold = run(clock, "forecast", "fs.used_pct{host=web-1,mount=/var}", "--db", db.toString(), "--threshold", "70", "--window", "2h");
        assertTrue(threshold.out().contains("reaches 70.00 % in 0 s"), threshold.out());
        Run none = run(clock, "forecast", "fs.used_pct{host=db-9}", "--db", db.toString());
        assertEquals(1, none.exit());
        assertTrue(none.err().startsWith("No series match fs.used_pct{host=db-9}"), none.err());
        Run noLimit = run(clock, "forecast", "cpu.user", "--db", db.toString());
        assertEquals(1, noLimit.exit());
        assertTrue(noLimit.err().contains("give one with --threshold V"), noLimit.err());
        Run badWindow = run(clock, "forecast", "cpu.user", "--db", db.toString(), "--window", "soon");
        assertEquals(2, badWindow.exit());
        assertTrue(badWindow.err().contains("--window takes a span such as 30m, 6h or 7d, not 'soon'."), badWindow.err());
    }

    /**
     * The command line's triage reads the store named by {@code --db}: sixteen minutes of history of this machine's
     * root filesystem climbing to its level now, at a rate that fills it 40 minutes from now, make the real df
     * finding say so, critical whatever the level; without that store the same / says nothing of it.
     */
    @Test
    void triageFromTheCommandLineReadsTheStoreItIsGiven() throws Exception {
        Path db = dir.resolve("history.mv.db");
        double level = rootUsedPercent();
        double perHour = (100 - level) * 1.5;
        Instant now = Instant.now();
        try (StoreService s = StoreService.open(db)) {
            List<Sample> points = new ArrayList<>();
            for (int i = 0; i <= 24; i++) {
                Instant t = now.minus(Duration.ofSeconds(40L * (24 - i)));
                points.add(new Sample(SeriesKey.of("local", SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, "/"), t.toEpochMilli(),
                        level - perHour * (24 - i) * 40 / 3600.0));
            }
            s.store().appendAll(points);
            s.store().flush();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.standard().run(List.of("triage", "--local", "--db", db.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(Pattern.compile("CRITICAL  / is \\d+ % full, full in (39|40) min \\(\\d+ min to \\d+ min\\)").matcher(text).find(), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "trend %.1f %%/h over the last 16 min (25 points)", perHour)), text);
        // without the store's history, the same machine's / is judged by its level alone
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Cli.standard().run(List.of("triage", "--local", "--db", dir.resolve("none.mv.db").toString()),
                new PrintStream(plain, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(!plain.toString(StandardCharsets.UTF_8).contains(" full, full in "), plain.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(dir.resolve("none.mv.db")), "a triage never creates a store");
    }

    /** df's Use% of / on this machine, as the triage will see it. */
    private static double rootUsedPercent() throws Exception {
        Process p = new ProcessBuilder("df", "-Pk", "/").start();
        String[] last = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().lines()
                .reduce((a, b) -> b).orElseThrow().trim().split("\\s+");
        p.waitFor();
        return Double.parseDouble(last[4].replace("%", ""));
    }

    private static final Pattern TITLE = Pattern.compile("is (\\d+) % full, full in (\\d+) s \\((\\d+) s to (\\d+) s\\)");
    private static final Pattern CLI = Pattern.compile("at (\\S+)\\n  95 % interval: \\d+ s \\((\\S+)\\) to \\d+ s \\((\\S+)\\)");

    /**
     * A 2 MiB tmpfs filled at a steady 100 KiB/s while the sampler records it every 0.2 s: once a third full, the
     * triage of this machine says when it will be full, with an interval that holds the moment the writer gets
     * ENOSPC, and {@code workbench forecast} gives the same answer. Needs root for the mount.
     */
    @Test
    void aRealTmpfsFillIsForecastWithinItsIntervalByTriageAndByTheCommand() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs (mount -t tmpfs); skipped");
        Path mount = Files.createDirectories(dir.resolve("fill"));
        assumeTrue(exec("mount", "-t", "tmpfs", "-o", "size=2m", "iw-forecast-test", mount.toString()) == 0,
                "mount -t tmpfs failed here (a container without CAP_SYS_ADMIN?); skipped");
        Path db = dir.resolve("m.mv.db");
        String mountLabel = mount.toString();
        try {
            Instant full;
            TriageReport report;
            Instant asked;
            try (StoreService store = StoreService.open(db)) {
                CompletableFuture<Instant> writer = CompletableFuture.supplyAsync(() -> fill(mount.resolve("data"), 100 * 1024));
                try (SamplingService sampler = SamplingService.start(store.store(), new LocalTransport(),
                        SamplerConfig.of(Duration.ofMillis(200)).withDfEvery(1))) {
                    sampler.start(LocalTransport.HOST);
                    SeriesKey key = SeriesKey.of("local", SampleMetrics.FS_USED_PCT, SampleMetrics.MOUNT, mountLabel);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (true) {
                        double[] v = store.points(key, Instant.now().minusSeconds(60), Instant.now().plusSeconds(1)).values();
                        if (v.length >= 30 && v[v.length - 1] >= 30) {
                            break;
                        }
                        assertTrue(System.nanoTime() < deadline, "the sampler recorded " + v.length + " points of " + key + " in 30 s");
                        Thread.sleep(100);
                    }
                    report = TriageService.local(TriageSettings.standard(), () -> Optional.of(store))
                            .triage(List.of("local"), r -> { }).get(0);
                    asked = report.startedAt().plus(report.duration());
                    full = writer.get(60, TimeUnit.SECONDS);
                }
            }
            Finding f = report.findings().stream().filter(x -> x.rule().equals("fs.full") && x.title().startsWith(mountLabel + " "))
                    .findFirst().orElseThrow(() -> new AssertionError("no fs.full finding for " + mountLabel + ": " + report.findings()));
            Matcher m = TITLE.matcher(f.title());
            assertTrue(m.find(), f.title());
            assertEquals(Severity.CRITICAL, f.severity(), "full within the hour at " + m.group(1) + " %");
            // the findings were made between the report's start and its end: allow that span either side
            Instant earliest = report.startedAt().plusSeconds(Long.parseLong(m.group(3))).minusSeconds(1);
            Instant latest = asked.plusSeconds(Long.parseLong(m.group(4)) + 1);
            assertTrue(!full.isBefore(earliest) && !full.isAfter(latest),
                    "full at " + full + ", the triage said " + f.title() + " (" + earliest + " to " + latest + "); " + f.evidence());

            Run r = run(Clock.fixed(asked, ZoneOffset.UTC), "forecast", "fs.used_pct{host=local,mount=" + mountLabel + "}", "--db", db.toString());
            assertEquals(0, r.exit(), r.err());
            Matcher c = CLI.matcher(r.out());
            assertTrue(c.find(), r.out());
            Instant crossing = Instant.parse(c.group(1));
            assertTrue(!full.isBefore(Instant.parse(c.group(2)).minusSeconds(1)) && !full.isAfter(Instant.parse(c.group(3)).plusSeconds(1)),
                    "full at " + full + "; the command said\n" + r.out());
            // the same answer as the triage's: its crossing inside the triage's interval
            assertTrue(!crossing.isBefore(earliest) && !crossing.isAfter(latest), r.out() + " against " + f.title());
        } finally {
            exec("umount", mount.toString());
        }
    }

    /** Writes {@code bytesPerSecond} on a schedule (so a slow moment catches up) until ENOSPC; when that came. */
    private static Instant fill(Path file, int bytesPerSecond) {
        byte[] chunk = new byte[4096];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long start = System.nanoTime();
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * bytesPerSecond);
                while (written + chunk.length <= due) {
                    out.write(chunk);
                    out.flush();
                    written += chunk.length;
                }
                Thread.sleep(20);
            }
        } catch (IOException noSpace) {
            return Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
