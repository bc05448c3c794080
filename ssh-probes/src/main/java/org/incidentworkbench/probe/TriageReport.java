package org.incidentworkbench.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.ssh.HostFailure;

/**
 * Everything one triage run learned about one host: the probe results (raw and parsed), the
 * findings derived from them (critical first), or the reason the host could not be reached.
 *
 * @param host      the name the user gave (an ssh_config alias, {@code user@host:port}, or {@code local})
 * @param target    what was actually connected to ({@code user@hostname:port}, via jump hosts if any)
 * @param startedAt when the run started (laptop clock)
 * @param duration  wall time of the whole run for this host
 * @param failure   present when the host could not be triaged at all; results are then empty, except for
 *                  {@code NO_DATA} (connected, but no probe parsed), which keeps them for their raw text
 * @param results   one result per probe, in probe order
 * @param findings  derived by the findings rules, most severe first
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"coverage"}, allowGetters = true)
public record TriageReport(String host, String target, Instant startedAt, Duration duration,
                           Optional<HostFailure> failure, List<ProbeResult> results, List<Finding> findings) {

    public TriageReport {
        results = List.copyOf(results);
        findings = List.copyOf(findings);
    }

    /** The result of the named probe, if it ran. */
    public Optional<ProbeResult> result(String probe) {
        return results.stream().filter(r -> r.probe().equals(probe)).findFirst();
    }

    /** The parsed record of the probe ({@code report.get(Probes.DF)}), empty when it did not run or parse. */
    public <T> Optional<T> get(Probe<T> probe) {
        return result(probe.name()).flatMap(r -> r.data(probe.type()));
    }

    /**
     * Per probe, what it saw and what it could not see and why ({@link Probe#coverage}); derived from the
     * results, so a stored report gives the same. Written to JSON as {@code coverage}.
     */
    @com.fasterxml.jackson.annotation.JsonProperty("coverage")
    public List<ProbeCoverage> coverage() {
        String user = loginUser();
        return results.stream().map(r -> Probes.byName(r.probe()).map(p -> p.coverage(r, user).withVariant(p.variant(r)))
                .orElseGet(() -> ProbeCoverage.basic(r))).toList();
    }

    /** The user the triage logged in as, from {@link #target()} ({@code alice@web-1:22}); empty when unknown. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String loginUser() {
        int at = target.indexOf('@');
        return at > 0 ? target.substring(0, at) : "";
    }

    public TriageReport withFindings(List<Finding> newFindings) {
        return new TriageReport(host, target, startedAt, duration, failure, results, newFindings);
    }

    public boolean triaged() {
        return failure.isEmpty();
    }
}
