package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshConfigException;

/** Builds the SSH triage service from {@code workbench triage}'s options, with the terminal as prompter. */
final class SshTriage {

    private SshTriage() {
    }

    static TriageService service(TriageCommand.Options options, TriageSettings settings, PrintStream err)
            throws UsageException {
        try {
            return AppContext.command(options.ssh().sshConfig(), options.ssh().sshOptions(), ConsolePrompter.system(err)).triage(settings);
        } catch (SshConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
