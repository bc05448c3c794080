package org.incidentworkbench.findings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * A filesystem whose df {@code Use%} is at least {@link Limits#fsUsedPercentWarning()} (90) or
 * {@link Limits#fsUsedPercentCritical()} (95). Read-only images that are full by construction
 * (squashfs, iso9660, overlay lower layers shown as such) are skipped.
 *
 * <p>With the host's history ({@link Trends}), the finding says when the filesystem is full, with the 95 %
 * interval, and the forecast sets the severity ({@link FillForecast}): full within
 * {@link Limits#fillCriticalMinutes()} is critical at any level (85 % and filling fast outranks 95 % and flat),
 * within {@link Limits#fillWarningHours()} at least a warning, and a critical level that has not moved is a
 * warning. The sooner full comes first.
 */
final class FilesystemFullRule extends ThresholdRule<FilesystemFullRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("a filesystem this full needs attention within days on most servers") int fsUsedPercentWarning,
            @Reason("ext4 reserves 5 % for root by default, so at df's 95 % unprivileged writers (databases, loggers) are about to get ENOSPC") int fsUsedPercentCritical,
            @Reason("with history: full sooner than this is critical at any level, as finding and freeing space takes about that long") int fillCriticalMinutes,
            @Reason("with history: full within a day is at least a warning, to be handled in working hours") int fillWarningHours) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90, 95, 60, 24);

        /** The level thresholds with the default forecast ones. */
        public Limits(int fsUsedPercentWarning, int fsUsedPercentCritical) {
            this(fsUsedPercentWarning, fsUsedPercentCritical, 60, 24);
        }

        @Override
        public List<String> units() {
            return List.of("%", "%", "min", "h");
        }
    }

    /** Filesystems that are always 100 % full by design. */
    static final Set<String> ALWAYS_FULL = Set.of("squashfs", "iso9660", "udf", "erofs", "cramfs");

    FilesystemFullRule() {
        this(Limits.DEFAULTS);
    }

    FilesystemFullRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        return apply(report, Trends.NONE);
    }

    @Override
    public List<Finding> apply(TriageReport report, Trends trends) {
        List<Finding> out = new ArrayList<>();
        List<Long> soonest = new ArrayList<>();
        report.get(Probes.DF).ifPresent(df -> {
            for (DfReport.Filesystem f : df.filesystems()) {
                // size 0: autofs maps and other pseudo filesystems that df reports as 100 % of nothing
                if (f.usedPercent().isEmpty() || f.type().map(ALWAYS_FULL::contains).orElse(false)
                        || f.filesystem().startsWith("/dev/loop") || f.sizeBytes().map(s -> s == 0).orElse(false)) {
                    continue;
                }
                int used = f.usedPercent().get();
                Optional<Severity> byLevel = used >= t.fsUsedPercentCritical() ? Optional.of(Severity.CRITICAL)
                        : used >= t.fsUsedPercentWarning() ? Optional.of(Severity.WARNING) : Optional.empty();
                Optional<TimeToLimit> trend = trends.filesystem(f.mountedOn());
                Optional<Severity> s = FillForecast.severity(byLevel, trend, Duration.ofMinutes(t.fillCriticalMinutes()),
                        Duration.ofHours(t.fillWarningHours()));
                if (s.isEmpty()) {
                    continue;
                }
                String free = f.availableBytes().map(Findings::bytes).orElse("?");
                String size = f.sizeBytes().map(Findings::bytes).orElse("?");
                out.add(new Finding(s.get(), "fs.full", "df", f.mountedOn() + " is " + used + " % full"
                        + FillForecast.titleTail(trend, "full"),
                        used + " % used, " + free + " of " + size + " available (" + f.filesystem()
                                + f.type().map(x -> ", " + x).orElse("") + "); threshold " + t.fsUsedPercentWarning() + " %"
                                + FillForecast.evidenceTail(trend, trend.map(x -> Findings.num1(x.slopePerHour()) + " %/h").orElse(""), "100 %"),
                        "Find what grew: du -xh --max-depth=2 " + f.mountedOn() + " | sort -h | tail; also deleted "
                                + "files still held open (lsof +L1) and rotated logs."));
                soonest.add(trend.flatMap(TimeToLimit::in).map(Duration::toMillis).orElse(Long.MAX_VALUE));
            }
        });
        return FillForecast.soonestFirst(out, soonest);
    }
}
