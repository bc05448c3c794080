package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without a terminal the CLI refuses to ask for secrets and says once what to do instead. */
class ConsolePrompterTest {

    @Test
    void withoutATerminalEverySecretIsRefusedWithOneClearSentence() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsolePrompter prompter = new ConsolePrompter(Optional.empty(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(prompter.passphrase("/home/me/.ssh/id_ed25519").isEmpty());
        assertTrue(prompter.password("root@web-1").isEmpty());
        assertFalse(prompter.acceptUnknownHostKey("web-1", "ssh-ed25519", "SHA256:abc"));
        assertEquals("workbench triage: cannot ask for the passphrase of /home/me/.ssh/id_ed25519 because there is no"
                + " terminal; load the key into ssh-agent (ssh-add /home/me/.ssh/id_ed25519) or run workbench triage from a"
                + " terminal.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aReaderIsAskedOneQuestionAtATimeAndAnEmptyAnswerIsNoAnswer() {
        java.util.List<String> prompts = new java.util.ArrayList<>();
        ConsolePrompter answering = new ConsolePrompter(Optional.of(p -> {
            prompts.add(p);
            return Optional.of("secret".toCharArray());
        }), System.err);
        assertEquals("secret", new String(answering.passphrase("/k").orElseThrow()));
        assertEquals(java.util.List.of("Passphrase for key /k: "), prompts);
        ConsolePrompter blank = new ConsolePrompter(Optional.of(p -> Optional.of(new char[0])), System.err);
        assertTrue(blank.password("root@web-1").isEmpty());
    }

    @Test
    void withoutAControllingTerminalTheTtyReaderIsAbsent() {
        // the test JVM has no controlling terminal under Maven/CI; on a developer's terminal this is skipped
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null && !canOpenTty());
        assertTrue(TtySecretReader.open().isEmpty());
    }

    private static boolean canOpenTty() {
        try (java.io.FileInputStream in = new java.io.FileInputStream("/dev/tty")) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
