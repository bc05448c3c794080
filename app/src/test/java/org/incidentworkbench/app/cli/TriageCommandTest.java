package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.testing.MinaTestServer;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbench triage}: table and JSON, --local and a real sshd, exit codes 0, 1 and 2. */
class TriageCommandTest {

    private static final List<String> PROBES = List.of("w", "uptime", "ps", "ip", "df", "top", "iostat", "ss", "logs", "kernel", "systemd");

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.standard().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A zombie process on this machine for as long as the test runs (a shell that starts a short child and
     * execs a sleep never reaps it), so every triage here has at least one finding: proc.zombies.
     */
    static Process startZombie() throws IOException, InterruptedException {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 60").start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean zombie = parent.toHandle().children().anyMatch(c -> {
                try {
                    String stat = Files.readString(Path.of("/proc/" + c.pid() + "/stat"));
                    return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                } catch (IOException e) {
                    return false;
                }
            });
            if (zombie) {
                return parent;
            }
            Thread.sleep(20);
        }
        parent.destroyForcibly();
        throw new AssertionError("could not make a zombie process for the test");
    }

    private static void assertZombieFinding(String out) {
        assertTrue(out.lines().anyMatch(l -> l.matches("  (INFO|WARNING)\\s+\\d+ zombie process(es)?(  \\[new since the previous triage\\])?")), out);
    }

    private static void assertTable(String out, String host) {
        assertTrue(out.contains("== " + host + " ("), out);
        for (String probe : PROBES) {
            assertTrue(out.lines().anyMatch(l -> l.startsWith(String.format("  %-9s ", probe))), probe + " line missing:\n" + out);
        }
        List<String> lines = out.lines().toList();
        int firstProbeLine = lines.indexOf(lines.stream().filter(l -> l.startsWith("  w ")).findFirst().orElseThrow());
        for (int i = firstProbeLine; i < lines.size(); i++) {
            assertTrue(!lines.get(i).matches("  (CRITICAL|WARNING|INFO) .*"), "findings come before the probe lines:\n" + out);
        }
        assertTrue(out.contains("  uptime    up "), out);
        assertTrue(out.contains("  df        ") && out.contains(" filesystems; fullest: /"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("  coverage  ")), "the coverage line is missing:\n" + out);
        assertTrue(out.contains("  kernel    run queue ") && out.contains("; file handles "), out);
    }

    private static boolean hasRule(JsonNode report, String rule) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("rule").asText().equals(rule)) {
                return true;
            }
        }
        return false;
    }

    private static void assertJsonReport(JsonNode report) {
        assertEquals(PROBES.size(), report.path("coverage").size(), report.toString());
        assertTrue(report.path("failure").isNull());
        assertEquals(PROBES.size(), report.path("results").size());
        for (int i = 0; i < PROBES.size(); i++) {
            JsonNode r = report.path("results").get(i);
            assertEquals(PROBES.get(i), r.path("probe").asText());
            for (String field : List.of("status", "raw", "exitStatus", "duration", "error")) {
                assertTrue(r.has(field), PROBES.get(i) + " lacks " + field);
            }
            assertEquals("parsed", r.path("status").asText(), r.toString());
        }
        assertEquals("parsed", report.path("results").get(1).path("status").asText());
        assertTrue(report.path("results").get(1).path("data").path("cpuCores").asInt() >= 1);
        JsonNode kernel = report.path("results").get(PROBES.indexOf("kernel")).path("data");
        assertTrue(kernel.path("intervalSeconds").asDouble() >= 1.0, kernel::toString);
        assertTrue(kernel.path("tcp").path("Tcp.RetransSegs").path("total").isNumber(), kernel::toString);
        assertTrue(kernel.path("tcp").path("Tcp.RetransSegs").has("delta"), "a counter is its total and its delta: " + kernel);
        assertTrue(report.path("findings").isArray());
    }

    @Test
    void localTableShowsEveryProbeAfterTheFindings() throws Exception {
        Process zombie = startZombie();
        try {
            Run r = run("triage", "--local");
            assertEquals(0, r.exit(), r.err());
            assertTable(r.out(), "local");
            assertZombieFinding(r.out());
        } finally {
            zombie.destroyForcibly();
        }
    }

    @Test
    void localJsonIsOneDocumentWithEveryProbe() throws Exception {
        Process zombie = startZombie();
        Run r;
        try {
            r = run("triage", "--local", "--json");
        } finally {
            zombie.destroyForcibly();
        }
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = Json.mapper().readTree(r.out());
        assertEquals("workbench-triage/1", doc.path("schema").asText());
        assertEquals(1, doc.path("hosts").asInt());
        assertEquals(1, doc.path("triaged").asInt());
        assertJsonReport(doc.path("reports").get(0));
        assertTrue(hasRule(doc.path("reports").get(0), "proc.zombies"), r.out());
        assertTrue(r.err().startsWith("local: triaged in "), r.err());
    }

    @Test
    void realSshdInTableAndJsonAndAFailedHostGivesExit1(@TempDir Path dir) throws IOException {
        OpenSshTestServer.assumeAvailable();
        Process zombie;
        try {
            zombie = startZombie();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.9").start();
             ServerSocket closed = new ServerSocket(0)) {
            int deadPort = closed.getLocalPort();
            closed.close();
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, "Host lab\n  HostName " + sshd.address() + "\n  Port " + sshd.port() + "\n  User "
                    + sshd.user() + "\n  IdentityFile " + sshd.userKeyFile() + "\n"
                    + "Host gone\n  HostName 127.0.0.1\n  Port " + deadPort + "\n  User root\n");
            String knownHosts = sshd.knownHostsFile().toString();

            Run table = run("triage", "-F", config.toString(), "--known-hosts", knownHosts, "lab");
            assertEquals(0, table.exit(), table.err());
            assertTable(table.out(), "lab");
            assertZombieFinding(table.out());

            Run json = run("triage", "--json", "-F", config.toString(), "--known-hosts", knownHosts, "--parallel", "2", "lab", "gone");
            assertEquals(1, json.exit(), json.err());
            JsonNode doc = Json.mapper().readTree(json.out());
            assertEquals(2, doc.path("hosts").asInt());
            assertEquals(1, doc.path("triaged").asInt());
            assertJsonReport(doc.path("reports").get(0));
            assertTrue(hasRule(doc.path("reports").get(0), "proc.zombies"), json.out());
            JsonNode gone = doc.path("reports").get(1);
            assertEquals("UNREACHABLE", gone.path("failure").path("kind").asText());
            assertTrue(json.err().contains("1 of 2 hosts could not be triaged:\n  gone: "), json.err());
        } finally {
            zombie.destroyForcibly();
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessAcceptNew(@TempDir Path dir) throws IOException {
        OpenSshTestServer.assumeAvailable();
        try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.10").start()) {
            Path config = dir.resolve("ssh_config");
            // no IdentityFile here: the key comes from -i, as a user would give it
            Files.writeString(config, "Host fresh\n  HostName " + sshd.address() + "\n  Port " + sshd.port() + "\n  User "
                    + sshd.user() + "\n");
            String key = sshd.userKeyFile().toString();
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "");

            Run refused = run("triage", "-F", config.toString(), "-i", key, "--known-hosts", knownHosts.toString(), "fresh");
            assertEquals(1, refused.exit(), refused.out());
            assertTrue(refused.out().startsWith("== fresh ("), refused.out());
            assertTrue(refused.out().contains(") NOT TRIAGED after "), refused.out());
            assertTrue(refused.err().contains("1 of 1 hosts could not be triaged:\n  fresh: "), refused.err());
            assertEquals("", Files.readString(knownHosts), "nothing is learned without --accept-new");

            Run accepted = run("triage", "-F", config.toString(), "-i", key, "--known-hosts", knownHosts.toString(), "--accept-new",
                    "fresh");
            assertEquals(0, accepted.exit(), accepted.err());
            assertTable(accepted.out(), "fresh");
            assertTrue(Files.readString(knownHosts).contains(sshd.hostPublicKey().split(" ")[1]), "the key was remembered");
        }
    }

    @Test
    void aNameThatCannotBeResolvedFailsThatHostWithExit1(@TempDir Path dir) {
        Run r = run("triage", "--known-hosts", dir.resolve("known_hosts").toString(), "root@127.0.0.1:99999");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("== root@127.0.0.1:99999 (root@127.0.0.1:99999) NOT TRIAGED"), r.out());
        assertTrue(r.out().contains("Could not work out how to connect to 'root@127.0.0.1:99999': "), r.out());
    }

    @Test
    void aHostWhoseProbesAllHangExits1WithTheReason(@TempDir Path dir) throws IOException {
        try (MinaTestServer mina = MinaTestServer.builder().address("127.0.0.11").fault(MinaTestServer.Fault.HANG).start()) {
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, "Host stuck\n  HostName " + mina.address() + "\n  Port " + mina.port() + "\n  User "
                    + mina.user() + "\n  IdentityFile " + mina.userKeyFile() + "\n");
            Run r = run("triage", "-F", config.toString(), "--known-hosts", mina.knownHostsFile().toString(), "--timeout", "3",
                    "stuck");
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.out().startsWith("== stuck (" + mina.user() + "@" + mina.address() + ":" + mina.port()
                    + ") NOT TRIAGED after "), r.out());
            assertTrue(r.out().contains("Connected to stuck, but every probe timed out, so it was not triaged. The w probe"
                    + " says: "), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  w         timed out after ")), r.out());
            assertTrue(r.err().contains("1 of 1 hosts could not be triaged:\n  stuck: Connected to stuck, but every probe"
                    + " timed out"), r.err());

            Run json = run("triage", "--json", "-F", config.toString(), "--known-hosts", mina.knownHostsFile().toString(),
                    "--timeout", "3", "stuck");
            assertEquals(1, json.exit(), json.err());
            assertTrue(json.err().startsWith("stuck: not triaged: Connected to stuck"), json.err());
            assertTrue(json.out().contains("\"kind\" : \"NO_DATA\""), json.out());
            assertTrue(json.out().contains("\"triaged\" : 0"), json.out());
        }
    }

    @Test
    void usageErrorsExitWith2AndSayWhatToDo() {
        Run none = run("triage");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("name at least one host (an alias from ~/.ssh/config or user@host:port), or use"
                + " --local to triage this machine."), none.err());
        assertEquals(2, run("triage", "--local", "web-1").exit());
        Run parallel = run("triage", "--parallel", "0", "web-1");
        assertEquals(2, parallel.exit());
        assertTrue(parallel.err().contains("--parallel takes a whole number of 1 or more, not '0'."), parallel.err());
        assertEquals(2, run("triage", "--timeout", "soon", "web-1").exit());
        assertEquals(2, run("triage", "--frobnicate", "web-1").exit());
        Run missingConfig = run("triage", "-F", "/nonexistent/ssh_config", "web-1");
        assertEquals(2, missingConfig.exit());
        assertTrue(missingConfig.err().contains("does not exist: /nonexistent/ssh_config."), missingConfig.err());
    }

    @Test
    void helpListsEveryOption() {
        Run help = run("triage", "--help");
        assertEquals(0, help.exit());
        List<String> missing = new ArrayList<>();
        for (String option : List.of("--json", "--local", "-F FILE", "-i KEY", "--known-hosts FILE", "--accept-new",
                "--parallel N", "--timeout S", "Exit status")) {
            if (!help.out().contains(option)) {
                missing.add(option);
            }
        }
        assertEquals(List.of(), missing);
    }
}
