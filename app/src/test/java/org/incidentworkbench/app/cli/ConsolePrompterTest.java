package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without a terminal the CLI refuses to ask for secrets and says once what to do instead. */
class ConsolePrompterTest {

    @Test
    void withoutATerminalEverySecretIsRefusedWithOneClearSentence() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsolePrompter prompter = new ConsolePrompter(null, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(prompter.passphrase("/home/me/.ssh/id_ed25519").isEmpty());
        assertTrue(prompter.password("root@web-1").isEmpty());
        assertFalse(prompter.acceptUnknownHostKey("web-1", "ssh-ed25519", "SHA256:abc"));
        assertEquals("workbench triage: cannot ask for the passphrase of /home/me/.ssh/id_ed25519 because there is no"
                + " terminal; load the key into ssh-agent (ssh-add /home/me/.ssh/id_ed25519) or run workbench triage from a"
                + " terminal.\n", err.toString(StandardCharsets.UTF_8));
    }
}
