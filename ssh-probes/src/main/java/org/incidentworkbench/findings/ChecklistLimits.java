package org.incidentworkbench.findings;

import org.incidentworkbench.findings.FindingLimits.Rising;

/**
 * The thresholds of the checklist rules (kernel probe) that the window colours by, read from the registered
 * rule instances as {@link FindingLimits} reads the older ones, so a row turns amber where the finding starts.
 * A rule without a critical level gives {@link Double#POSITIVE_INFINITY}. Stateless, thread-safe.
 */
public final class ChecklistLimits {

    private ChecklistLimits() {
    }

    /** Runnable tasks per CPU ({@code cpu.run-queue}). */
    public static Rising runQueuePerCpu() {
        RunQueueRule.Limits l = limits(RunQueueRule.class, RunQueueRule.Limits.class);
        return new Rising(l.runQueuePerCpuWarning(), l.runQueuePerCpuCritical());
    }

    /** One CPU's busy percentage that {@code cpu.imbalance} calls saturated (when the average is low). */
    public static Rising hotCpuBusyPercent() {
        return new Rising(limits(CpuImbalanceRule.class, CpuImbalanceRule.Limits.class).hotCpuBusyPercent(), Double.POSITIVE_INFINITY);
    }

    /** The all-CPU average under which {@code cpu.imbalance} looks for one hot CPU. */
    public static double averageBusyBelowPercent() {
        return limits(CpuImbalanceRule.class, CpuImbalanceRule.Limits.class).averageBusyBelowPercent();
    }

    /** PSI "some" avg10 ({@code psi.*} warns; "some" alone is never critical). */
    public static Rising pressureSomePercent() {
        return new Rising(limits(PressureRule.class, PressureRule.Limits.class).somePercentWarning(), Double.POSITIVE_INFINITY);
    }

    /** PSI "full" avg10 of memory and io. */
    public static Rising pressureFullPercent() {
        PressureRule.Limits l = limits(PressureRule.class, PressureRule.Limits.class);
        return new Rising(l.fullPercentWarning(), l.fullPercentCritical());
    }

    /** Retransmitted segments in percent of segments sent ({@code net.retransmits}). */
    public static Rising retransmitPercent() {
        TcpCountersRule.Limits l = limits(TcpCountersRule.class, TcpCountersRule.Limits.class);
        return new Rising(l.retransmitPercentWarning(), l.retransmitPercentCritical());
    }

    /** Segments sent below which {@code net.retransmits} makes no share. */
    public static long retransmitMinSegments() {
        return limits(TcpCountersRule.class, TcpCountersRule.Limits.class).minSegmentsSent();
    }

    /** Listen overflows per second; the rule warns above (not at) the warning value. */
    public static Rising listenOverflowsPerSecond() {
        TcpCountersRule.Limits l = limits(TcpCountersRule.class, TcpCountersRule.Limits.class);
        return new Rising(Math.nextUp(l.listenOverflowsPerSecondWarning()), l.listenOverflowsPerSecondCritical());
    }

    /** Established connections reset per second. */
    public static Rising resetsPerSecond() {
        return new Rising(limits(TcpCountersRule.class, TcpCountersRule.Limits.class).resetsPerSecondWarning(), Double.POSITIVE_INFINITY);
    }

    /** Interface errors per second; the rule warns above (not at) the warning value. */
    public static Rising interfaceErrorsPerSecond() {
        return new Rising(Math.nextUp(limits(InterfaceErrorsRule.class, InterfaceErrorsRule.Limits.class).errorsPerSecondWarning()),
                Double.POSITIVE_INFINITY);
    }

    /** Interface drops per second. */
    public static Rising interfaceDropsPerSecond() {
        return new Rising(limits(InterfaceErrorsRule.class, InterfaceErrorsRule.Limits.class).dropsPerSecondWarning(), Double.POSITIVE_INFINITY);
    }

    /** File handles in use in percent of fs.file-max. */
    public static Rising fileHandlesPercent() {
        FileHandlesRule.Limits l = limits(FileHandlesRule.class, FileHandlesRule.Limits.class);
        return new Rising(l.usedPercentWarning(), l.usedPercentCritical());
    }

    /** Pages swapped in plus out per second. */
    public static Rising swapPagesPerSecond() {
        SwappingRule.Limits l = limits(SwappingRule.class, SwappingRule.Limits.class);
        return new Rising(l.pagesPerSecondWarning(), l.pagesPerSecondCritical());
    }

    private static <L extends RuleLimits> L limits(Class<? extends FindingRule> rule, Class<L> type) {
        return Findings.RULES.stream().filter(rule::isInstance).findFirst()
                .flatMap(FindingRule::limits).filter(type::isInstance).map(type::cast)
                .orElseThrow(() -> new IllegalStateException("The rule " + rule.getSimpleName()
                        + " is not registered in Findings.RULES, so its thresholds cannot be shown."));
    }
}
