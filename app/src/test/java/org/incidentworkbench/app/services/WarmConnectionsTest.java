package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Warm sessions against a real OpenSSH sshd: a second triage of the same host logs in no more (the sshd's own log
 * counts the logins), an unused session closes after the idle time, a held one does not, and a session the server
 * ended is replaced by a new login.
 */
class WarmConnectionsTest {

    private static OpenSshTestServer sshd;

    @BeforeAll
    static void start() {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.1").start();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshTransport ssh() {
        return new SshTransport(sshd.sshOptions().withIdentityFiles(List.of(sshd.userKeyFile())), UserPrompter.NONE);
    }

    /** Logins the sshd accepted so far, from its log. */
    private static int acceptedLogins() {
        Matcher m = Pattern.compile("Accepted publickey for").matcher(sshd.log());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void waitFor(double seconds, String what, java.util.function.BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!ok.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aSecondTriageReusesTheSessionAndAnUnusedOneClosesAfterTheIdleTime() throws Exception {
        HostSpec host = sshd.hostSpec();
        try (WarmConnections warm = new WarmConnections(ssh(), Duration.ofMillis(1500))) {
            TriageService triage = new TriageService(warm, name -> host, TriageSettings.standard(), StandardFindings.RULES, Optional.empty());
            int before = acceptedLogins();
            TriageReport first = triage.triage(host);
            assertTrue(first.triaged(), first.failure().map(f -> f.message()).orElse("") + "\n" + sshd.log());
            TriageReport second = triage.triage(host);
            assertTrue(second.triaged(), second.failure().map(f -> f.message()).orElse(""));
            assertEquals(1, warm.logins(), "one login for two triages");
            waitFor(5, "the sshd's log of the login", () -> acceptedLogins() >= before + 1);
            assertEquals(before + 1, acceptedLogins(), "the sshd saw one login:\n" + sshd.log());
            assertEquals(1, warm.open());

            waitFor(15, "the unused session closed after 1.5 s", () -> warm.open() == 0);
            triage.triage(host);
            assertEquals(2, warm.logins(), "after the idle close, the next triage logs in again");
        }
    }

    @Test
    void aHeldHostStaysOpenAndABrokenSessionIsReplaced() throws Exception {
        HostSpec host = sshd.hostSpec();
        try (WarmConnections warm = new WarmConnections(ssh(), Duration.ofMillis(200))) {
            warm.hold(Set.of(host.alias()));
            HostConnection lent;
            try (HostConnection c = warm.connect(host)) {
                assertEquals(0, c.exec("true", Duration.ofSeconds(10), 1024).exitStatus());
                lent = c;
            }
            assertFalse(lent.isOpen(), "what was given back is not usable by its old holder");
            Thread.sleep(800); // four idle times: a held host's session must still be there
            warm.sweep();
            assertEquals(1, warm.open(), "the held (selected) host keeps its session");
            try (HostConnection again = warm.connect(host)) {
                assertEquals(1, warm.logins());
                // the server side ends this session, as a restarted sshd or a dropped network would
                try {
                    again.exec("kill -HUP $PPID", Duration.ofSeconds(5), 1024);
                } catch (java.io.IOException gone) {
                    // the session may end before the channel does
                }
            }
            waitFor(10, "the ended session dropped", () -> {
                warm.sweep();
                return warm.open() == 0;
            });
            warm.hold(Set.of());
            try (HostConnection fresh = warm.connect(host)) {
                assertEquals(0, fresh.exec("true", Duration.ofSeconds(10), 1024).exitStatus());
            }
            assertEquals(2, warm.logins(), "a new login replaced the broken session");
        }
    }
}
