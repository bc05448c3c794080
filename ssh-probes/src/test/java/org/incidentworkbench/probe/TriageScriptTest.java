package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.incidentworkbench.parse.Sections;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.LocalTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The combined script on this machine: contract-A texts, markers, per-probe timeout, cap, fallbacks. */
class TriageScriptTest {

    private static final Duration CHANNEL = Duration.ofSeconds(30);

    private static List<ProbeRun> run(LocalTransport transport, List<Probe<?>> probes) throws IOException {
        TriageScript script = TriageScript.of(probes);
        try (HostConnection c = transport.connect(LocalTransport.HOST)) {
            ExecResult result = c.exec(script.command(), CHANNEL, script.outputCap());
            assertFalse(result.timedOut(), "the script as a whole should end on its own: " + result.stderr());
            return script.split(result);
        }
    }

    private static Probe<?> probe(String name, String fragment, Duration timeout, int cap) {
        return Probe.unparsed(name, fragment, timeout, cap, false);
    }

    @Test
    void everyProbePrintsItsContractSections() throws IOException {
        org.incidentworkbench.testing.RequiredTool.assume("iostat", "sysstat"); // every probe's own tool, not its fallback
        List<ProbeRun> runs = run(new LocalTransport(), Probes.STANDARD);
        assertEquals(Probes.STANDARD.stream().map(Probe::name).toList(), runs.stream().map(ProbeRun::name).toList());
        Map<String, ProbeRun> byName = new java.util.HashMap<>();
        for (ProbeRun r : runs) {
            assertTrue(r.began() && r.ended(), r.name() + " should begin and end");
            assertFalse(r.text().isBlank(), r.name() + " printed nothing");
            assertFalse(r.text().lines().anyMatch(l -> l.startsWith("@@iw-")), r.name() + " kept a marker line");
            assertTrue(r.missing().isEmpty(), r.name() + " found a tool missing here: " + r.missing());
            assertEquals(0, r.exitStatus().orElse(-1), r.name());
            byName.put(r.name(), r);
        }
        assertEquals(List.of("", "/proc/uptime", "/proc/loadavg", "nproc"), List.copyOf(Sections.split(byName.get("uptime").text()).keySet()));
        assertEquals(List.of("", "ip route"), List.copyOf(Sections.split(byName.get("ip").text()).keySet()));
        assertEquals(List.of("", "df -Pi"), List.copyOf(Sections.split(byName.get("df").text()).keySet()));
        assertEquals(List.of("", "ss -tanp"), List.copyOf(Sections.split(byName.get("ss").text()).keySet()));
        assertTrue(Sections.split(byName.get("logs").text()).containsKey("dmesg"));
        assertTrue(byName.get("df").text().startsWith("Filesystem"), byName.get("df").text());
        assertTrue(byName.get("ps").text().strip().startsWith("PID"), "ps starts with its header");
        assertEquals(2, byName.get("top").text().split("\ntop - ", -1).length, "two top frames");
    }

    @Test
    void iostatPrintsTwoReports() throws IOException {
        org.incidentworkbench.testing.RequiredTool.assume("iostat", "sysstat");
        ProbeRun r = run(new LocalTransport(), List.of(Probes.IOSTAT)).get(0);
        assertTrue(r.ended());
        assertEquals(2, r.text().split("\nDevice", -1).length - 1, r.text());
        assertTrue(r.duration().orElseThrow().compareTo(Duration.ofMillis(900)) >= 0, "iostat samples for a second: " + r.duration());
    }

    @Test
    void aBackgroundProbeRunsBesideTheOthersWithoutInterleaving() throws IOException {
        Probe<?> waits = Probe.unparsed("waits", "echo first; sleep 2; echo second", Duration.ofSeconds(5), 4096, true);
        Probe<?> also = Probe.unparsed("also", "sleep 2; echo also", Duration.ofSeconds(5), 4096, true);
        Probe<?> a = probe("a", "echo a1; sleep 2; echo a2", Duration.ofSeconds(5), 4096);
        Probe<?> b = probe("b", "echo b", Duration.ofSeconds(5), 4096);
        long start = System.nanoTime();
        List<ProbeRun> runs = run(new LocalTransport(), List.of(a, waits, b, also));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(List.of("a", "waits", "b", "also"), runs.stream().map(ProbeRun::name).toList());
        assertEquals("a1\na2\n", runs.get(0).text());
        assertEquals("first\nsecond\n", runs.get(1).text());
        assertEquals("b\n", runs.get(2).text());
        assertEquals("also\n", runs.get(3).text());
        assertTrue(runs.stream().allMatch(ProbeRun::ended));
        // side by side: about 2 s, where one after the other would take 6 s
        assertTrue(wall.compareTo(Duration.ofMillis(5500)) < 0, "took " + wall);
    }

