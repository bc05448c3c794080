package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.probe.Probe;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageRunner;
import org.incidentworkbench.probe.TriageScript;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.LocalUser;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;

/**
 * The warm re-triage's kept shell against a real OpenSSH sshd, logged in as an ordinary user made for the test (so
 * every process it owns is the triage's, besides sshd's own session process) whose {@code ~/.bashrc} counts its
 * runs: each exec channel runs the login shell and so the rc file, the kept shell runs it once per session. A hang
 * in one triage ends its shell and everything in it, and the next triage starts a new one; a cancelled triage leaves
 * no process behind.
 */
class WarmRetriageTest {

    private static final String COUNT_RUNS = "echo run >> \"$HOME/rc-runs\"\n";

    private static int rcRuns(LocalUser user) throws Exception {
        Path f = user.home().resolve("rc-runs");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    /** The user's processes but sshd's own (the open session's process runs as the user). */
    private static List<String> leftOver(LocalUser user) {
        return user.processes().stream().filter(p -> !p.substring(p.indexOf(' ') + 1).startsWith("sshd:")).toList();
    }

    private static List<String> awaitNoneLeft(LocalUser user) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        List<String> left = leftOver(user);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            left = leftOver(user);
        }
        return left;
    }

    private static TriageRunner runner(WarmConnections warm, TriageSettings settings) {
        return new TriageRunner(warm, settings, Findings::evaluate);
    }

    @Test
    void aWarmRetriageRunsInTheKeptShellAndAHangEndsItsShellOnly() throws Exception {
        LocalUser.assumeAvailable();
        OpenSshTestServer.assumeAvailable();
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.71").readableByAllUsers().start();
             WarmConnections warm = new WarmConnections(new SshTransport(sshd.sshOptions(), UserPrompter.NONE),
                     WarmConnections.WINDOW_IDLE)) {
            user.writeHomeFile(".bashrc", COUNT_RUNS);
            // a connect timeout under every deadline here: the runner would lower a longer one to the deadline, and
            // the pool keys sessions by the spec, so a shorter deadline would log in anew
            HostSpec host = sshd.hostSpec(user.name()).withConnectTimeout(Duration.ofSeconds(2));
            TriageRunner standard = runner(warm, TriageSettings.standard());
            for (int i = 0; i < 3; i++) {
                TriageReport r = standard.triage(host);
                assertTrue(r.triaged(), () -> r.failure().orElseThrow().message() + "\n" + sshd.log());
                assertTrue(r.results().stream().allMatch(ProbeResult::isParsed), r.results()::toString);
            }
            assertEquals(1, warm.logins());
            assertEquals(1, rcRuns(user), "three triages, one login shell: the kept shell's");

            // a probe that hangs past the host's deadline: its triage times it out and ends the shell with it
            Probe<?> hang = Probe.unparsed("hang", "sleep 3600 & sleep 3600", Duration.ofSeconds(60), 4096, false);
            TriageReport hung = runner(warm, new TriageSettings(List.of(Probes.UPTIME, hang), 1, Duration.ofSeconds(3))).triage(host);
            assertInstanceOf(ProbeResult.Parsed.class, hung.result("uptime").orElseThrow());
            assertInstanceOf(ProbeResult.TimedOut.class, hung.result("hang").orElseThrow());
            assertEquals(2, rcRuns(user), "that triage's own program started a shell of its own");
            assertEquals(List.of(), awaitNoneLeft(user), () -> "the hung triage left processes; sshd log:\n" + sshd.log());

            TriageReport after = standard.triage(host);
            assertTrue(after.triaged(), () -> after.failure().orElseThrow().message());
            assertTrue(after.results().stream().allMatch(ProbeResult::isParsed), after.results()::toString);
            assertEquals(3, rcRuns(user), "the next triage started a new shell");
            assertEquals(1, warm.logins(), "all over one session");
        }
    }

    @Test
    void aCancelledRetriageLeavesNothingAndASecondTriageAtOnceExecsBesideIt() throws Exception {
        LocalUser.assumeAvailable();
        OpenSshTestServer.assumeAvailable();
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.72").readableByAllUsers().start();
             WarmConnections warm = new WarmConnections(new SshTransport(sshd.sshOptions(), UserPrompter.NONE),
                     WarmConnections.WINDOW_IDLE)) {
            user.writeHomeFile(".bashrc", COUNT_RUNS);
            HostSpec host = sshd.hostSpec(user.name()).withConnectTimeout(Duration.ofSeconds(2));
            Probe<?> hang = Probe.unparsed("hang", "sleep 3600", Duration.ofSeconds(60), 4096, false);
            TriageScript script = TriageScript.of(List.of(hang));
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread triage = new Thread(() -> {
                try (HostConnection c = warm.connect(host)) {
                    c.execKept(script.keptProgram(), script.keptRequest(), script.keptEndLine(), Duration.ofSeconds(60),
                            script.outputCap());
                } catch (Throwable t) {
                    ended.set(t);
                }
            }, "kept-shell-cancel");
            triage.start();
            long deadline = System.currentTimeMillis() + 15_000;
            while (leftOver(user).stream().noneMatch(p -> p.endsWith("sleep 3600")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(leftOver(user).stream().anyMatch(p -> p.endsWith("sleep 3600")), () -> "the probe never started: " + user.processes());

            // while the shell is busy, another triage of the host runs on an exec channel of its own
            TriageReport beside = runner(warm, new TriageSettings(List.of(Probes.UPTIME), 1, Duration.ofSeconds(20))).triage(host);
            assertTrue(beside.triaged(), () -> beside.failure().orElseThrow().message());
            assertEquals(2, rcRuns(user), "the kept shell's login shell and the exec channel's");

            triage.interrupt(); // the window's cancel
            triage.join(10_000);
            assertInstanceOf(java.io.InterruptedIOException.class, ended.get());
            assertEquals(List.of(), awaitNoneLeft(user), () -> "the cancelled triage left processes; sshd log:\n" + sshd.log());
            assertEquals(1, warm.logins());
        }
    }

    @Test
    void aLoginScriptThatPrintsKeepsNoShellAndTriagesAsBefore() throws Exception {
        LocalUser.assumeAvailable();
        OpenSshTestServer.assumeAvailable();
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.73").readableByAllUsers().start();
             WarmConnections warm = new WarmConnections(new SshTransport(sshd.sshOptions(), UserPrompter.NONE),
                     WarmConnections.WINDOW_IDLE)) {
            user.writeHomeFile(".bashrc", COUNT_RUNS + "echo 'Welcome to the build farm'\n");
            HostSpec host = sshd.hostSpec(user.name()).withConnectTimeout(Duration.ofSeconds(2));
            TriageRunner uptime = runner(warm, new TriageSettings(List.of(Probes.UPTIME, Probes.DF), 1, Duration.ofSeconds(20)));
            for (int i = 0; i < 2; i++) {
                TriageReport r = uptime.triage(host);
                assertTrue(r.triaged(), () -> r.failure().orElseThrow().message());
                assertTrue(r.results().stream().allMatch(ProbeResult::isParsed), r.results()::toString);
            }
            // the first triage tried the shell once (refused: it printed), then each triage execs as before
            assertEquals(3, rcRuns(user));
            assertEquals(List.of(), awaitNoneLeft(user), () -> "processes left; sshd log:\n" + sshd.log());
        }
    }

    @Test
    void onAServerWithRoomForOneChannelTheIdleShellGivesItsChannelToTheSampler() throws Exception {
        OpenSshTestServer.assumeAvailable();
        try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.76").config("MaxSessions 1").start();
             WarmConnections warm = new WarmConnections(new SshTransport(sshd.sshOptions(), UserPrompter.NONE),
                     WarmConnections.WINDOW_IDLE)) {
            HostSpec host = sshd.hostSpec().withConnectTimeout(Duration.ofSeconds(2));
            TriageReport r = runner(warm, new TriageSettings(List.of(Probes.UPTIME), 1, Duration.ofSeconds(20))).triage(host);
            assertTrue(r.triaged(), () -> r.failure().orElseThrow().message());
            assertEquals(1, warm.keptShellsStarted(), "the triage kept its shell, which holds the one channel");
            try (HostConnection c = warm.connect(host);
                 org.incidentworkbench.ssh.RemoteProcess stream = c.start("echo streamed; sleep 30")) {
                byte[] line = new byte[9];
                assertEquals(9, stream.stdout().readNBytes(line, 0, 9));
                assertEquals("streamed\n", new String(line, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertEquals(1, warm.logins(), "the same session, not a new login");
        }
    }
}
