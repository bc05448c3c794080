package org.incidentworkbench.findings;

/** Rules at thresholds a test chooses, for tests outside this package (the rules are package-private). */
public final class RulesAt {

    private RulesAt() {
    }

    /** The runaway-process rule naming processes from {@code cpuPercent} of a CPU (memory at its default). */
    public static FindingRule runawayCpu(double cpuPercent) {
        return new RunawayProcessRule(new RunawayProcessRule.Limits(cpuPercent,
                RunawayProcessRule.Limits.DEFAULTS.processMemPercentWarning()));
    }

    /** The runaway-process rule's default CPU threshold. */
    public static double runawayCpuDefault() {
        return RunawayProcessRule.Limits.DEFAULTS.processCpuPercentWarning();
    }
}
