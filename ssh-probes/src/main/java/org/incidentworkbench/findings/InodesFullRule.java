package org.incidentworkbench.findings;

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
 * file creation fails with "No space left on device" while df shows free space.
 */
final class InodesFullRule implements FindingRule {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("many small files (mail spools, caches, session dirs)") int inodesUsedPercentWarning,
            @Reason("file creation fails at 100 % with space still free, a confusing outage") int inodesUsedPercentCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90, 95);

        @Override
        public List<String> units() {
            return List.of("%", "%");
        }
    }

    private final Limits t;

    InodesFullRule() {
        this(Limits.DEFAULTS);
    }

    InodesFullRule(Limits t) {
        this.t = t;
    }

    @Override
    public Optional<RuleLimits> limits() {
        return Optional.of(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        List<Finding> out = new ArrayList<>();
        report.get(Probes.DF).ifPresent(df -> {
            for (DfReport.Filesystem f : df.filesystems()) {
                if (f.inodesUsedPercent().isEmpty() || f.type().map(FilesystemFullRule.ALWAYS_FULL::contains).orElse(false)) {
                    continue;
                }
                int used = f.inodesUsedPercent().get();
                if (used < t.inodesUsedPercentWarning()) {
                    continue;
                }
                Severity s = used >= t.inodesUsedPercentCritical() ? Severity.CRITICAL : Severity.WARNING;
                out.add(new Finding(s, "fs.inodes", "df", f.mountedOn() + " has used " + used + " % of its inodes",
                        f.inodesUsed().map(String::valueOf).orElse("?") + " of " + f.inodes().map(String::valueOf).orElse("?")
                                + " inodes used (" + used + " %); threshold " + t.inodesUsedPercentWarning() + " %",
                        "Find the directory with the most files: find " + f.mountedOn()
                                + " -xdev -type f | cut -d/ -f2-4 | sort | uniq -c | sort -n | tail (caches, mail "
                                + "queues, session files)."));
            }
        });
        return out;
    }
}
