package org.incidentworkbench.app.ui;

import org.incidentworkbench.app.ui.hosts.HostListFile;
import org.incidentworkbench.app.ui.triage.RunnerTriager;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;

/**
 * Builds the window's {@link WorkbenchContext} from the product's services, as the CLI builds them:
 * the same triage runner, probes and findings, the same store, sampling and incident services, so
 * the window does nothing the CLI cannot. SSH questions go to dialogs ({@link FxUserPrompter}).
 */
public final class UiServices {

    private UiServices() {
    }

    public static WorkbenchContext standardContext() {
        RunnerTriager triager = new RunnerTriager(SshOptions.defaults(), new FxUserPrompter(), SshConfigResolver::standard);
        return new WorkbenchContext(FxExecutors.daemon("workbench-io", 2), FxExecutors.cached("workbench-ssh"),
                HostListFile.standard(), WindowPrefs.standard(), triager);
    }
}
