package org.incidentworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.ssh.SshOptions;

/**
 * The SSH options that {@code workbench triage} and {@code workbench sample} share ({@code -F}, {@code -i},
 * {@code --known-hosts}, {@code --accept-new}): parsed, checked, turned into {@link SshOptions} and described
 * in {@code --help} in one place, so that both commands accept, reject and explain them alike.
 *
 * @param sshConfig  the ssh_config given with {@code -F}; empty means {@code ~/.ssh/config}
 * @param identities extra private keys given with {@code -i}, in order
 * @param knownHosts the known_hosts given with {@code --known-hosts}; empty means the default
 * @param acceptNew  whether unknown host keys are accepted and recorded ({@code --accept-new})
 */
record SshArgs(Optional<Path> sshConfig, List<Path> identities, Optional<Path> knownHosts, boolean acceptNew) {

    SshArgs {
        identities = List.copyOf(identities);
    }

    /** The transport options these arguments ask for, on top of {@link SshOptions#defaults()}. */
    SshOptions sshOptions() {
        SshOptions ssh = SshOptions.defaults().withAcceptNewHostKeys(acceptNew).withIdentityFiles(identities);
        return knownHosts.map(ssh::withKnownHostsFile).orElse(ssh);
    }

    /**
     * The {@code --help} lines of the shared options, aligned like the commands' own options (20 columns).
     *
     * @param passphrases how this command gets the passphrase of an encrypted key given with {@code -i}
     */
    static List<String> helpLines(String passphrases) {
        return List.of(
                "  -F FILE             read this ssh_config instead of ~/.ssh/config",
                "  -i KEY              also try this private key (repeatable); " + passphrases,
                "  --known-hosts FILE  check host keys against FILE instead of ~/.ssh/known_hosts",
                "  --accept-new        trust and remember hosts never seen before (as StrictHostKeyChecking=accept-new);",
                "                      a CHANGED host key is always refused");
    }

    /** The option's value at {@code args[i]}; a missing value or another long option there is a usage error. */
    static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException("the option " + option + " needs a value.");
        }
        return args.get(i);
    }

    /** Collects the shared SSH options while a command walks its own arguments. */
    static final class Parser {
        private Optional<Path> sshConfig = Optional.empty();
        private final List<Path> identities = new ArrayList<>();
        private Optional<Path> knownHosts = Optional.empty();
        private boolean acceptNew;

        /**
         * Takes {@code args[i]} (and its value) when it is one of the shared SSH options.
         *
         * @return the index of the last argument taken, or -1 when {@code args[i]} is not an SSH option
         */
        int take(List<String> args, int i) throws UsageException {
            String a = args.get(i);
            switch (a) {
                case "-F" -> sshConfig = Optional.of(existingFile(value(args, i + 1, a), "ssh_config file given with -F"));
                case "-i" -> identities.add(existingFile(value(args, i + 1, a), "key file given with -i"));
                case "--known-hosts" -> knownHosts = Optional.of(Path.of(value(args, i + 1, a)));
                case "--accept-new" -> {
                    acceptNew = true;
                    return i;
                }
                default -> {
                    return -1;
                }
            }
            return i + 1;
        }

        SshArgs build() {
            return new SshArgs(sshConfig, identities, knownHosts, acceptNew);
        }

        private static Path existingFile(String value, String what) throws UsageException {
            Path p = Path.of(value);
            if (Files.isRegularFile(p)) {
                return p;
            }
            throw new UsageException("the " + what + (Files.exists(p) ? " is not a file: " : " does not exist: ")
                    + p.toAbsolutePath() + ".");
        }
    }
}
