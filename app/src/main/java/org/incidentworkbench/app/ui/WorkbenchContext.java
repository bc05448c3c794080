package org.incidentworkbench.app.ui;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.app.ui.hosts.HostListFile;
import org.incidentworkbench.app.ui.triage.HostTriager;

/**
 * The services and threads one window works with, built once by {@link WorkbenchApp} (or by a test
 * with its own SSH options and files) and closed with the window. Every slow thing the window does
 * goes through the executors here; the FX thread only publishes.
 *
 * @param io       file and store work (imports, host list, bundles, queries)
 * @param network  SSH work (triage of many hosts at once: threads wait on the network, not the CPU)
 * @param hosts    where the host list is saved
 * @param prefs    window size, layout, theme, recent hosts
 * @param triager  triage of one host (SSH or local)
 */
public record WorkbenchContext(ExecutorService io, ExecutorService network, HostListFile hosts, WindowPrefs prefs,
                               HostTriager triager) implements AutoCloseable {

    public Optional<HostTriager> triage() {
        return Optional.ofNullable(triager);
    }

    @Override
    public void close() {
        network.shutdownNow();
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