    @Test
    void aHangingProbeIsKilledAtItsTimeoutAndTheNextOneRuns() throws IOException {
        Probe<?> hang = probe("hang", "echo started; sleep 60", Duration.ofSeconds(1), 4096);
        Probe<?> after = probe("after", "echo fine", Duration.ofSeconds(5), 4096);
        long start = System.nanoTime();
        List<ProbeRun> runs = run(new LocalTransport(), List.of(hang, after));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals("started\n", runs.get(0).text());
        ProbeResult hung = ProbeInterpreter.interpret(hang, runs.get(0), "local", false, CHANNEL, Duration.ZERO);
        ProbeResult.TimedOut timedOut = assertInstanceOf(ProbeResult.TimedOut.class, hung);
        assertEquals(Duration.ofSeconds(1), timedOut.limit());
        assertEquals("started\n", timedOut.raw());
        assertEquals("fine\n", runs.get(1).text());
        assertEquals(0, runs.get(1).exitStatus().getAsInt());
    }

    @Test
    void withoutTimeoutTheWatchdogStillKillsAHangingProbe(@TempDir Path dir) throws IOException {
        LocalTransport noTimeout = new LocalTransport(Map.of("PATH", pathWithout(dir, Set.of("timeout"))));
        Probe<?> hang = probe("hang", "sleep 60", Duration.ofSeconds(1), 4096);
        Probe<?> after = probe("after", "echo fine", Duration.ofSeconds(5), 4096);
        List<ProbeRun> runs = run(noTimeout, List.of(hang, after));
        assertInstanceOf(ProbeResult.TimedOut.class,
                ProbeInterpreter.interpret(hang, runs.get(0), "local", false, CHANNEL, Duration.ZERO));
        assertEquals("fine\n", runs.get(1).text());
    }

    @Test
    void a100MegabyteOutputIsCutOnTheServer() throws IOException {
        Probe<?> flood = probe("flood", "head -c 100000000 /dev/zero | tr '\\0' x", Duration.ofSeconds(20), 65536);
        Probe<?> after = probe("after", "echo fine", Duration.ofSeconds(5), 4096);
        List<ProbeRun> runs = run(new LocalTransport(), List.of(flood, after));
        assertTrue(runs.get(0).truncated());
        assertEquals(65536, runs.get(0).text().length());
        assertEquals("fine\n", runs.get(1).text());
        assertFalse(runs.get(1).truncated());
    }

    @Test
    void binaryGarbageDoesNotDisturbTheOtherProbes() throws IOException {
        Probe<?> garbage = probe("garbage", "head -c 200000 /dev/urandom", Duration.ofSeconds(5), 1 << 20);
        Probe<?> after = probe("after", "echo fine", Duration.ofSeconds(5), 4096);
        List<ProbeRun> runs = run(new LocalTransport(), List.of(garbage, after));
        assertTrue(runs.get(0).ended());
        assertEquals("fine\n", runs.get(1).text());
    }

    @Test
    void missingIostatFallsBackToProcDiskstatsAndNamesSysstat(@TempDir Path dir) throws IOException {
        LocalTransport noIostat = new LocalTransport(Map.of("PATH", pathWithout(dir, Set.of("iostat"))));
        ProbeRun r = run(noIostat, List.of(Probes.IOSTAT)).get(0);
        assertEquals(List.of(new ProbeRun.MissingTool("iostat", "sysstat", true)), r.missing());
        Map<String, String> parts = Sections.split(r.text());
        assertEquals(List.of("", "/proc/diskstats 1", "/proc/diskstats 2"), List.copyOf(parts.keySet()));
        assertEquals("", parts.get(""));
        assertTrue(parts.get("/proc/diskstats 2").lines().findFirst().orElseThrow().matches("[0-9.]+ [0-9.]+"),
                "each sample starts with /proc/uptime");
    }

