package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Pressure stall information ({@code psi.cpu}, {@code psi.memory}, {@code psi.io}): the share of the last 10
 * seconds in which tasks waited for a CPU, for memory (reclaim, swap-in, thrashing) or for I/O. It is saturation
 * measured as lost time, which utilisation percentages only suggest. Needs Linux 4.20 with PSI on; without it
 * the kernel probe's coverage says so.
 */
final class PressureRule extends ThresholdRule<PressureRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("\"some\" avg10: at least one task stalled a fifth of the last 10 s; below that, stalls are the normal cost of sharing") double somePercentWarning,
            @Reason("\"full\" avg10 (memory, io): all non-idle tasks stalled at once, so the host did no work for that share of time") double fullPercentWarning,
            @Reason("\"full\" avg10 of a fifth of the time: the host loses a fifth of its throughput to this resource") double fullPercentCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(20.0, 5.0, 20.0);

        @Override
        public List<String> units() {
            return List.of("% of time", "% of time", "% of time");
        }
    }

    PressureRule() {
        this(Limits.DEFAULTS);
    }

    PressureRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        List<Finding> out = new ArrayList<>();
        report.get(Probes.KERNEL).ifPresent(k -> {
            for (KernelReport.Pressure p : k.pressure()) {
                double some = p.some().map(KernelReport.Stall::avg10).orElse(0.0);
                // the system-wide cpu "full" line is always 0 (or absent): only memory and io have a meaningful one
                double full = p.resource().equals("cpu") ? 0 : p.full().map(KernelReport.Stall::avg10).orElse(0.0);
                if (some < t.somePercentWarning() && full < t.fullPercentWarning()) {
                    continue;
                }
                Severity s = full >= t.fullPercentCritical() ? Severity.CRITICAL : Severity.WARNING;
                String title = full >= t.fullPercentWarning()
                        ? "All tasks stalled on " + p.resource() + " " + Findings.pct(full) + " of the last 10 s"
                        : "Tasks stalled on " + p.resource() + " " + Findings.pct(some) + " of the last 10 s";
                out.add(new Finding(s, "psi." + p.resource(), "kernel", title,
                        "/proc/pressure/" + p.resource() + ": some " + line(p.some())
                                + (p.full().isPresent() && !p.resource().equals("cpu") ? "; full " + line(p.full()) : "")
                                + "; thresholds some " + Findings.num(t.somePercentWarning()) + " %, full "
                                + Findings.num(t.fullPercentWarning()) + " %",
                        hint(p.resource())));
            }
        });
        return out;
    }

    private static String line(Optional<KernelReport.Stall> s) {
        return s.map(x -> Findings.num(x.avg10()) + " / " + Findings.num(x.avg60()) + " / " + Findings.num(x.avg300())
                + " % (10 s / 1 min / 5 min)").orElse("?");
    }

    private static String hint(String resource) {
        return switch (resource) {
            case "cpu" -> "Tasks wait for a CPU: see the run queue and the top processes; the 1 min and 5 min averages say "
                    + "whether it is new.";
            case "memory" -> "Tasks wait for memory (reclaim, swap-in, refaults): see available memory, swapping and the "
                    + "largest processes by RSS.";
            default -> "Tasks wait for I/O: see iostat's busiest device (await, %util) and the D-state processes.";
        };
    }
}
