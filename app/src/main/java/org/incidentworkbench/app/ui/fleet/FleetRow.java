package org.incidentworkbench.app.ui.fleet;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.app.model.DataAge;
import org.incidentworkbench.app.model.FindingChanges;
import org.incidentworkbench.app.model.FleetFigures;
import org.incidentworkbench.app.model.HostTrends;
import org.incidentworkbench.app.model.Outliers;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.TriageReport;

/**
 * One host's line on the fleet board: its latest successful triage ({@code report}) and the figures read from it,
 * per column whether it stands out from the group it was compared with ({@code comparedWith}: its role, or the
 * whole fleet when the role has fewer than three triaged hosts), how old the figures are, what changed since the
 * triage before, and the store's trends when the host was sampled.
 *
 * @param latestFailure why the host's latest triage failed, when it did: the figures are then an older triage's
 * @param trends        empty until the store was read, and in a replay (the store holds the live fleet)
 */
public record FleetRow(HostRow host, String comparedWith, FleetFigures figures, Map<FleetColumn, Outliers.Mark> marks,
                       TriageReport report, Optional<String> latestFailure, DataAge age, FindingChanges changes,
                       Optional<HostTrends> trends) {

    public FleetRow {
        marks = Map.copyOf(marks);
    }

    /** True when this column's value is an outlier in its bad direction (the cell is highlighted). */
    public boolean isBad(FleetColumn c) {
        Outliers.Mark m = marks.getOrDefault(c, Outliers.Mark.NONE);
        return (m == Outliers.Mark.HIGH && c.bad() == FleetColumn.Bad.HIGH) || (m == Outliers.Mark.LOW && c.bad() == FleetColumn.Bad.LOW);
    }

    public Outliers.Mark mark(FleetColumn c) {
        return marks.getOrDefault(c, Outliers.Mark.NONE);
    }

    /** The most severe finding; among equals, the one the triage ranked first. */
    public Optional<Finding> worst() {
        return report.findings().stream().min(Comparator.comparingInt(f -> f.severity().ordinal()));
    }

    /** For sorting: critical 0, warning 1, info 2, none 3. */
    public int worstRank() {
        return worst().map(f -> f.severity().ordinal()).orElse(3);
    }
}
