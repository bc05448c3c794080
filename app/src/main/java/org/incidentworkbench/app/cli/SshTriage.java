package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshConfigException;
import org.incidentworkbench.ssh.SshOptions;

/** Builds the SSH triage service from {@code workbench triage}'s options, with the terminal as prompter. */
final class SshTriage {

    private SshTriage() {
    }

    static TriageService service(TriageCommand.Options options, TriageSettings settings, PrintStream err)
            throws UsageException {
        SshOptions ssh = SshOptions.defaults()
                .withAcceptNewHostKeys(options.acceptNew())
                .withIdentityFiles(options.identities());
        if (options.knownHosts().isPresent()) {
            ssh = ssh.withKnownHostsFile(options.knownHosts().get());
        }
        try {
            return TriageService.ssh(options.sshConfig(), ssh, ConsolePrompter.system(err), settings);
        } catch (SshConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
