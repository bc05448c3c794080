package org.incidentworkbench.app.services;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.incidentworkbench.app.AppInfo;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.Transport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * The wiring of one running workbench, the same for a command and for the window: which SSH transport
 * (with whose prompter), which ssh config, which store file and which incident directory; and from them
 * the services ({@link TriageService}, {@link StoreService}, {@link IncidentService}). The command line
 * builds one from its options, the window from the user's files ({@code ui.UiServices}), a test from
 * scratch files.
 *
 * <pre>
 * AppContext app = AppContext.standard(SshOptions.defaults(), prompter);
 * List&lt;TriageReport&gt; reports = app.triage(TriageSettings.standard()).triage(List.of("web-1"), r -&gt; { });
 * </pre>
 *
 * @param sshTransport SSH connections; triage and sampling share it (and so its prompter and known hosts)
 * @param sshConfig    the ssh config, asked at every resolution (the window re-reads it, so edits apply at once)
 * @param storeFile    the metrics store
 * @param incidents    where incident journals and sealed bundles go
 */
public record AppContext(Transport sshTransport, Supplier<SshConfigResolver> sshConfig, Path storeFile, Path incidents) {

    /**
     * The user's own files: {@code ~/.ssh/config} re-read at each use, the default store and incident
     * directory; the SSH transport is made at its first connection.
     */
    public static AppContext standard(SshOptions options, UserPrompter prompter) {
        return new AppContext(new LazyTransport(() -> new SshTransport(options, prompter)), SshConfigResolver::standard,
                TimeSeriesStore.defaultPath(), IncidentService.defaultDirectory());
    }

    /**
     * For one command: the ssh config ({@code ~/.ssh/config} when empty) read once, now, so a broken file
     * stops the command before any host is tried.
     *
     * @throws org.incidentworkbench.ssh.SshConfigException when the config file is missing or malformed
     */
    public static AppContext command(Optional<Path> sshConfig, SshOptions options, UserPrompter prompter) {
        SshConfigResolver resolver = sshConfig.map(SshConfigResolver::load).orElseGet(SshConfigResolver::standard);
        return new AppContext(new SshTransport(options, prompter), () -> resolver, TimeSeriesStore.defaultPath(),
                IncidentService.defaultDirectory());
    }

    /** Triage over SSH with the product's findings; names are resolved through {@link #sshConfig}. */
    public TriageService triage(TriageSettings settings) {
        return new TriageService(sshTransport, name -> sshConfig.get().resolve(name), settings, StandardFindings.RULES,
                Optional.of(TriageHistory.standard()));
    }

    /**
     * Triage over SSH whose findings read each host's history from {@code history}'s store: filesystems, inodes
     * and memory say when they run out.
     */
    public TriageService triage(TriageSettings settings, java.util.function.Supplier<Optional<StoreService>> history) {
        return new TriageService(sshTransport, name -> sshConfig.get().resolve(name), settings,
                StandardFindings.withHistory(history, Clock.systemUTC()), Optional.of(TriageHistory.standard()));
    }

    /** Triage of this machine, without SSH. */
    public TriageService localTriage(TriageSettings settings) {
        return TriageService.local(settings);
    }

    /** Triage of this machine, with its history from {@code history}'s store. */
    public TriageService localTriage(TriageSettings settings, java.util.function.Supplier<Optional<StoreService>> history) {
        return TriageService.local(settings, history);
    }

    /** Opens {@link #storeFile} (takes a moment: call off the FX thread). */
    public StoreService openStore() {
        return StoreService.open(storeFile);
    }

    /** Incidents in {@link #incidents}, recorded by this user with this version of the product. */
    public IncidentService incidentService() {
        return new IncidentService(incidents, Clock.systemUTC(), System.getProperty("user.name", "unknown"), AppInfo.product());
    }
}
