package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.probe.Probe;
import org.incidentworkbench.probe.TriageScript;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;

/**
 * The kept shell on a real OpenSSH sshd, as root (whose sessions sshd will not signal: only the end of the shell's
 * input can end it): requests reuse one shell, and closing it, idle or busy, ends every process it started.
 */
class KeptShellTest {

    /** The kept shell's processes under this sshd (its command line is the loader's, short: see TriageScript). */
    private static List<Long> kept(OpenSshTestServer sshd) {
        return ProcessHandle.of(sshd.pid()).map(h -> h.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("iw_p=; while IFS= read -r iw_l"))
                .map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private static List<Long> awaitNone(OpenSshTestServer sshd) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        List<Long> left = kept(sshd);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            left = kept(sshd);
        }
        return left;
    }

    @Test
    void requestsShareOneShellAndClosingItEndsEverything() throws Exception {
        OpenSshTestServer.assumeAvailable();
        String token = "iwkept" + (100_000 + new SecureRandom().nextInt(800_000));
        try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.74").start();
             HostConnection c = new SshTransport(sshd.sshOptions(), UserPrompter.NONE).connect(sshd.hostSpec())) {
            KeptShell kept = new KeptShell();
            TriageScript script = TriageScript.of(List.of(Probe.unparsed("a", "echo " + token + " $$", Duration.ofSeconds(5), 4096, false)));
            for (int i = 0; i < 2; i++) {
                TriageScript run = TriageScript.of(script.probes());
                Optional<ExecResult> r = kept.run(c, run.keptProgram(), run.keptRequest(), run.keptEndLine(), Duration.ofSeconds(20), 1 << 20);
                assertTrue(r.isPresent(), "the shell was kept");
                assertEquals(0, r.get().exitStatus(), r.get()::toString);
                assertTrue(r.get().stdout().contains(token + " "), r.get()::toString);
            }
            assertEquals(1, kept.started());
            assertTrue(!kept(sshd).isEmpty(), "the shell waits for the next request");
            kept.close();
            assertEquals(List.of(), awaitNone(sshd), () -> "the closed shell left processes; sshd log:\n" + sshd.log());
        }
    }
}
