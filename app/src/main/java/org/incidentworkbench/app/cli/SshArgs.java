package org.incidentworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.ssh.SshOptions;
import picocli.CommandLine.Option;

/**
 * The SSH options that {@code workbench triage} and {@code workbench sample} share ({@code -F}, {@code -i},
 * {@code --known-hosts}, {@code --accept-new}), as a picocli mixin: declared, checked, turned into
 * {@link SshOptions} and described in {@code --help} in one place, so that both commands accept, reject and
 * explain them alike.
 */
final class SshArgs {

    @Option(names = "-F", paramLabel = "FILE", description = "read this ssh_config instead of ~/.ssh/config")
    private Path sshConfig;

    @Option(names = "-i", paramLabel = "KEY", description = "also try this private key (repeatable); an encrypted key's"
            + " passphrase is asked on the terminal by triage, and must come from ssh-agent for sample")
    private List<Path> identities = new ArrayList<>();

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "check host keys against FILE instead of ~/.ssh/known_hosts")
    private Path knownHosts;

    @Option(names = "--accept-new", description = "trust and remember hosts never seen before (as"
            + " StrictHostKeyChecking=accept-new); a CHANGED host key is always refused")
    private boolean acceptNew;

    /** The ssh_config given with {@code -F}, checked to exist; empty means {@code ~/.ssh/config}. */
    Optional<Path> sshConfig() throws UsageException {
        if (sshConfig != null) {
            existingFile(sshConfig, "ssh_config file given with -F");
        }
        return Optional.ofNullable(sshConfig);
    }

    /** The transport options these arguments ask for, on top of {@link SshOptions#defaults()}. */
    SshOptions sshOptions() throws UsageException {
        sshConfig();
        for (Path key : identities) {
            existingFile(key, "key file given with -i");
        }
        SshOptions ssh = SshOptions.defaults().withAcceptNewHostKeys(acceptNew).withIdentityFiles(List.copyOf(identities));
        return knownHosts == null ? ssh : ssh.withKnownHostsFile(knownHosts);
    }

    private static void existingFile(Path p, String what) throws UsageException {
        if (!Files.isRegularFile(p)) {
            throw new UsageException("the " + what + (Files.exists(p) ? " is not a file: " : " does not exist: ")
                    + p.toAbsolutePath() + ".");
        }
    }
}
