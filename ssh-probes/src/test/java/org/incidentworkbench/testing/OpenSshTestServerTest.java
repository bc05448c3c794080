package org.incidentworkbench.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The rule for a missing sshd: skip with what to install, or fail when CI says sshd is required. */
class OpenSshTestServerTest {

    private static final Path MISSING = Path.of("/nonexistent/sshd");

    @Test
    void aMissingSshdSkipsWithWhatToInstall() {
        String saved = System.clearProperty("workbench.requireSshd");
        try {
            TestAbortedException e = assertThrows(TestAbortedException.class,
                    () -> OpenSshTestServer.assumeAvailable(MISSING, OpenSshTestServer.SSH_KEYGEN));
            assertTrue(e.getMessage().contains("apt-get install openssh-server"), e.getMessage());
        } finally {
            restore(saved);
        }
    }

    @Test
    void aMissingSshdFailsWhenRequired() {
        String saved = System.setProperty("workbench.requireSshd", "true");
        try {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> OpenSshTestServer.assumeAvailable(MISSING, OpenSshTestServer.SSH_KEYGEN));
            assertTrue(e.getMessage().contains("workbench.requireSshd=true"), e.getMessage());
        } finally {
            restore(saved);
        }
    }

    private static void restore(String saved) {
        if (saved == null) {
            System.clearProperty("workbench.requireSshd");
        } else {
            System.setProperty("workbench.requireSshd", saved);
        }
    }
}
