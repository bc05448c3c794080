package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.MinaTestServer;
import org.incidentworkbench.testing.MinaTestServer.Auth;
import org.incidentworkbench.testing.MinaTestServer.Fault;
import org.incidentworkbench.testing.ScriptedPrompter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triage-level faults: each test triages a misbehaving MINA server together with a healthy one in the
 * same run, and checks both the sentence the user reads about the bad host and that the healthy host's
 * nine probes came through intact.
 */
class TriageFaultTest {

    private static MinaTestServer healthy;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHealthy() {
        healthy = MinaTestServer.builder().address("127.0.0.21").start();
    }

    @AfterAll
    static void stopHealthy() {
        healthy.close();
    }

    /** Both servers in one run, with one known_hosts holding both host keys. */
    private List<TriageReport> triageWithHealthy(MinaTestServer bad, HostSpec badSpec, UserPrompter prompter,
                                                 Duration deadline) throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, Files.readString(healthy.knownHostsFile()) + Files.readString(bad.knownHostsFile()));
        SshOptions options = SshOptions.defaults().withKnownHostsFile(knownHosts).withoutAgent();
        TriageSettings settings = TriageSettings.standard().withHostDeadline(deadline);
        TriageRunner runner = new TriageRunner(new SshTransport(options, prompter), settings, Findings::evaluate);
        return runner.run(List.of(badSpec, healthy.hostSpec()), TriageListener.NONE);
    }

    private List<TriageReport> triageWithHealthy(MinaTestServer bad) throws IOException {
        return triageWithHealthy(bad, bad.hostSpec(), UserPrompter.NONE, Duration.ofSeconds(20));
    }

    private static void assertIntact(TriageReport report) {
        assertTrue(report.triaged(), () -> "healthy host failed: " + report.failure());
        assertEquals(Probes.STANDARD.size(), report.results().size());
        for (ProbeResult r : report.results()) {
            assertTrue(r instanceof ProbeResult.Parsed, () -> "healthy host's " + r.probe() + " was " + r);
        }
    }

    private static HostFailure failure(TriageReport report) {
        return report.failure().orElseThrow(() -> new AssertionError("expected a failure, got " + report.results()));
    }

    @Test
    void wrongKeyFailsThatHostOnly() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.22").auth(Auth.WRONG_KEY).start()) {
            List<TriageReport> reports = triageWithHealthy(bad);
            HostFailure f = failure(reports.get(0));
            assertEquals(HostFailure.Kind.AUTH_FAILED, f.kind());
            assertTrue(f.message().contains(bad.hostSpec().target()), f.message());
            assertTrue(f.message().contains("authorized_keys") || f.message().contains("key"), f.message());
            assertIntact(reports.get(1));
        }
    }

    @Test
    void passwordIsAskedThroughThePrompterAndARefusalFailsThatHostOnly() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.23").auth(Auth.PASSWORD_ONLY).start()) {
            ScriptedPrompter refusing = ScriptedPrompter.refusing();
            List<TriageReport> reports = triageWithHealthy(bad, bad.hostSpec(), refusing, Duration.ofSeconds(20));
            assertEquals(HostFailure.Kind.AUTH_FAILED, failure(reports.get(0)).kind());
            assertTrue(refusing.questions().stream().anyMatch(q -> q.startsWith("password:")), refusing.questions().toString());
            assertIntact(reports.get(1));

            ScriptedPrompter answering = ScriptedPrompter.refusing().withPassword(MinaTestServer.PASSWORD);
            List<TriageReport> again = triageWithHealthy(bad, bad.hostSpec(), answering, Duration.ofSeconds(20));
            assertIntact(again.get(0));
            assertIntact(again.get(1));
        }
    }

    @Test
    void aChangedHostKeyIsRefusedWithTheManInTheMiddleWarning() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.24").start()) {
            bad.changeHostKey();
            List<TriageReport> reports = triageWithHealthy(bad);
            HostFailure f = failure(reports.get(0));
            assertEquals(HostFailure.Kind.HOST_KEY_CHANGED, f.kind());
            assertTrue(f.message().toLowerCase().contains("man-in-the-middle"), f.message());
            assertIntact(reports.get(1));
        }
    }

    @Test
    void aServerWhoseCommandsHangTimesOutEveryProbeWithinTheDeadline() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.25").fault(Fault.HANG).start()) {
            long start = System.nanoTime();
            List<TriageReport> reports = triageWithHealthy(bad, bad.hostSpec(), UserPrompter.NONE, Duration.ofSeconds(4));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            TriageReport hung = reports.get(0);
            HostFailure f = failure(hung);
            assertEquals(HostFailure.Kind.NO_DATA, f.kind(), "the host answered SSH, but its probes all timed out");
            assertTrue(f.message().startsWith("Connected to " + bad.hostSpec().alias() + ", but every probe timed out, so it"
                    + " was not triaged. The w probe says: The w probe did not finish"), f.message());
            for (ProbeResult r : hung.results()) {
                ProbeResult.TimedOut t = assertInstanceOf(ProbeResult.TimedOut.class, r);
                assertEquals(Optional.of("The " + r.probe() + " probe did not finish within its limit of " + t.limit().toMillis()
                        + " ms; what it printed before is kept."), r.error());
            }
            assertTrue(wall.compareTo(Duration.ofSeconds(4).plus(TriageRunner.WATCHDOG_GRACE).plusSeconds(2)) < 0, "took " + wall);
            assertIntact(reports.get(1));
        }
    }

    @Test
    void aChannelClosedMidOutputIsReportedPerProbe() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.26").fault(Fault.DROP_MID_OUTPUT).start()) {
            List<TriageReport> reports = triageWithHealthy(bad);
            String host = bad.hostSpec().alias();
            for (ProbeResult r : reports.get(0).results()) {
                ProbeResult.CommandFailed f = assertInstanceOf(ProbeResult.CommandFailed.class, r);
                assertEquals("The triage script did not run as expected on " + host + ": it printed "
                        + MinaTestServer.DROP_AFTER_BYTES + " characters starting '" + "x".repeat(60) + "' and none of the"
                        + " probes' markers (the channel closed without an exit status). A ForceCommand, a restricted or"
                        + " non-POSIX login shell, or a missing /bin/sh on " + host + " does this; try 'ssh " + host
                        + " uptime' to see what the account runs.", f.message());
            }
            assertEquals(HostFailure.Kind.NO_DATA, failure(reports.get(0)).kind());
            assertIntact(reports.get(1));
        }
    }

    @Test
    void a100MegabyteReplyIsCutAndSaidSo() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.27").fault(Fault.HUGE_OUTPUT).start()) {
            List<TriageReport> reports = triageWithHealthy(bad);
            String host = bad.hostSpec().alias();
            for (ProbeResult r : reports.get(0).results()) {
                ProbeResult.CommandFailed f = assertInstanceOf(ProbeResult.CommandFailed.class, r);
                assertTrue(f.message().startsWith(host + " sent more output than the triage allows (the channel was cut)"),
                        f.message());
            }
            assertEquals(HostFailure.Kind.NO_DATA, failure(reports.get(0)).kind());
            assertIntact(reports.get(1));
        }
    }

    @Test
    void binaryGarbageIsReportedWithoutCrashingAnything() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.28").fault(Fault.BINARY_GARBAGE).start()) {
            List<TriageReport> reports = triageWithHealthy(bad);
            for (ProbeResult r : reports.get(0).results()) {
                ProbeResult.CommandFailed f = assertInstanceOf(ProbeResult.CommandFailed.class, r);
                assertTrue(f.message().startsWith("The triage script did not run as expected on " + bad.hostSpec().alias()
                        + ": it printed "), f.message());
                assertTrue(f.message().contains("(exit status 0)"), f.message());
            }
            assertEquals(HostFailure.Kind.NO_DATA, failure(reports.get(0)).kind());
            assertIntact(reports.get(1));
        }
    }

    @Test
    void missingIostatNamesSysstatAndParsesTheProcFallback() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.29").missingCommands("iostat").start()) {
            List<TriageReport> reports = triageWithHealthy(bad);
            assertIntact(reports.get(0));
            ProbeResult.Parsed iostat = assertInstanceOf(ProbeResult.Parsed.class, reports.get(0).result("iostat").orElseThrow());
            assertEquals(List.of("iostat is not installed (package sysstat); read /proc/diskstats 1, /proc/diskstats 2 instead"),
                    iostat.notes());
            assertTrue(iostat.raw().contains("#### iw-section: /proc/diskstats 2"));
            assertIntact(reports.get(1));
        }
    }

    @Test
    void aHostThatAcceptsTcpAndNeverSpeaksTimesOutAlone() throws IOException {
        try (MinaTestServer bad = MinaTestServer.builder().address("127.0.0.30").fault(Fault.SILENT_AFTER_ACCEPT).start()) {
            HostSpec spec = bad.hostSpec();
            HostSpec quick = new HostSpec(spec.alias(), spec.user(), spec.hostname(), spec.port(), spec.identityFiles(),
                    spec.jumps(), Duration.ofSeconds(2), spec.serverAliveInterval());
            long start = System.nanoTime();
            List<TriageReport> reports = triageWithHealthy(bad, quick, UserPrompter.NONE, Duration.ofSeconds(20));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            HostFailure f = failure(reports.get(0));
            assertEquals(HostFailure.Kind.CONNECT_TIMEOUT, f.kind());
            assertTrue(f.message().contains(spec.target()), f.message());
            assertTrue(wall.compareTo(Duration.ofSeconds(10)) < 0, "took " + wall);
            assertIntact(reports.get(1));
        }
    }
}
