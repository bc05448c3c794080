package org.incidentworkbench.app.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Optional;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * Asks the terminal for key passphrases and passwords, with echo off, one question at a time although
 * hosts connect in parallel: through {@link Console#readPassword} when stdin and stdout are the terminal,
 * else straight through {@code /dev/tty} (so {@code workbench triage --json web-1 > report.json} can still
 * ask), with {@code stty -echo} and no answer read unless echo could be turned off. Without a terminal
 * (cron, CI) it refuses and says once on stderr what to do instead; it never reads secrets from stdin or
 * a file. Unknown host keys are never accepted here: the CLI learns them only with {@code --accept-new},
 * which the transport applies itself. Answers live in memory only.
 */
final class ConsolePrompter implements UserPrompter {

    /** Reads one secret after showing a prompt; empty when it cannot. */
    @FunctionalInterface
    interface SecretReader {
        Optional<char[]> read(String prompt);
    }

    private final Optional<SecretReader> reader;
    private final PrintStream err;
    private boolean warned;

    ConsolePrompter(Optional<SecretReader> reader, PrintStream err) {
        this.reader = reader;
        this.err = err;
    }

    static ConsolePrompter system(PrintStream err) {
        Console console = System.console();
        if (console != null) {
            return new ConsolePrompter(Optional.of(prompt -> Optional.ofNullable(console.readPassword("%s", prompt))), err);
        }
        return new ConsolePrompter(TtySecretReader.open(), err);
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
        if (reader.isEmpty()) {
            if (!warned) {
                err.println("workbench triage: cannot ask for " + what + " because there is no terminal; " + instead + ".");
                warned = true;
            }
            return Optional.empty();
        }
        Optional<char[]> answer = reader.get().read(prompt);
        return answer.filter(a -> a.length > 0);
    }
}
