package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Derives the findings of one triage report by running every rule (USE method: utilisation,
 * saturation, errors) and sorting the results most severe first. Pure: the same report gives the
 * same findings; a rule whose probe did not parse contributes nothing. Thread-safe.
 *
 * <pre>
 * TriageReport done = report.withFindings(Findings.evaluate(report));
 * </pre>
 *
 * <p>Rule ids (stable: the journal, playbooks and UI key on them), with the probe they read:
 * <ul>
 * <li>{@code logs.oom-kill}, {@code logs.io-error} (critical), {@code logs.segfault} (warning): logs</li>
 * <li>{@code fs.full}, {@code fs.inodes}: df (warning at 90 %, critical at 95 %)</li>
 * <li>{@code mem.available}: top (warning under 10 % available, critical under 5 %)</li>
 * <li>{@code load.per-core}: uptime (warning above 1.0 per core, critical above 2.0)</li>
 * <li>{@code cpu.busy}: top (under 10 % idle); {@code cpu.iowait}, {@code cpu.steal}: top, else iostat's avg-cpu</li>
 * <li>{@code disk.saturation}: iostat (%util, await)</li>
 * <li>{@code proc.d-state}, {@code proc.zombies}: ps, else top; {@code proc.cpu}: top, else ps;
 *     {@code proc.memory}: ps</li>
 * <li>{@code net.close-wait}, {@code net.time-wait}: ss; {@code net.nic-errors}: ip</li>
 * <li>{@code users.logged-in} (info): w</li>
 * </ul>
 * All numbers live in {@link Thresholds}, with the reason for each.
 */
public final class Findings {

    private Findings() {
    }

    /** Every rule, in the order ties are shown (cheapest evidence to act on first). */
    public static List<FindingRule> rules(Thresholds t) {
        return List.of(
                new LogErrorsRule(t),
                new FilesystemFullRule(t),
                new InodesFullRule(t),
                new MemoryPressureRule(t),
                new LoadPerCoreRule(t),
                new CpuBusyRule(t),
                new CpuIowaitRule(t),
                new CpuStealRule(t),
                new DeviceSaturationRule(t),
                new DStateRule(t),
                new ZombiesRule(t),
                new RunawayProcessRule(t),
                new CloseWaitRule(t),
                new TimeWaitRule(t),
                new NicErrorsRule(t),
                new OtherUsersRule());
    }

    public static List<Finding> evaluate(TriageReport report) {
        return evaluate(report, Thresholds.DEFAULTS);
    }

    public static List<Finding> evaluate(TriageReport report, Thresholds thresholds) {
        return evaluate(report, rules(thresholds));
    }

    /** Runs the given rules; a rule that throws (a bug) becomes an info finding naming it, the others still run. */
    static List<Finding> evaluate(TriageReport report, List<FindingRule> rules) {
        List<Finding> out = new ArrayList<>();
        for (FindingRule rule : rules) {
            try {
                out.addAll(rule.apply(report));
            } catch (RuntimeException e) {
                // a rule bug must not hide the other findings; say so instead
                out.add(new Finding(Severity.INFO, "findings.rule-failed", "", "A findings rule failed: "
                        + rule.getClass().getSimpleName(), String.valueOf(e), "Report this as a bug with the raw probe output."));
            }
        }
        out.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(out);
    }

    static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", v);
    }

    static String bytes(long b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = b;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
