package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.List;

/**
 * How a triage run is bounded.
 *
 * @param probes       the probes to run, in report order (usually {@link Probes#STANDARD})
 * @param parallel     how many hosts are triaged at once
 * @param hostDeadline the most one host may take, connect included; a host still running then is
 *                     reported as failed and the others are not held up
 * @param sudo         run the commands that need privilege (the logs probe's, ss -tanp) through {@code sudo -n}
 *                     ({@code --sudo}); sudo that would prompt falls back, and the coverage says so
 */
public record TriageSettings(List<Probe<?>> probes, int parallel, Duration hostDeadline, boolean sudo) {

    public static final int DEFAULT_PARALLEL = 32;
    /** Connect (10 s by default) plus the probes (about 1 s, each bounded at 5 s) plus slack. */
    public static final Duration DEFAULT_HOST_DEADLINE = Duration.ofSeconds(30);

    public TriageSettings {
        probes = List.copyOf(probes);
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("A triage needs at least one probe.");
        }
        if (parallel < 1) {
            throw new IllegalArgumentException("Hosts triaged in parallel must be at least 1, not " + parallel + ".");
        }
        if (hostDeadline.isNegative() || hostDeadline.isZero()) {
            throw new IllegalArgumentException("The per-host deadline must be positive, not " + hostDeadline + ".");
        }
    }

    public TriageSettings(List<Probe<?>> probes, int parallel, Duration hostDeadline) {
        this(probes, parallel, hostDeadline, false);
    }

    public static TriageSettings standard() {
        return new TriageSettings(Probes.STANDARD, DEFAULT_PARALLEL, DEFAULT_HOST_DEADLINE);
    }

    public TriageSettings withParallel(int n) {
        return new TriageSettings(probes, n, hostDeadline, sudo);
    }

    /**
     * The same settings with another per-host deadline; each probe's timeout is lowered to fit in it
     * (a probe never gets more time than the host has).
     */
    public TriageSettings withHostDeadline(Duration deadline) {
        List<Probe<?>> fitted = probes.stream()
                .map(p -> p.timeout().compareTo(deadline) > 0 ? p.withTimeout(deadline) : p)
                .toList();
        return new TriageSettings(fitted, parallel, deadline, sudo);
    }

    public TriageSettings withProbes(List<Probe<?>> newProbes) {
        return new TriageSettings(newProbes, parallel, hostDeadline, sudo);
    }

    public TriageSettings withSudo(boolean useSudo) {
        return new TriageSettings(probes, parallel, hostDeadline, useSudo);
    }
}
