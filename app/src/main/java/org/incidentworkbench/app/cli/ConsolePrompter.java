package org.incidentworkbench.app.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Optional;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * Asks the terminal for key passphrases and passwords ({@link Console#readPassword}, no echo), one
 * question at a time although hosts connect in parallel. Without a terminal (a pipe, cron, CI) it
 * refuses and says once on stderr what to do instead; it never reads secrets from stdin or a file.
 * Unknown host keys are never accepted here: the CLI learns them only with {@code --accept-new}, which
 * the transport applies itself. Answers live in memory only.
 */
final class ConsolePrompter implements UserPrompter {

    private final Console console;
    private final PrintStream err;
    private boolean warned;

    ConsolePrompter(Console console, PrintStream err) {
        this.console = console;
        this.err = err;
    }

    static ConsolePrompter system(PrintStream err) {
        return new ConsolePrompter(System.console(), err);
    }

    @Override
    public synchronized Optional<char[]> passphrase(String keyFile) {
        return ask("Passphrase for key " + keyFile + ": ", "the passphrase of " + keyFile,
                "load the key into ssh-agent (ssh-add " + keyFile + ") or run workbench triage from a terminal");
    }

    @Override
    public synchronized Optional<char[]> password(String target) {
        return ask(target + "'s password: ", "the password of " + target,
                "set up key authentication (ssh-copy-id " + target + ") or run workbench triage from a terminal");
    }

    @Override
    public boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint) {
        return false;
    }

    private Optional<char[]> ask(String prompt, String what, String instead) {
        if (console == null) {
            if (!warned) {
                err.println("workbench triage: cannot ask for " + what + " because there is no terminal; " + instead + ".");
                warned = true;
            }
            return Optional.empty();
        }
        char[] answer = console.readPassword("%s", prompt);
        return answer == null || answer.length == 0 ? Optional.empty() : Optional.of(answer);
    }
}
