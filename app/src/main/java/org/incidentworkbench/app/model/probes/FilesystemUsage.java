package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.DfReport;

/**
 * The df view's rows: fullest first, each coloured by the severity the {@code fs.full} and
 * {@code fs.inodes} rules would give (their thresholds, read through {@link FindingLimits}, so the bar
 * turns amber exactly where the finding appears). Pure.
 */
public final class FilesystemUsage {

    private FilesystemUsage() {
    }

    public static List<FilesystemLine> of(DfReport df) {
        return of(df, FindingLimits.filesystemUsedPercent(), FindingLimits.inodesUsedPercent());
    }

    static List<FilesystemLine> of(DfReport df, FindingLimits.Rising space, FindingLimits.Rising inodes) {
        List<FilesystemLine> out = new ArrayList<>();
        for (DfReport.Filesystem f : df.filesystems()) {
            boolean judged = !FindingLimits.fullByDesign(f);
            int used = f.usedPercent().orElse(-1);
            int iused = f.inodesUsedPercent().orElse(-1);
            out.add(new FilesystemLine(f.mountedOn(), f.filesystem(), f.type().orElse(""), f.sizeBytes().orElse(-1L),
                    f.usedBytes().orElse(-1L), f.availableBytes().orElse(-1L), used, f.inodes().orElse(-1L),
                    f.inodesUsed().orElse(-1L), iused,
                    judged && used >= 0 ? space.severityOf(used) : Optional.empty(),
                    judged && iused >= 0 ? inodes.severityOf(iused) : Optional.empty(), judged));
        }
        // fullest first; filesystems full by design after the ones that can fill up
        out.sort(Comparator.comparing((FilesystemLine l) -> !l.judged())
                .thenComparing(Comparator.comparingInt(FilesystemLine::worstPercent).reversed())
                .thenComparing(FilesystemLine::mountedOn));
        return out;
    }
}
