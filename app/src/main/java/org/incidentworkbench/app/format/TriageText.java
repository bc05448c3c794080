package org.incidentworkbench.app.format;

import java.util.List;
import java.util.Locale;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeCoverage;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.TriageReport;

/**
 * The text form of one host's triage: a header line, the findings first (most severe first, each with
 * its evidence and hint), then one {@link ProbeSummary} line per probe. A host that could not be
 * triaged is one header line with the reason. Stateless.
 *
 * <pre>
 * == web-1 (root@10.0.0.5) triaged in 1.1 s: 1 warning
 *   WARNING   / is 91 % full
 *             evidence: 91 % used, 3.5 GiB of 40 GiB free
 *             next: du -xh / | sort -h | tail
 *   w         1 session: root on pts/0 from 10.0.0.9
 *   uptime    up 12 d 3 h, load 0.21 0.30 0.28 on 2 cores, 1 user
 *   ...
 * </pre>
 */
public final class TriageText {

    private TriageText() {
    }

    public static String render(TriageReport report) {
        StringBuilder s = new StringBuilder();
        if (report.failure().isPresent()) {
            s.append("== ").append(report.host()).append(" (").append(report.target()).append(") NOT TRIAGED after ")
                    .append(Durations.human(report.duration())).append('\n');
            s.append("  ").append(report.failure().get().message()).append('\n');
            // NO_DATA keeps what each probe said: the first line of each is the way to the cause
            for (ProbeResult r : report.results()) {
                s.append(String.format(Locale.ROOT, "  %-9s %s%n", r.probe(), ProbeSummary.of(r)));
            }
            return s.toString();
        }
        s.append("== ").append(report.host()).append(" (").append(report.target()).append(") ")
                .append("triaged in ")
                .append(Durations.human(report.duration())).append(": ").append(counts(report)).append('\n');
        for (Finding f : report.findings()) {
            s.append(String.format(Locale.ROOT, "  %-9s %s%s%n", f.severity(), f.title(),
                    f.newSincePrevious().map(n -> n ? "  [new since the previous triage]" : "").orElse("")));
            if (!f.evidence().isBlank()) {
                s.append("            evidence: ").append(f.evidence()).append('\n');
            }
            if (!f.hint().isBlank()) {
                s.append("            next: ").append(f.hint()).append('\n');
            }
        }
        coverage(s, report);
        java.util.Map<String, String> variants = new java.util.HashMap<>();
        report.coverage().forEach(c -> variants.put(c.probe(), c.variant()));
        for (ProbeResult r : report.results()) {
            s.append(String.format(Locale.ROOT, "  %-9s %s%s%n", r.probe(), ProbeSummary.of(r), via(r, variants.get(r.probe()))));
        }
        return s.toString();
    }

    /** How a probe read its data when not by its usual command (a BusyBox variant, a /proc reading), else nothing. */
    static String via(ProbeResult r, String variant) {
        boolean usual = variant == null || variant.isEmpty() || org.incidentworkbench.probe.Probes.byName(r.probe())
                .map(p -> p.commands().get(0).equals(variant)).orElse(true);
        return usual || !r.isParsed() ? "" : "  (via " + variant + ")";
    }

    /** What the probes could not see: one line when all saw everything, else one line per probe that did not. */
    static void coverage(StringBuilder s, TriageReport report) {
        List<ProbeCoverage> all = report.coverage();
        List<ProbeCoverage> short_ = all.stream().filter(c -> c.level() != ProbeCoverage.Level.FULL).toList();
        if (short_.isEmpty()) {
            s.append(String.format(Locale.ROOT, "  %-9s all %d probes saw everything they look at%n", "coverage", all.size()));
            return;
        }
        for (ProbeCoverage c : short_) {
            s.append(String.format(Locale.ROOT, "  %-9s %s %s: %s%n", "coverage", c.probe(), c.level().json(),
                    String.join("; ", c.reasons())));
        }
    }

    private static String counts(TriageReport report) {
        if (report.findings().isEmpty()) {
            return "no findings";
        }
        StringBuilder s = new StringBuilder();
        for (org.incidentworkbench.probe.Severity sev : org.incidentworkbench.probe.Severity.values()) {
            long n = report.findings().stream().filter(f -> f.severity() == sev).count();
            if (n > 0) {
                s.append(s.length() == 0 ? "" : ", ").append(n).append(' ').append(sev.name().toLowerCase(Locale.ROOT));
            }
        }
        return s.toString();
    }
}
