package org.incidentworkbench.app.ui.triage.probes;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.probes.HostSummary;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.parse.WReport;
import org.incidentworkbench.probe.Severity;

/** One line that answers the probe (w: who else is here; uptime: how long up and how loaded), no table of empty rows. */
final class SummaryLineView extends VBox {

    private SummaryLineView(String id, String text, Optional<Severity> level) {
        setPadding(new Insets(12));
        Label line = new Label(text);
        line.setId(id);
        line.setWrapText(true);
        line.getStyleClass().add("one-line-summary");
        level.ifPresent(s -> line.getStyleClass().add(s == Severity.CRITICAL ? "probe-problem" : "summary-warning"));
        getChildren().add(line);
    }

    static SummaryLineView of(UptimeReport u) {
        return new SummaryLineView("uptime-summary", HostSummary.uptime(u), HostSummary.loadLevel(u));
    }

    static SummaryLineView of(WReport w) {
        return new SummaryLineView("w-summary", HostSummary.sessions(w), Optional.empty());
    }
}
