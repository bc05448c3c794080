package org.incidentworkbench.findings;

import org.incidentworkbench.probe.Severity;

/**
 * The thresholds of the registered rules ({@link Findings#RULES}) that displays colour by, such as the
 * window's df use bars: read from the rule instances, so that every number lives only in its rule's
 * {@code Limits} and a bar turns amber exactly where the finding appears. Stateless, thread-safe.
 */
public final class FindingLimits {

    private FindingLimits() {
    }

    /**
     * A warning and a critical threshold on a value that grows towards trouble (a use percentage).
     *
     * @param warning  from this value on, the rule reports a warning
     * @param critical from this value on, a critical finding
     */
    public record Rising(double warning, double critical) {

        /** The severity the rule would give {@code value}: empty below the warning threshold. */
        public java.util.Optional<Severity> severityOf(double value) {
            if (value >= critical) {
                return java.util.Optional.of(Severity.CRITICAL);
            }
            return value >= warning ? java.util.Optional.of(Severity.WARNING) : java.util.Optional.empty();
        }
    }

    /** df's {@code Use%} at which {@code fs.full} warns and turns critical. */
    public static Rising filesystemUsedPercent() {
        FilesystemFullRule.Limits l = limits(FilesystemFullRule.class, FilesystemFullRule.Limits.class);
        return new Rising(l.fsUsedPercentWarning(), l.fsUsedPercentCritical());
    }

    /** df -i's {@code IUse%} at which {@code fs.inodes} warns and turns critical. */
    public static Rising inodesUsedPercent() {
        InodesFullRule.Limits l = limits(InodesFullRule.class, InodesFullRule.Limits.class);
        return new Rising(l.inodesUsedPercentWarning(), l.inodesUsedPercentCritical());
    }

    /** iostat's {@code %util} at which {@code disk.saturation} warns (the rule has no critical level for util). */
    public static Rising deviceUtilPercent() {
        DeviceSaturationRule.Limits l = limits(DeviceSaturationRule.class, DeviceSaturationRule.Limits.class);
        return new Rising(l.deviceUtilPercentWarning(), Double.POSITIVE_INFINITY);
    }

    /** The average request time ({@code r_await}, {@code w_await}) at which {@code disk.saturation} warns and turns critical. */
    public static Rising deviceAwaitMillis() {
        DeviceSaturationRule.Limits l = limits(DeviceSaturationRule.class, DeviceSaturationRule.Limits.class);
        return new Rising(l.deviceAwaitMillisWarning(), l.deviceAwaitMillisCritical());
    }

    /**
     * Memory in use (100 minus MemAvailable's share) at which {@code mem.available} warns and turns critical:
     * the rule's thresholds on available memory, turned around so that a bar fills towards trouble.
     */
    public static Rising memoryUsedPercent() {
        MemoryPressureRule.Limits l = limits(MemoryPressureRule.class, MemoryPressureRule.Limits.class);
        return new Rising(100 - l.memAvailablePercentWarning(), 100 - l.memAvailablePercentCritical());
    }

    /** Load per core at which {@code load.per-core} warns and turns critical. */
    public static Rising loadPerCore() {
        LoadPerCoreRule.Limits l = limits(LoadPerCoreRule.class, LoadPerCoreRule.Limits.class);
        return new Rising(l.loadPerCoreWarning(), l.loadPerCoreCritical());
    }

    /**
     * Whether {@code fs.full} leaves this filesystem alone as full by design: read-only images
     * ({@code squashfs}, {@code iso9660}...), loop devices and pseudo filesystems of size 0.
     */
    public static boolean fullByDesign(org.incidentworkbench.parse.DfReport.Filesystem f) {
        return f.type().map(FilesystemFullRule.ALWAYS_FULL::contains).orElse(false) || f.filesystem().startsWith("/dev/loop")
                || f.sizeBytes().map(s -> s == 0).orElse(false);
    }

    private static <L extends RuleLimits> L limits(Class<? extends FindingRule> rule, Class<L> type) {
        return Findings.RULES.stream().filter(rule::isInstance).findFirst()
                .flatMap(FindingRule::limits).filter(type::isInstance).map(type::cast)
                .orElseThrow(() -> new IllegalStateException("The rule " + rule.getSimpleName()
                        + " is not registered in Findings.RULES, so its thresholds cannot be shown."));
    }
}
