package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.Transport;
import org.junit.jupiter.api.Test;

/** The runner on this machine: every probe, iostat beside the script, deadlines, the listener. */
class TriageRunnerTest {

    @Test
    void triagesThisMachineWithEveryProbe() {
        List<TriageReport> seen = Collections.synchronizedList(new ArrayList<>());
        Finding marker = new Finding(Severity.INFO, "test.rule", "uptime", "seen", Probes.STANDARD.size() + " results", "none");
        TriageRunner runner = new TriageRunner(new LocalTransport(), TriageSettings.standard(),
                report -> report.results().size() == Probes.STANDARD.size() ? List.of(marker) : List.of());
        long start = System.nanoTime();
        TriageReport report = runner.run(List.of(LocalTransport.HOST), seen::add).get(0);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(report.triaged());
        assertEquals(List.of(report), seen);
        assertEquals(List.of("w", "uptime", "ps", "ip", "df", "top", "iostat", "ss", "logs", "kernel", "systemd"),
                report.results().stream().map(ProbeResult::probe).toList());
        for (ProbeResult r : report.results()) {
            assertFalse(r instanceof ProbeResult.CommandFailed || r instanceof ProbeResult.TimedOut, r.toString());
            assertFalse(r.raw().isBlank(), r.probe() + " printed nothing");
        }
        assertEquals(List.of(marker), report.findings());
        // iostat's one-second sample runs beside the other probes, not after them
        assertTrue(wall.compareTo(Duration.ofSeconds(1).plus(report.result("top").orElseThrow().duration())
                .plus(report.result("ps").orElseThrow().duration()).plusSeconds(3)) < 0, "took " + wall);
    }

    @Test
    void aHostWhoseConnectNeverReturnsIsGivenUpAtItsDeadlineWithoutHoldingTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LocalTransport local = new LocalTransport();
        // a transport that ignores its own connect timeout for one host: the runner's watchdog must end it
        Transport stuckForOneHost = host -> {
            if (host.alias().equals("stuck")) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new HostConnectException(new HostFailure(HostFailure.Kind.CANCELLED, "released", ""), null);
            }
            return local.connect(host);
        };
        List<Probe<?>> quick = List.of(Probes.UPTIME, Probes.DF);
        TriageSettings settings = new TriageSettings(quick, 4, Duration.ofSeconds(2));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        HostSpec stuck = HostSpec.of("stuck", Optional.empty(), "192.0.2.1", 22);
        HostSpec fine = HostSpec.of("fine", Optional.empty(), "localhost", 22);
        try {
            long start = System.nanoTime();
            List<TriageReport> reports = new TriageRunner(stuckForOneHost, settings, r -> List.of())
                    .run(List.of(stuck, fine), r -> order.add(r.host()));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(List.of("fine", "stuck"), order, "the healthy host is reported first");
            assertTrue(reports.get(1).triaged());
            HostFailure failure = reports.get(0).failure().orElseThrow();
            assertEquals(HostFailure.Kind.CONNECT_TIMEOUT, failure.kind());
            assertEquals("Could not connect to stuck (192.0.2.1) within 2 s; check that the host is up and that sshd"
                    + " answers on port 22.", failure.message());
            assertTrue(wall.compareTo(Duration.ofSeconds(10)) < 0, "took " + wall);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aProbeThatOutlivesTheHostDeadlineIsReportedAsTimedOut() {
        Probe<?> slow = Probe.unparsed("slow", "sleep 30", Duration.ofSeconds(20), 4096, false);
        TriageSettings settings = new TriageSettings(List.of(Probes.UPTIME, slow), 1, Duration.ofSeconds(2));
        TriageReport report = new TriageRunner(new LocalTransport(), settings, r -> List.of()).triage(LocalTransport.HOST);
        assertTrue(report.triaged());
        assertFalse(report.result("uptime").orElseThrow() instanceof ProbeResult.TimedOut);
        assertInstanceOf(ProbeResult.TimedOut.class, report.result("slow").orElseThrow(), () -> report.result("slow").toString());
        assertTrue(report.duration().compareTo(Duration.ofSeconds(5)) < 0, "took " + report.duration());
    }

    @Test
    void withHostDeadlineLowersEveryProbeTimeoutToFit() {
        TriageSettings s = TriageSettings.standard().withHostDeadline(Duration.ofSeconds(3));
        assertTrue(s.probes().stream().allMatch(p -> p.timeout().equals(Duration.ofSeconds(3))));
    }
}
