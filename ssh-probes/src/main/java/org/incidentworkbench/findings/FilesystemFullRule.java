package org.incidentworkbench.findings;

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
 */
final class FilesystemFullRule implements FindingRule {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("a filesystem this full needs attention within days on most servers") int fsUsedPercentWarning,
            @Reason("ext4 reserves 5 % for root by default, so at df's 95 % unprivileged writers (databases, loggers) are about to get ENOSPC") int fsUsedPercentCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90, 95);

        @Override
        public List<String> units() {
            return List.of("%", "%");
        }
    }

    /** Filesystems that are always 100 % full by design. */
    static final Set<String> ALWAYS_FULL = Set.of("squashfs", "iso9660", "udf", "erofs", "cramfs");

    private final Limits t;

    FilesystemFullRule() {
        this(Limits.DEFAULTS);
    }

    FilesystemFullRule(Limits t) {
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
                // size 0: autofs maps and other pseudo filesystems that df reports as 100 % of nothing
                if (f.usedPercent().isEmpty() || f.type().map(ALWAYS_FULL::contains).orElse(false)
                        || f.filesystem().startsWith("/dev/loop") || f.sizeBytes().map(s -> s == 0).orElse(false)) {
                    continue;
                }
                int used = f.usedPercent().get();
                if (used < t.fsUsedPercentWarning()) {
                    continue;
                }
                Severity s = used >= t.fsUsedPercentCritical() ? Severity.CRITICAL : Severity.WARNING;
                String free = f.availableBytes().map(Findings::bytes).orElse("?");
                String size = f.sizeBytes().map(Findings::bytes).orElse("?");
                out.add(new Finding(s, "fs.full", "df", f.mountedOn() + " is " + used + " % full",
                        used + " % used, " + free + " of " + size + " available (" + f.filesystem()
                                + f.type().map(x -> ", " + x).orElse("") + "); threshold " + t.fsUsedPercentWarning() + " %",
                        "Find what grew: du -xh --max-depth=2 " + f.mountedOn() + " | sort -h | tail; also deleted "
                                + "files still held open (lsof +L1) and rotated logs."));
            }
        });
        return out;
    }
}
