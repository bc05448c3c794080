package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probes through a real OpenSSH sshd (its login shell, its MaxSessions, its channel handling). */
class TriageOpenSshTest {

    private static OpenSshTestServer sshd;

    @BeforeAll
    static void start() {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.31").start();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static TriageRunner runner(TriageSettings settings) {
        return new TriageRunner(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), settings, Findings::evaluate);
    }

    @Test
    void allNineProbesParseThroughOpenSsh() {
        TriageReport report = runner(TriageSettings.standard()).triage(sshd.hostSpec());
        assertTrue(report.triaged(), () -> report.failure().toString());
        assertEquals(List.of("w", "uptime", "ps", "ip", "df", "top", "iostat", "ss", "logs", "kernel", "systemd"),
                report.results().stream().map(ProbeResult::probe).toList());
        for (ProbeResult r : report.results()) {
            assertInstanceOf(ProbeResult.Parsed.class, r, () -> r.probe() + ": " + r.error().orElse("") + "\n" + r.raw());
            assertEquals(0, r.exitStatus(), r.probe());
        }
        UptimeReport uptime = report.get(Probes.UPTIME).orElseThrow();
        assertEquals(Runtime.getRuntime().availableProcessors(), uptime.cpuCores().orElseThrow());
        DfReport df = report.get(Probes.DF).orElseThrow();
        assertTrue(df.mount("/").isPresent(), "df lists /");
        assertEquals(Findings.evaluate(report), report.findings());
    }

    @Test
    void aHangingProbeTimesOutAloneAndTheOthersParse() {
        Probe<?> hang = Probe.unparsed("hang", "echo waiting; sleep 60", Duration.ofSeconds(1), 4096, false);
        TriageSettings settings = TriageSettings.standard()
                .withProbes(List.of(Probes.UPTIME, hang, Probes.DF, Probes.IOSTAT));
        long start = System.nanoTime();
        TriageReport report = runner(settings).triage(sshd.hostSpec());
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        ProbeResult.TimedOut timedOut = assertInstanceOf(ProbeResult.TimedOut.class, report.result("hang").orElseThrow());
        assertEquals("waiting\n", timedOut.raw());
        assertEquals(Duration.ofSeconds(1), timedOut.limit());
        assertInstanceOf(ProbeResult.Parsed.class, report.result("uptime").orElseThrow());
        assertInstanceOf(ProbeResult.Parsed.class, report.result("df").orElseThrow());
        assertInstanceOf(ProbeResult.Parsed.class, report.result("iostat").orElseThrow());
        assertTrue(wall.compareTo(Duration.ofSeconds(8)) < 0, "took " + wall);
    }
}
