package org.incidentworkbench.app.ui.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.probe.HostFailure;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageRunner;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.SshConfigException;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * The window's triage: the same {@link TriageRunner}, probes and findings as {@code workbench triage},
 * over SSH for listed hosts (resolved through the ssh config, re-read for every host so edits apply at
 * once) and over the local transport for "local". The report carries the host's name as listed.
 * Thread-safe.
 */
public final class RunnerTriager implements HostTriager {

    private final SshOptions options;
    private final UserPrompter prompter;
    private final Supplier<SshConfigResolver> resolver;
    private TriageRunner ssh;
    private TriageRunner local;

    /** Builds nothing yet: the SSH and local runners are made at the first triage, off the FX thread. */
    public RunnerTriager(SshOptions options, UserPrompter prompter, Supplier<SshConfigResolver> resolver) {
        this.options = options;
        this.prompter = prompter;
        this.resolver = resolver;
    }

    private synchronized TriageRunner ssh() {
        if (ssh == null) {
            ssh = new TriageRunner(new SshTransport(options, prompter), TriageSettings.standard(), Findings::evaluate);
        }
        return ssh;
    }

    private synchronized TriageRunner local() {
        if (local == null) {
            local = new TriageRunner(new LocalTransport(), TriageSettings.standard(), Findings::evaluate);
        }
        return local;
    }

    @Override
    public TriageReport triage(HostEntry host, Consumer<String> progress) {
        if (host.isLocal()) {
            progress.accept("running probes on this machine");
            return local().triage(LocalTransport.HOST);
        }
        Instant start = Instant.now();
        HostSpec spec;
        try {
            spec = resolver.get().resolve(host.connectTarget());
        } catch (SshConfigException e) {
            return new TriageReport(host.name(), host.connectTarget(), start, Duration.between(start, Instant.now()),
                    Optional.of(new HostFailure(HostFailure.Kind.BAD_CONFIG, e.getMessage(), "")), List.of(), List.of());
        }
        // withAlias keeps the rest, including the host's UserKnownHostsFile from ssh_config
        HostSpec named = spec.withAlias(host.name());
        progress.accept("connecting to " + named.target() + " and running probes");
        return ssh().triage(named);
    }
}
