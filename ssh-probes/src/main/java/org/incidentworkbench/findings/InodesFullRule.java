package org.incidentworkbench.findings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * A filesystem whose inode use ({@code df -i}'s {@code IUse%}) is at least
 * {@link Limits#inodesUsedPercentWarning()} (90) or {@link Limits#inodesUsedPercentCritical()} (95):
 * file creation fails with "No space left on device" while df shows free space. With the host's history
 * ({@link Trends}) it says when the inodes run out and the forecast sets the severity, as {@link FilesystemFullRule}.
 */
final class InodesFullRule extends ThresholdRule<InodesFullRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("many small files (mail spools, caches, session dirs)") int inodesUsedPercentWarning,
            @Reason("file creation fails at 100 % with space still free, a confusing outage") int inodesUsedPercentCritical,
            @Reason("with history: out of inodes sooner than this is critical at any level, as finding the directory of small files takes about that long") int fillCriticalMinutes,
            @Reason("with history: out of inodes within a day is at least a warning") int fillWarningHours) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90, 95, 60, 24);

        /** The level thresholds with the default forecast ones. */
        public Limits(int inodesUsedPercentWarning, int inodesUsedPercentCritical) {
            this(inodesUsedPercentWarning, inodesUsedPercentCritical, 60, 24);
        }

        @Override
        public List<String> units() {
            return List.of("%", "%", "min", "h");
        }
    }

    InodesFullRule() {
        this(Limits.DEFAULTS);
    }

    InodesFullRule(Limits t) {
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
                if (f.inodesUsedPercent().isEmpty() || f.type().map(FilesystemFullRule.ALWAYS_FULL::contains).orElse(false)) {
                    continue;
                }
                int used = f.inodesUsedPercent().get();
                Optional<Severity> byLevel = used >= t.inodesUsedPercentCritical() ? Optional.of(Severity.CRITICAL)
                        : used >= t.inodesUsedPercentWarning() ? Optional.of(Severity.WARNING) : Optional.empty();
                Optional<TimeToLimit> trend = trends.inodes(f.mountedOn());
                Optional<Severity> s = FillForecast.severity(byLevel, trend, Duration.ofMinutes(t.fillCriticalMinutes()),
                        Duration.ofHours(t.fillWarningHours()));
                if (s.isEmpty()) {
                    continue;
                }
                soonest.add(trend.flatMap(TimeToLimit::in).map(Duration::toMillis).orElse(Long.MAX_VALUE));
                out.add(new Finding(s.get(), "fs.inodes", "df", f.mountedOn() + " has used " + used + " % of its inodes"
                        + FillForecast.titleTail(trend, "out of inodes"),
                        f.inodesUsed().map(String::valueOf).orElse("?") + " of " + f.inodes().map(String::valueOf).orElse("?")
                                + " inodes used (" + used + " %); threshold " + t.inodesUsedPercentWarning() + " %"
                                + FillForecast.evidenceTail(trend, trend.map(x -> Findings.num1(x.slopePerHour()) + " %/h").orElse(""), "100 %"),
                        "Find the directory with the most files: find " + f.mountedOn()
                                + " -xdev -type f | cut -d/ -f2-4 | sort | uniq -c | sort -n | tail (caches, mail "
                                + "queues, session files)."));
            }
        });
        return FillForecast.soonestFirst(out, soonest);
    }
}
