package org.incidentworkbench.app.services;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.incidentworkbench.findings.FindingRanking;
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
    private final Optional<TriageHistory> history;

    public TriageService(Transport transport, HostResolver resolver, TriageSettings settings, FindingRule findings) {
        this(transport, resolver, settings, findings, Optional.empty());
    }

    /**
     * @param history each host's previous triage: findings are ranked against it ({@link FindingRanking}) and
     *                each report is remembered in it; empty: ranked without a previous triage, nothing kept
     */
    public TriageService(Transport transport, HostResolver resolver, TriageSettings settings, FindingRule findings,
                         Optional<TriageHistory> history) {
        this.history = history;
        this.transport = transport;
        this.resolver = resolver;
        this.findings = findings;
        this.runner = new TriageRunner(transport, settings, findings, Clock.systemUTC());
    }

    /** This machine, without SSH; every name resolves to {@link LocalTransport#HOST}. */
    public static TriageService local(TriageSettings settings) {
        return new TriageService(new LocalTransport(), name -> LocalTransport.HOST, settings, StandardFindings.RULES,
                Optional.of(TriageHistory.standard()));
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
        // the hosts' previous triages as they were before this run: each host's own, and the others' as its peers
        Map<String, TriageReport> before = new HashMap<>();
        history.ifPresent(h -> names.forEach(n -> h.previous(n).ifPresent(p -> before.put(n, p))));
        Map<TriageReport, TriageReport> ranked = Collections.synchronizedMap(new IdentityHashMap<>());
        List<TriageReport> ran = runner.run(specs, r -> listener.finished(
                ranked.computeIfAbsent(r, x -> rankAndRemember(x, before))));
        for (int i = 0; i < ran.size(); i++) {
            reports[positions.get(i)] = ranked.computeIfAbsent(ran.get(i), x -> rankAndRemember(x, before));
        }
        return List.of(reports);
    }

    /**
     * Ranks a report's findings against the host's previous triage and its peers' ({@link FindingRanking}),
     * then remembers it as the host's previous one.
     */
    private TriageReport rankAndRemember(TriageReport report, Map<String, TriageReport> before) {
        if (!report.triaged() || history.isEmpty()) {
            return report;
        }
        List<TriageReport> peers = before.entrySet().stream().filter(e -> !e.getKey().equals(report.host()))
                .map(Map.Entry::getValue).toList();
        TriageReport ranked = report.withFindings(FindingRanking.rank(report, Optional.ofNullable(before.get(report.host())), peers));
        history.get().remember(ranked);
        return ranked;
    }

    /** This machine, with its history (for forecasts in the findings) from {@code store}. */
    public static TriageService local(TriageSettings settings, java.util.function.Supplier<Optional<StoreService>> store) {
        return new TriageService(new LocalTransport(), name -> LocalTransport.HOST, settings,
                StandardFindings.withHistory(store, Clock.systemUTC()), Optional.of(TriageHistory.standard()));
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
        Map<String, TriageReport> before = new HashMap<>();
        history.ifPresent(h -> h.previous(name).ifPresent(p -> before.put(name, p)));
        return rankAndRemember(hostRunner.triage(named), before);
    }

    private static TriageReport unresolved(String name, String target, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        HostFailure failure = new HostFailure(HostFailure.Kind.BAD_CONFIG,
                "Could not work out how to connect to '" + target + "': " + why, e.toString());
        return new TriageReport(name, target, Clock.systemUTC().instant(), Duration.ZERO, Optional.of(failure), List.of(), List.of());
    }
}
