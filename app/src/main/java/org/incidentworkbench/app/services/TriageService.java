package org.incidentworkbench.app.services;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.incidentworkbench.findings.FindingRule;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.probe.TriageListener;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageRunner;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.Transport;

/**
 * Triage as the CLI and the window both use it: a transport (SSH, or this machine for {@code --local}),
 * a resolver from the names users type to {@link HostSpec}s ({@code ~/.ssh/config} aliases or
 * {@code user@host:port}), the runner's bounds, and the findings rules. A name that cannot be resolved
 * becomes a failed report like an unreachable host, so one bad name never stops the others.
 *
 * <pre>
 * TriageService triage = TriageService.local(TriageSettings.standard());
 * List&lt;TriageReport&gt; reports = triage.triage(List.of("local"), report -&gt; show(report));
 * </pre>
 *
 * <p>Thread-safe: each call runs on its own threads.
 */
public final class TriageService {

    /** Resolves a name as typed into a host to connect to; throws with a full sentence when it cannot. */
    @FunctionalInterface
    public interface HostResolver {
        HostSpec resolve(String name) throws Exception;
    }

    private final Transport transport;
    private final HostResolver resolver;
    private final TriageRunner runner;
    private final FindingRule findings;

    public TriageService(Transport transport, HostResolver resolver, TriageSettings settings, FindingRule findings) {
        this.transport = transport;
        this.resolver = resolver;
        this.findings = findings;
        this.runner = new TriageRunner(transport, settings, findings, Clock.systemUTC());
    }

    /** This machine, without SSH; every name resolves to {@link LocalTransport#HOST}. */
    public static TriageService local(TriageSettings settings) {
        return new TriageService(new LocalTransport(), name -> LocalTransport.HOST, settings, StandardFindings.RULES);
    }

    public Transport transport() {
        return transport;
    }

    public TriageSettings settings() {
        return runner.settings();
    }

    /** Resolves and triages every name, calling the listener as each host ends; reports in the order given. */
    public List<TriageReport> triage(List<String> names, TriageListener listener) {
        List<HostSpec> specs = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        TriageReport[] reports = new TriageReport[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            try {
                specs.add(resolver.resolve(name));
                positions.add(i);
            } catch (Exception e) {
                reports[i] = unresolved(name, name, e);
                listener.finished(reports[i]);
            }
        }
        List<TriageReport> ran = runner.run(specs, listener);
        for (int i = 0; i < ran.size(); i++) {
            reports[positions.get(i)] = ran.get(i);
        }
        return List.of(reports);
    }

    /** Triages one resolved host. */
    public TriageReport triage(HostSpec host) {
        return runner.triage(host);
    }

    /**
     * Triages one host as the window lists it: {@code target} (an ssh config alias or {@code user@host:port})
     * is resolved now, and the report carries {@code name}. Steps are told to {@code progress} in words. A
     * target that cannot be resolved is a failed report, like an unreachable host.
     */
    public TriageReport triage(String name, String target, Consumer<String> progress) {
        return triage(name, target, runner.settings().sudo(), progress);
    }

    /** As {@link #triage(String, String, Consumer)}, with {@code --sudo} on or off for this host. */
    public TriageReport triage(String name, String target, boolean sudo, Consumer<String> progress) {
        HostSpec spec;
        try {
            spec = resolver.resolve(target);
        } catch (Exception e) {
            return unresolved(name, target, e);
        }
        // withAlias keeps the rest, including the host's UserKnownHostsFile from ssh_config
        HostSpec named = spec.withAlias(name);
        progress.accept(transport instanceof LocalTransport ? "running probes on this machine"
                : "connecting to " + named.target() + " and running probes");
        TriageRunner hostRunner = sudo == runner.settings().sudo() ? runner
                : new TriageRunner(transport, runner.settings().withSudo(sudo), findings, Clock.systemUTC());
        return hostRunner.triage(named);
    }

    private static TriageReport unresolved(String name, String target, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        HostFailure failure = new HostFailure(HostFailure.Kind.BAD_CONFIG,
                "Could not work out how to connect to '" + target + "': " + why, e.toString());
        return new TriageReport(name, target, Clock.systemUTC().instant(), Duration.ZERO, Optional.of(failure), List.of(), List.of());
    }
}