    @Test
    void aMissingToolWithoutFallbackNamesItsPackage(@TempDir Path dir) throws IOException {
        LocalTransport noDf = new LocalTransport(Map.of("PATH", pathWithout(dir, Set.of("df"))));
        ProbeRun r = run(noDf, List.of(Probes.DF)).get(0);
        ProbeResult result = ProbeInterpreter.interpret(Probes.DF, r, "web-1", false, CHANNEL, Duration.ZERO);
        ProbeResult.CommandFailed failed = assertInstanceOf(ProbeResult.CommandFailed.class, result);
        assertEquals("'df' is not installed on web-1: install the package coreutils (apt-get install coreutils or dnf install"
                + " coreutils) to get the df probe.", failed.message());
    }

    @Test
    void aPsThatRefusesTheOptionsFallsThroughToProc(@TempDir Path dir) throws IOException {
        String path = pathWithout(dir, Set.of("ps"));
        // as BusyBox ps answers when the userland check cannot see it is BusyBox (a hard link)
        Path fake = dir.resolve("ps");
        Files.writeString(fake, "#!/bin/sh\necho \"ps: invalid option -- 'w'\" >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        LINKS.add(fake);
        ProbeRun r = run(new LocalTransport(Map.of("PATH", path)), List.of(Probes.PS)).get(0);
        ProbeResult result = ProbeInterpreter.interpret(Probes.PS, r, "web-1", false, CHANNEL, Duration.ZERO);
        assertTrue(result.data(org.incidentworkbench.parse.PsReport.class).orElseThrow().cpuSampled(), result::toString);
        assertTrue(r.stderr().contains("ps: invalid option -- 'w'"), r.stderr());
        assertEquals(List.of(), r.missing());
    }

    @Test
    void missingPsReadsEveryProcessFromProcTwice(@TempDir Path dir) throws IOException {
        LocalTransport noPs = new LocalTransport(Map.of("PATH", pathWithout(dir, Set.of("ps"))));
        ProbeRun r = run(noPs, List.of(Probes.PS)).get(0);
        assertEquals(List.of(new ProbeRun.MissingTool("ps", "procps", true)), r.missing());
        ProbeResult result = ProbeInterpreter.interpret(Probes.PS, r, "web-1", false, CHANNEL, Duration.ZERO);
        org.incidentworkbench.parse.PsReport ps = result.data(org.incidentworkbench.parse.PsReport.class).orElseThrow();
        assertTrue(ps.cpuSampled());
        long me = ProcessHandle.current().pid();
        org.incidentworkbench.parse.PsReport.ProcessRow jvm = ps.processes().stream().filter(p -> p.pid() == me).findFirst()
                .orElseThrow(() -> new AssertionError(me + " not in " + r.text().substring(0, Math.min(3000, r.text().length()))));
        assertEquals(ProcessHandle.current().info().command().orElseThrow(), jvm.command().split(" ")[0]);
        assertEquals(System.getProperty("user.name"), jvm.user().orElseThrow());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), jvm.ppid().orElseThrow());
        assertTrue(jvm.rssBytes().orElseThrow() > 10_000_000 && jvm.cpuPercent().isPresent(), jvm::toString);
        assertEquals("/proc/[pid]/stat, status and cmdline, sampled 0.5 s apart", Probes.PS.variant(result));
    }

    @Test
    void splitKeepsTextExactlyAndRemovesNotes() {
        Probe<?> a = probe("a", "true", Duration.ofSeconds(1), 100);
        Probe<?> b = probe("b", "true", Duration.ofSeconds(1), 100);
        Probe<?> c = probe("c", "true", Duration.ofSeconds(1), 5);
        TriageScript script = TriageScript.of(List.of(a, b, c));
        String m = script.marker();
        String out = m + " begin a 10.00\n" + "no final newline" + "\n" + m + " end a 10.25\n"
                + m + " begin b 10.25\n" + "line\n" + TriageScript.missingNote(m, "w", "procps", true) + "\n"
                + "#### iw-section: who -u\nroot pts/0\n" + "\n" + m + " end b 10.30\n"
                + m + " begin c 10.30\n" + "abcdef" + "\n" + m + " end c 10.30\n";
        String err = m + " begin a\nboom\n" + m + " x a 3\n" + m + " begin b\n" + m + " x b 0\n" + m + " begin c\n"
                + m + " x c 141\n";
        List<ProbeRun> runs = script.split(new ExecResult(out, err, 0, false, false, Duration.ofMillis(400)));
        assertEquals("no final newline", runs.get(0).text());
        assertEquals(3, runs.get(0).exitStatus().getAsInt());
        assertEquals(Optional.of(Duration.ofMillis(250)), runs.get(0).duration());
        assertEquals("boom\n", runs.get(0).stderr());
        assertEquals("line\n#### iw-section: who -u\nroot pts/0\n", runs.get(1).text());
        assertFalse(runs.get(1).truncated());
        assertEquals(0, runs.get(1).exitStatus().getAsInt());
        assertEquals(List.of(new ProbeRun.MissingTool("w", "procps", true)), runs.get(1).missing());
        assertEquals("abcde", runs.get(2).text(), "the script passes CAP+1 bytes: more than CAP means cut");
        assertTrue(runs.get(2).truncated());
    }

    @Test
    void undecodableBytesCountAsOneByteEachAgainstTheCap() {
        Probe<?> a = probe("a", "true", Duration.ofSeconds(1), 4);
        TriageScript script = TriageScript.of(List.of(a));
        String m = script.marker();
        String out = m + " begin a 1.00\n" + "\uFFFD\uFFFD\uFFFD\uFFFD" + "\n" + m + " end a 1.01\n";
        ProbeRun r = script.split(new ExecResult(out, "", 0, false, false, Duration.ZERO)).get(0);
        assertFalse(r.truncated());
        assertEquals(4, r.text().length());
    }

    @Test
    void aChannelCutMidOutputLeavesTheRestUnfinished() {
        Probe<?> a = probe("a", "true", Duration.ofSeconds(1), 100);
        Probe<?> b = probe("b", "true", Duration.ofSeconds(1), 100);
        Probe<?> c = probe("c", "true", Duration.ofSeconds(1), 100);
        TriageScript script = TriageScript.of(List.of(a, b, c));
        String m = script.marker();
        String out = m + " begin a 1.00\nok\n\n" + m + " end a 1.01\n" + m + " begin b 1.01\npartial li";
        List<ProbeRun> runs = script.split(new ExecResult(out, "", -1, false, false, Duration.ofSeconds(1)));
        assertTrue(runs.get(0).ended());
        assertTrue(runs.get(1).began() && !runs.get(1).ended());
        assertEquals("partial li", runs.get(1).text());
        assertFalse(runs.get(2).began());
        ProbeResult.CommandFailed cut = assertInstanceOf(ProbeResult.CommandFailed.class,
                ProbeInterpreter.interpret(b, runs.get(1), "db-1", false, CHANNEL, Duration.ofSeconds(1)));
        assertEquals("The connection to db-1 ended while the b probe was running (10 characters had arrived); run the"
                + " triage again, and if this recurs look at the server's sshd log.", cut.message());
        assertTrue(ProbeInterpreter.interpret(c, runs.get(2), "db-1", false, CHANNEL, Duration.ZERO) instanceof ProbeResult.CommandFailed);
        assertInstanceOf(ProbeResult.TimedOut.class,
                ProbeInterpreter.interpret(c, runs.get(2), "db-1", true, CHANNEL, Duration.ZERO));
    }

    @Test
    void shellQuoteSurvivesEveryQuote() throws IOException {
        String weird = "it's \"quoted\" $HOME `x` \\ '' \n end";
        try (HostConnection c = new LocalTransport().connect(LocalTransport.HOST)) {
            ExecResult r = c.exec("printf %s " + TriageScript.shellQuote(weird), Duration.ofSeconds(5), 4096);
            assertEquals(weird, r.stdout());
        }
    }

    /** The tools the probes and the script use; a test PATH links them all but the hidden ones. */
    private static final List<String> TOOLS = List.of("sh", "dash", "bash", "cat", "head", "tail", "wc", "sleep", "timeout",
            "pkill", "tr", "printf", "env", "w", "who", "uptime", "nproc", "getconf", "ps", "ip", "df", "top", "iostat", "ss",
            "journalctl", "dmesg", "grep", "cut", "readlink");

    /**
     * A directory of links to the tools above except the hidden ones, plus the sbin dirs. The links
     * are removed here once the test is done (JUnit's cleanup warns about every link it deletes).
     */
    static String pathWithout(Path dir, Set<String> hidden) throws IOException {
        for (String name : TOOLS) {
            for (String bin : List.of("/usr/bin/", "/bin/")) {
                Path tool = Path.of(bin + name);
                if (!hidden.contains(name) && Files.isExecutable(tool) && !Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(dir.resolve(name), tool);
                    LINKS.add(dir.resolve(name));
                }
            }
        }
        return dir + ":/usr/sbin:/sbin";
    }

    private static final List<Path> LINKS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeLinks() throws IOException {
        for (Path link : LINKS) {
            Files.deleteIfExists(link);
        }
        LINKS.clear();
    }
}
