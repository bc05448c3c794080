package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.LocalUser;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;

/**
 * Leave nothing behind (issue 12 item 4): every remote process a triage starts ends when the triage
 * ends, on a real sshd, logged in as an ordinary user made for the test (so every process it owns is the
 * triage's): a login that hangs in a ForceCommand, in ~/.ssh/rc or in ~/.bashrc, and a probe that hangs
 * past the host's deadline. Each ends as NO_DATA (or with the hung probe timed out) and, within a few
 * seconds of the run's end, the user owns no process on this machine.
 */
class TriageLeavesNothingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(4);

    private static TriageReport triage(OpenSshTestServer sshd, HostSpec spec, TriageSettings settings) {
        TriageRunner runner = new TriageRunner(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), settings,
                Findings::evaluate);
        return runner.triage(spec);
    }

    private static void assertNothingLeft(LocalUser user, OpenSshTestServer sshd) {
        List<String> left = user.awaitNoProcesses(5000);
        assertEquals(List.of(), left, () -> "processes of " + user.name() + " survived the triage; sshd log:\n" + sshd.log());
    }

    private static void assertHungLoginIsNoData(LocalUser user, OpenSshTestServer sshd) {
        long start = System.nanoTime();
        TriageReport report = triage(sshd, sshd.hostSpec(user.name()), TriageSettings.standard().withHostDeadline(DEADLINE));
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        HostFailure f = report.failure().orElseThrow(() -> new AssertionError("a hung login was triaged: " + report));
        assertEquals(HostFailure.Kind.NO_DATA, f.kind(), f.message());
        assertEquals(Probes.STANDARD.size(), report.results().size(), "the results stay for their raw text");
        assertTrue(wall.compareTo(DEADLINE.plus(TriageRunner.WATCHDOG_GRACE).plusSeconds(2)) < 0, "took " + wall);
        assertNothingLeft(user, sshd);
    }

    /**
     * A ForceCommand that hangs is NO_DATA within the deadline, but its own command outlives the triage:
     * sshd refuses signals to forced-command sessions ("refusing to send signal TERM to forced-command
     * session") and our script never runs there, so no client can end it short of a pseudo-terminal's
     * hang-up (which would merge the probes' stderr into their output). This test pins that limit: the
     * only survivor is the ForceCommand itself, never a process of the triage's own script.
     */
    @Test
    void aForceCommandThatSleepsIsNoDataAndOnlyItsOwnCommandOutlivesTheTriage() throws InterruptedException {
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.61").readableByAllUsers()
                     .config("ForceCommand sleep 3600").start()) {
            TriageReport report = triage(sshd, sshd.hostSpec(user.name()), TriageSettings.standard().withHostDeadline(DEADLINE));
            assertEquals(HostFailure.Kind.NO_DATA, report.failure().orElseThrow().kind());
            long deadline = System.currentTimeMillis() + 5000;
            List<String> left = user.processes();
            while (!left.stream().allMatch(p -> p.endsWith(" sleep 3600")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                left = user.processes();
            }
            assertEquals(List.of("sleep 3600"), left.stream().map(p -> p.substring(p.indexOf(' ') + 1)).toList(),
                    () -> "sshd log:\n" + sshd.log());
            assertTrue(sshd.log().contains("refusing to send signal TERM to forced-command session"), sshd.log());
        }
    }

    @Test
    void anSshRcThatSleepsIsNoDataAndIsEnded() {
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.62").readableByAllUsers().start()) {
            user.writeHomeFile(".ssh/rc", "sleep 3600\n");
            assertHungLoginIsNoData(user, sshd);
        }
    }

    @Test
    void aBashrcThatSleepsIsNoDataAndIsEnded() {
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.63").readableByAllUsers().start()) {
            user.writeHomeFile(".bashrc", "sleep 3600\n");
            assertHungLoginIsNoData(user, sshd);
        }
    }

    @Test
    void aProbeThatHangsPastTheDeadlineIsEndedWithEverythingItStarted() {
        try (LocalUser user = LocalUser.create();
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.64").readableByAllUsers().start()) {
            // a probe whose own timeout is far beyond the host's deadline, with a grandchild in the background
            Probe<?> hang = Probe.unparsed("hang", "sleep 3600 & sleep 3600", Duration.ofSeconds(60), 4096, false);
            TriageSettings settings = new TriageSettings(List.of(Probes.UPTIME, hang), 1, DEADLINE);
            TriageReport report = triage(sshd, sshd.hostSpec(user.name()), settings);
            assertTrue(report.triaged(), () -> report.failure().toString());
            assertInstanceOf(ProbeResult.Parsed.class, report.result("uptime").orElseThrow());
            assertInstanceOf(ProbeResult.TimedOut.class, report.result("hang").orElseThrow());
            assertNothingLeft(user, sshd);
        }
    }

    @Test
    void asRootAHungProbeIsEndedByTheScriptsWatchdogAlone() throws Exception {
        // OpenSSH refuses signals for root logins: only the watchdog in the script can end the probe
        try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.65").start()) {
            long unique = 100_000 + new SecureRandom().nextInt(800_000);
            Probe<?> hang = Probe.unparsed("hang", "sleep " + unique + " & sleep " + unique, Duration.ofSeconds(60), 4096, false);
            TriageReport report = triage(sshd, sshd.hostSpec(), new TriageSettings(List.of(Probes.UPTIME, hang), 1, DEADLINE));
            assertInstanceOf(ProbeResult.TimedOut.class, report.result("hang").orElseThrow());
            long deadline = System.currentTimeMillis() + 5000;
            List<Long> left = sleeping(unique);
            while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                left = sleeping(unique);
            }
            assertEquals(List.of(), left, "sleep " + unique + " survived the triage");
        }
    }

    private static List<Long> sleeping(long unique) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("/usr/bin/sleep " + unique)
                || p.info().arguments().map(a -> List.of(a).equals(List.of(String.valueOf(unique)))).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
