package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.incidentworkbench.testing.ScriptedPrompter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real sshd whose key is not in known_hosts yet, and a person who takes 4 s to answer the question:
 * the question names the host's alias beside {@code [address]:port}, the triage's duration leaves the
 * answer's time out, and the per-host deadline (shorter than the answer here) does not give up on a
 * host whose user is still reading the fingerprint.
 */
class TriagePromptWaitTest {

    private static final Duration THINKING = Duration.ofSeconds(4);
    private static OpenSshTestServer sshd;

    @BeforeAll
    static void start() {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.33").start();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void theTimeAPersonTakesToAnswerIsNotTheHosts() throws Exception {
        Path knownHosts = Files.createTempFile("known_hosts", "");
        try {
            ScriptedPrompter person = ScriptedPrompter.refusing().acceptingHostKeys().thinkingFor(THINKING);
            SshTransport ssh = new SshTransport(sshd.sshOptions().withKnownHostsFile(knownHosts), person);
            TriageSettings settings = TriageSettings.standard().withProbes(List.of(Probes.UPTIME, Probes.DF))
                    .withHostDeadline(Duration.ofSeconds(3));
            long start = System.nanoTime();
            TriageReport report = new TriageRunner(ssh, settings, Findings::evaluate).triage(sshd.hostSpec().withAlias("lab-a"));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(report.triaged(), () -> "not triaged: " + report.failure());
            assertEquals(List.of("lab-a"), person.hostKeyAliases(), "the question names the alias");
            assertTrue(person.questions().get(0).startsWith("hostkey:[127.0.0.33]:" + sshd.port() + " "), person.questions().toString());
            assertTrue(wall.compareTo(THINKING) >= 0, "the person did take " + THINKING + ": " + wall);
            assertTrue(report.duration().compareTo(wall.minus(THINKING).plusMillis(500)) < 0,
                    "the duration " + report.duration() + " leaves out the " + THINKING + " of thinking (wall " + wall + ")");
        } finally {
            Files.deleteIfExists(knownHosts);
        }
    }
}
