package org.incidentworkbench.app.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.HostListFile;
import org.incidentworkbench.app.ui.metrics.StoreHolder;
import org.incidentworkbench.app.ui.triage.HostTriager;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.Transport;

/**
 * The services and threads one window works with, built once by {@link UiServices} (for the window, the
 * screenshots and the tests alike) and closed with the window. Every slow thing the window does goes
 * through the executors here; the FX thread only publishes.
 *
 * @param io               file and store work (imports, host list, bundles, queries)
 * @param network          SSH work (triage of many hosts at once: threads wait on the network, not the CPU)
 * @param poller           periodic status polls (sampling)
 * @param hosts            where the host list is saved
 * @param prefs            window size, layout, theme, recent hosts
 * @param app              the product's services and files, as the command line has them
 * @param triager          triage of one host (SSH or local), through the app's {@code TriageService}
 * @param store            the app's {@code StoreService}, opened on first use off the FX thread
 * @param samplingInterval how often sampled hosts report
 */
public record WorkbenchContext(ExecutorService io, ExecutorService network, ScheduledExecutorService poller, HostListFile hosts,
                               WindowPrefs prefs, AppContext app, HostTriager triager, StoreHolder store, Duration samplingInterval)
        implements AutoCloseable {

    /** The transport sampling uses for SSH hosts (the same as triage's, so the same prompter and known hosts). */
    public Transport sshTransport() {
        return app.sshTransport();
    }

    /** The ssh config, re-read on each use. */
    public Supplier<SshConfigResolver> resolver() {
        return app.sshConfig();
    }

    /** Where incident journals and sealed bundles go. */
    public Path incidents() {
        return app.incidents();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        network.shutdownNow();
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
        if (app.sshTransport() instanceof AutoCloseable sessions) { // the window's warm SSH sessions
            try {
                sessions.close();
            } catch (Exception e) {
                // closing sessions of a closing window: nothing left to tell
            }
        }
    }
}
