package org.incidentworkbench.app.ui;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.incidentworkbench.app.ui.hosts.HostListFile;
import org.incidentworkbench.app.ui.metrics.StoreHolder;
import org.incidentworkbench.app.ui.triage.HostTriager;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.Transport;

/**
 * The services and threads one window works with, built once by {@link WorkbenchApp} (or by a test
 * with its own SSH options and files) and closed with the window. Every slow thing the window does
 * goes through the executors here; the FX thread only publishes.
 *
 * @param io               file and store work (imports, host list, bundles, queries)
 * @param network          SSH work (triage of many hosts at once: threads wait on the network, not the CPU)
 * @param poller           periodic status polls (sampling)
 * @param hosts            where the host list is saved
 * @param prefs            window size, layout, theme, recent hosts
 * @param triager          triage of one host (SSH or local)
 * @param store            the metrics store, opened on first use off the FX thread
 * @param sshTransport     the transport sampling uses for SSH hosts (the same options and prompter as triage)
 * @param resolver         the ssh config, re-read on each use
 * @param samplingInterval how often sampled hosts report
 * @param incidents        where incident journals and sealed bundles go
 */
public record WorkbenchContext(ExecutorService io, ExecutorService network, ScheduledExecutorService poller, HostListFile hosts,
                               WindowPrefs prefs, HostTriager triager, StoreHolder store, Transport sshTransport,
                               Supplier<SshConfigResolver> resolver, Duration samplingInterval, java.nio.file.Path incidents)
        implements AutoCloseable {

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
    }
}
