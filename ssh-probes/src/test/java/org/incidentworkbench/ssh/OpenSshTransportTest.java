package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SshTransport against a real OpenSSH sshd: the basics every other engineer relies on. */
class OpenSshTransportTest {

    private static OpenSshTestServer sshd;

    @BeforeAll
    static void startServer() {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void runsACommandAndReportsOutputAndExitStatus() throws Exception {
        SshTransport ssh = new SshTransport(sshd.sshOptions(), UserPrompter.NONE);
        try (HostConnection c = ssh.connect(sshd.hostSpec())) {
            ExecResult r = c.exec("echo hello; echo oops >&2; exit 3", Duration.ofSeconds(10), 1 << 20);
            assertEquals("hello\n", r.stdout(), sshd.log());
            assertEquals("oops\n", r.stderr());
            assertEquals(3, r.exitStatus());
            assertFalse(r.timedOut());
            assertFalse(r.truncated());
            assertTrue(c.isOpen());
            assertTrue(c.target().contains(sshd.address()), c.target());
        }
    }
}
