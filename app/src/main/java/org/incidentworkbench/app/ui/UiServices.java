package org.incidentworkbench.app.ui;

import org.incidentworkbench.app.ui.hosts.HostListFile;

/**
 * Builds the window's {@link WorkbenchContext} from the product's services, as the CLI builds them:
 * the same triage, store, sampling and incident services, so the window does nothing the CLI cannot.
 */
public final class UiServices {

    private UiServices() {
    }

    public static WorkbenchContext standardContext() {
        return new WorkbenchContext(FxExecutors.daemon("workbench-io", 2), FxExecutors.cached("workbench-ssh"),
                HostListFile.standard(), WindowPrefs.standard(), null);
    }
}
