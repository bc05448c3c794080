package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.IncidentService;
import org.incidentworkbench.app.services.MetricSliceSource;
import org.incidentworkbench.app.services.SteppingClock;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.replay.ManualTickSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookCommandTest {

    static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

    @TempDir
    Path dir;

    Path bundle;
    final ManualTickSource ticks = new ManualTickSource();
    final List<Duration> slept = new ArrayList<>();

    @BeforeEach
    void recordAnIncident() throws Exception {
        SteppingClock clock = new SteppingClock(T0);
        IncidentService service = new IncidentService(dir.resolve("recorded"), clock, "alice", "Incident Workbench test");
        IncidentRecording r = service.open("web-1 returns 500s", "SEV-2", List.of("web-1"), Optional.empty());
        clock.advance(Duration.ofSeconds(5));
        r.note("Pager: 5xx above 5 %", List.of("detection"));
        clock.advance(Duration.ofSeconds(25));
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("host", "web-1");
        ObjectNode finding = report.putArray("findings").addObject();
        finding.put("severity", "critical").put("rule", "fs.full").put("probe", "df").put("title", "/var is 99 % full")
                .put("evidence", "99 % used").put("hint", "du -xsh /var/*");
        r.record(new JournalEvent.TriageRun(clock.instant(), "alice", "web-1", report));
        clock.advance(Duration.ofSeconds(300));
        r.command("web-1", "MYSQL_PWD=hunter2 du -xsh /var/log/*", 0, "38G\t/var/log/app\n", Duration.ofMillis(900));
        clock.advance(Duration.ofSeconds(20));
        r.hypothesis("application logs filled /var");
        clock.advance(Duration.ofSeconds(10));
        r.updateHypothesis("h1", HypothesisState.CONFIRMED, Optional.of("38G in /var/log/app"));
        clock.advance(Duration.ofSeconds(600));
        long[] t = {T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli(), T0.plusSeconds(900).toEpochMilli()};
        double[] v = {97, 99, Double.NaN};
        MetricSliceSource metrics = (hosts, from, to) -> List.of(new MetricSlice("web-1", "fs.used_pct",
                new java.util.TreeMap<>(java.util.Map.of("mount", "/var")), t, v));
        bundle = service.closeAndSeal(r, JournalEvent.IncidentClosed.plain(clock.instant(), "alice", "debug logs filled /var"),
                metrics, List.of()).bundle();
    }

    @AfterEach
    void clearDataDir() {
        System.clearProperty("workbench.dataDir");
    }

    record Run(int exit, String out, String err) {
    }

    Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        PlaybookCommand command = new PlaybookCommand(in, ticks, d -> {
            slept.add(d);
            ticks.advance(d);
        });
        Cli cli = new Cli(List.of(command, new IncidentCommand()));
        List<String> all = new ArrayList<>(List.of("playbook"));
        all.addAll(List.of(args));
        int exit = cli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEverySubcommand() {
        Run r = run("", "--help");
        assertEquals(0, r.exit());
        for (String sub : List.of("verify", "export", "replay", "train", "new", "note", "attach", "close", "list", "--no-redact",
                "--speed X|max")) {
            assertTrue(r.out().contains(sub), sub);
        }
        Run bad = run("", "teleport");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("'teleport' is not a playbook subcommand"), bad.err());
    }

    @Test
    void verifySaysIntactOrExactlyWhatIsWrong() throws Exception {
        Run ok = run("", "verify", bundle.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("intact"), ok.out());

        Path damaged = dir.resolve("damaged.iwbundle");
        byte[] bytes = Files.readAllBytes(bundle);
        Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        Run bad = run("", "verify", bundle.toString(), damaged.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains(damaged + ": "), bad.out());
        assertTrue(bad.out().contains("is not a zip archive"), bad.out());
    }

    @Test
    void exportRedactsUnlessAsked() throws Exception {
        Run r = run("", "export", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# Postmortem: web-1 returns 500s\n"), r.out());
        assertTrue(r.out().contains("## Root Causes"));
        assertTrue(r.out().contains("Confirmed hypothesis: application logs filled /var: 38G in /var/log/app"));
        assertFalse(r.out().contains("hunter2"));
        Path file = dir.resolve("pm.md");
        Run plain = run("", "export", "--no-redact", "-o", file.toString(), bundle.toString());
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(Files.readString(file).contains("MYSQL_PWD=hunter2"));
        assertTrue(plain.err().contains("NOT redacted"), plain.err());
    }

    @Test
    void exportReadsAnOpenIncidentsJournalToo() throws Exception {
        SteppingClock clock = new SteppingClock(T0);
        IncidentService service = new IncidentService(dir.resolve("open"), clock, "bob", "test");
        Path journal;
        try (IncidentRecording r = service.open("still going", "SEV-4", List.of("db-1"), Optional.empty())) {
            clock.advance(Duration.ofSeconds(90));
            r.note("export while open: token=abc123", List.of());
            journal = r.journalFile();
        }
        Run run = run("", "export", journal.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("still open) |"), run.out());
        assertTrue(run.out().contains("token=[REDACTED]"), run.out());
        Run missing = run("", "export", dir.resolve("nothing.iwbundle").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("there is no file"), missing.err());
    }

    @Test
    void shippedSamplesOpenByName() {
        Run r = run("", "replay", "--speed", "max", "disk-full");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Replaying \"Nightly export fails: no space left\""), r.out());
        assertEquals(0, run("", "verify", "cpu-hog.iwbundle").exit());
        Run none = run("", "train", "no-such-sample");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("there is no file no-such-sample, and no shipped sample of that name (the samples are "
                + "close-wait-leak, cpu-hog, disk-full, log-flood, memory-leak-oom)."), none.err());
    }

    @Test
    void trainEndsWhenInputEnds() {
        Run r = run("triage web-1\n", "train", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("You reached 1 of 3 pieces of evidence the responders reached, in 1 move."), r.out());
    }

    @Test
    void replayAtMaxSpeedPrintsTheTimelineAtOnce() {
        Run r = run("", "replay", "--speed", "max", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Replaying \"web-1 returns 500s\""), lines.get(0));
        assertEquals("[+00:00 14:00:00] alice      opened the incident \"web-1 returns 500s\" (SEV-2) on web-1", lines.get(1));
        assertEquals("[+00:30 14:00:30] alice      triaged web-1: critical /var is 99 % full (`fs.full`)", lines.get(3));
        assertTrue(lines.get(4).contains("ran `MYSQL_PWD=[REDACTED] du -xsh /var/log/*` on web-1"), lines.get(4));
        assertEquals(9, lines.size(), r.out());
        assertTrue(slept.isEmpty(), "max speed never waits");
    }

    @Test
    void replayPlaysInTimeAndSkipsIdleStretches() {
        Run r = run("", "replay", "--speed", "10", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(9, r.out().lines().count(), r.out());
        Duration total = slept.stream().reduce(Duration.ZERO, Duration::plus);
        // 6 gaps, each played for at most 1 s of wall time when idle time is skipped
        assertTrue(total.compareTo(Duration.ofSeconds(6)) <= 0 && total.compareTo(Duration.ofSeconds(2)) > 0, total.toString());

        slept.clear();
        Run slow = run("", "replay", "--speed", "10", "--no-skip-idle", bundle.toString());
        assertEquals(run("", "replay", "--speed", "max", bundle.toString()).out().lines().skip(1).toList(),
                slow.out().lines().skip(1).toList().subList(0, 8), "same timeline whatever the speed");
        Duration all = slept.stream().reduce(Duration.ZERO, Duration::plus);
        assertEquals(Duration.ofSeconds(96), all.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                "960 s of incident at 10x: " + all);
        assertEquals(2, run("", "replay", "--speed", "500", bundle.toString()).exit());
    }

    @Test
    void trainRunsTheDialogueAndCompares() {
        Run r = run("triage web-1\nchart fs.used_pct web-1\nhypothesis logs filled the disk\n", "train", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("The responders reached 3 pieces of evidence"), out);
        assertTrue(out.contains("Hosts: web-1. Metrics: fs.used_pct."), out);
        assertTrue(out.contains("    critical  /var is 99 % full — 99 % used"), out);
        assertTrue(out.contains("web-1 fs.used_pct{mount=/var}: 2 points, min 97, max 99, latest 99"), out);
        assertTrue(out.contains("You reached 2 of 3 pieces of evidence the responders reached, in 3 moves."), out);
        assertTrue(out.contains("  - missed   ran 'MYSQL_PWD=[REDACTED] du -xsh /var/log/*' on web-1 (responders: step 2, 5 min 30 s in)"), out);
        assertFalse(out.contains("hunter2"), out);
        assertTrue(out.contains("Meanwhile:\n[+05:30 14:05:30] alice      ran `MYSQL_PWD=[REDACTED]"), "time passed after a move that found nothing new: " + out);
        assertTrue(out.contains("Moves the responders did not make (no recorded evidence): chart fs.used_pct on web-1."), out);
    }

    @Test
    void recordsAnIncidentFromTheTerminal() throws Exception {
        System.setProperty("workbench.dataDir", dir.resolve("data").toString());
        Run created = run("", "new", "db-1", "slow", "--severity", "SEV-3", "--host", "db-1");
        assertEquals(0, created.exit(), created.err());
        String id = created.out().strip();
        assertTrue(id.endsWith("-db-1-slow"), id);
        assertEquals(0, run("", "note", "--tag", "impact", "checkout", "takes", "9 s").exit());
        Path slowLog = dir.resolve("slow query.log");
        Files.writeString(slowLog, "# Query_time: 9.1  SELECT * FROM stock\n");
        Run attached = run("", "attach", slowLog.toString());
        assertEquals(0, attached.exit(), attached.err());
        assertTrue(attached.out().contains("Attached slow_query.log"), attached.out());
        Run list = run("", "list");
        assertTrue(list.out().contains("open    " + id), list.out());
        Run closed = run("", "close", "--summary", "a missing index", "--no-metrics");
        assertEquals(0, closed.exit(), closed.err());
        Path sealed = Path.of(closed.out().strip());
        IncidentBundle b = IncidentBundle.open(sealed);
        assertEquals(List.of("incident.opened", "note", "marker", "incident.closed"), b.events().stream().map(JournalEvent::kind).toList());
        assertEquals(List.of("slow_query.log"), b.attachmentNames());
        assertEquals("checkout takes 9 s", ((JournalEvent.Note) b.events().get(1)).text());
        assertEquals(List.of("impact"), ((JournalEvent.Note) b.events().get(1)).tags());
        assertTrue(run("", "list").out().contains("sealed  " + id + ".iwbundle"));
        Run none = run("", "note", "orphan");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("there is no open incident"), none.err());
    }
}
