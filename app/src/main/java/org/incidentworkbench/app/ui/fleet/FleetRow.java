package org.incidentworkbench.app.ui.fleet;

import java.util.Map;
import org.incidentworkbench.app.model.FleetFigures;
import org.incidentworkbench.app.model.Outliers;
import org.incidentworkbench.app.ui.hosts.HostRow;

/**
 * One host's line in the fleet table: its figures and, per column, whether it stands out from the
 * group it was compared with ({@code comparedWith}: its role, or the whole fleet when the role has
 * fewer than three triaged hosts).
 */
public record FleetRow(HostRow host, String comparedWith, FleetFigures figures, Map<FleetColumn, Outliers.Mark> marks) {

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
}
