package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Derives the findings of one triage report by running every rule (USE method: utilisation,
 * saturation, errors) and ranking the results ({@link FindingRanking}: most severe first, an event from
 * before the observation window after what is happening now). Pure: the same report gives the
 * same findings; a rule whose probe did not parse contributes nothing. Thread-safe.
 *
 * <pre>
 * TriageReport done = report.withFindings(Findings.evaluate(report));
 * </pre>
 *
 * <p>Rule ids (stable: the journal, playbooks and UI key on them), with the probe they read:
 * <ul>
 * <li>{@code logs.oom-kill}, {@code logs.io-error} (critical), {@code logs.segfault} (warning): logs</li>
 * <li>{@code fs.full}, {@code fs.inodes}: df (warning at 90 %, critical at 95 %); with history ({@link Trends}),
 *     critical when full within the hour, at least a warning within a day, a warning when critical but steady</li>
 * <li>{@code mem.available}: top (warning under 10 % available, critical under 5 %); with history, likewise</li>
 * <li>{@code load.per-core}: uptime (warning above 1.0 per core, critical above 2.0)</li>
 * <li>{@code cpu.busy}: top (under 10 % idle); {@code cpu.iowait}, {@code cpu.steal}: top, else iostat's avg-cpu</li>
 * <li>{@code disk.saturation}: iostat (%util, await)</li>
 * <li>{@code proc.d-state}, {@code proc.zombies}: ps, else top; {@code proc.cpu}: top, else ps;
 *     {@code proc.memory}: ps</li>
 * <li>{@code net.close-wait}, {@code net.time-wait}: ss; {@code net.nic-errors}: ip</li>
 * <li>{@code mem.oom-kill}, {@code mem.cgroup-under-oom} (critical), {@code mem.cgroup-oom} (warning),
 *     {@code mem.swapping}, {@code psi.cpu}, {@code psi.memory}, {@code psi.io}, {@code cpu.run-queue},
 *     {@code cpu.imbalance}, {@code fs.file-handles}, {@code net.retransmits}, {@code net.listen-overflows},
 *     {@code net.resets}, {@code net.interface-errors}: kernel (counters read twice a second apart)</li>
 * <li>{@code systemd.failed-units} (warning): systemd</li>
 * <li>{@code users.logged-in} (info): w</li>
 * <li>{@code coverage.kernel-log}, {@code coverage.journal} (warning): the report's coverage (logs), when an
 *     error source could not be read</li>
 * </ul>
 * Each rule owns its numbers (its {@code Limits} record, with the reason for each); docs/findings.md
 * lists them ({@link ThresholdTable}).
 */
public final class Findings {

    private Findings() {
    }

    /**
     * Every rule at its default thresholds, in the order ties are shown (cheapest evidence to act on
     * first). Register a rule here, one line each.
     */
    public static final List<FindingRule> RULES = List.of(
            new LogErrorsRule(),
            new CoverageRule(),
            new FilesystemFullRule(),
            new InodesFullRule(),
            new MemoryPressureRule(),
            new LoadPerCoreRule(),
            new CpuBusyRule(),
            new CpuIowaitRule(),
            new CpuStealRule(),
            new DeviceSaturationRule(),
            new DStateRule(),
            new ZombiesRule(),
            new RunawayProcessRule(),
            new CloseWaitRule(),
            new TimeWaitRule(),
            new NicErrorsRule(),
            new OomRule(),
            new SystemdFailedRule(),
            new PressureRule(),
            new RunQueueRule(),
            new CpuImbalanceRule(),
            new SwappingRule(),
            new FileHandlesRule(),
            new TcpCountersRule(),
            new InterfaceErrorsRule(),
            new OtherUsersRule());

    public static List<Finding> evaluate(TriageReport report) {
        return evaluate(report, RULES);
    }

    /** Every rule, with the host's history ({@link Trends}): filling resources say when they run out. */
    public static List<Finding> evaluate(TriageReport report, Trends trends) {
        return evaluate(report, RULES, trends);
    }

    /** Runs the given rules; a rule that throws (a bug) becomes an info finding naming it, the others still run. */
    public static List<Finding> evaluate(TriageReport report, List<FindingRule> rules) {
        return evaluate(report, rules, Trends.NONE);
    }

    /** As {@link #evaluate(TriageReport, List)}, with the host's history. */
    public static List<Finding> evaluate(TriageReport report, List<FindingRule> rules, Trends trends) {
        List<Finding> out = new ArrayList<>();
        for (FindingRule rule : rules) {
            try {
                out.addAll(rule.apply(report, trends));
            } catch (RuntimeException e) {
                // a rule bug must not hide the other findings; say so instead
                out.add(new Finding(Severity.INFO, "findings.rule-failed", "", "A findings rule failed: "
                        + rule.getClass().getSimpleName(), String.valueOf(e), "Report this as a bug with the raw probe output."));
            }
        }
        out.sort(Comparator.comparing(Finding::severity));
        // recency without a previous triage: an event from before the observation window is not the news
        return FindingRanking.rank(report.withFindings(out), java.util.Optional.empty(), List.of());
    }

    static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", v);
    }

    /**
     * Evidence sizes ("1.2 GiB of 40.0 GiB free"). The app's format.Bytes is the product's one byte formatter,
     * but this library cannot depend on app: findings keep this copy (always one decimal, as their texts have it).
     */
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

    /** One decimal, as slopes are shown ("12.3"). */
    static String num1(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** A rate or duration with one decimal at most: "123.1", "91", "0.5". */
    static String rate(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(java.util.Locale.ROOT, "%.1f", r);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
