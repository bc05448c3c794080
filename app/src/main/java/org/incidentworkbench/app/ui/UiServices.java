package org.incidentworkbench.app.ui;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.incidentworkbench.app.ui.hosts.HostListFile;
import org.incidentworkbench.app.ui.metrics.StoreHolder;
import org.incidentworkbench.app.ui.triage.RunnerTriager;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Builds the window's {@link WorkbenchContext} from the product's services, as the CLI builds them:
 * the same triage runner, probes and findings, the same store file, sampling and incident services,
 * so the window does nothing the CLI cannot. SSH questions go to dialogs ({@link FxUserPrompter}).
 */
public final class UiServices {

    private UiServices() {
    }

    /** A transport made on first use (JSch loads on a background thread, not during the window's start). */
    static final class LazyTransport implements org.incidentworkbench.ssh.Transport {
        private final java.util.function.Supplier<org.incidentworkbench.ssh.Transport> make;
        private org.incidentworkbench.ssh.Transport made;

        LazyTransport(java.util.function.Supplier<org.incidentworkbench.ssh.Transport> make) {
            this.make = make;
        }

        private synchronized org.incidentworkbench.ssh.Transport transport() {
            if (made == null) {
                made = make.get();
            }
            return made;
        }

        @Override
        public org.incidentworkbench.ssh.HostConnection connect(org.incidentworkbench.ssh.HostSpec host)
                throws org.incidentworkbench.ssh.HostConnectException {
            return transport().connect(host); // connects run in parallel; only the making is serialised
        }
    }

    public static WorkbenchContext standardContext() {
        UserPrompter prompter = new FxUserPrompter();
        SshOptions options = SshOptions.defaults();
        RunnerTriager triager = new RunnerTriager(options, prompter, SshConfigResolver::standard);
        return new WorkbenchContext(FxExecutors.daemon("workbench-io", 2), FxExecutors.cached("workbench-ssh"),
                Executors.newSingleThreadScheduledExecutor(FxExecutors.factory("workbench-poll")),
                HostListFile.standard(), WindowPrefs.standard(), triager, new StoreHolder(TimeSeriesStore.defaultPath()),
                new LazyTransport(() -> new SshTransport(options, prompter)), SshConfigResolver::standard, Duration.ofSeconds(1),
                WorkbenchDirs.data().resolve("incidents"));
    }
}
