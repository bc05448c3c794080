package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeCoverage;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Blind spots on the error sources ({@code coverage.kernel-log}, {@code coverage.journal}, warning): a
 * triage that could not read the kernel log cannot have seen an OOM kill or a disk error, so it says so
 * among the findings instead of reading as "no findings". One finding per source, naming why and the fix.
 * No threshold: any blind spot on an error source is worth saying.
 */
final class CoverageRule implements FindingRule {

    @Override
    public List<Finding> apply(TriageReport report) {
        Map<String, List<ProbeCoverage.BlindSpot>> bySource = new LinkedHashMap<>();
        Map<String, String> probeOf = new LinkedHashMap<>();
        for (ProbeCoverage c : report.coverage()) {
            for (ProbeCoverage.BlindSpot b : c.blindSpots()) {
                bySource.computeIfAbsent(b.source(), k -> new ArrayList<>()).add(b);
                probeOf.putIfAbsent(b.source(), c.probe());
            }
        }
        List<Finding> out = new ArrayList<>();
        bySource.forEach((source, spots) -> {
            ProbeCoverage.BlindSpot first = spots.get(0);
            String evidence = String.join("; ", spots.stream().map(ProbeCoverage.BlindSpot::reason).distinct().toList());
            out.add(new Finding(Severity.WARNING, "coverage." + source, probeOf.get(source), first.reason(), evidence,
                    "To see it: " + first.fix() + "."));
        });
        return out;
    }
}
