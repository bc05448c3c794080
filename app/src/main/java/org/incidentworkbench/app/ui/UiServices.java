package org.incidentworkbench.app.ui;

import java.time.Duration;
import java.util.concurrent.Executors;
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.HostListFile;
import org.incidentworkbench.app.services.WarmConnections;
import org.incidentworkbench.app.ui.metrics.StoreHolder;
import org.incidentworkbench.app.ui.triage.ServiceTriager;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshOptions;

/**
 * Builds the window's {@link WorkbenchContext} from an {@link AppContext}, the same wiring the command
 * line uses: triage through its {@code TriageService}s, charts, forecasts and incidents through its
 * {@code StoreService} and {@code IncidentService}, sampling over its SSH transport. The window adds only
 * its threads, its host list and its preferences. SSH questions go to dialogs ({@link FxUserPrompter}).
 */
public final class UiServices {

    private UiServices() {
    }

    /** The user's window: their ssh config, store, incidents, host list and preferences. */
    public static WorkbenchContext standardContext() {
        return context(AppContext.standard(SshOptions.defaults(), new FxUserPrompter()), HostListFile.standard(),
                WindowPrefs.standard(), Duration.ofSeconds(1));
    }

    /** A window over {@code app}'s services (the screenshots and tests pass scratch files). */
    public static WorkbenchContext context(AppContext app, HostListFile hosts, WindowPrefs prefs, Duration samplingInterval) {
        // the window keeps each host's session open between triages and samples: a second triage skips the logins
        app = new AppContext(new WarmConnections(app.sshTransport(), WarmConnections.WINDOW_IDLE), app.sshConfig(),
                app.storeFile(), app.incidents());
        TriageSettings settings = TriageSettings.standard();
        StoreHolder store = new StoreHolder(app.storeFile());
        // triage findings read the hosts' sampled history from the window's own store (time to full)
        java.util.function.Supplier<java.util.Optional<org.incidentworkbench.app.services.StoreService>> history =
                () -> java.util.Optional.of(store.get());
        return new WorkbenchContext(FxExecutors.daemon("workbench-io", 2), FxExecutors.cached("workbench-ssh"),
                Executors.newSingleThreadScheduledExecutor(FxExecutors.factory("workbench-poll")), hosts, prefs, app,
                new ServiceTriager(app.triage(settings, history), app.localTriage(settings, history)), store,
                samplingInterval);
    }
}
