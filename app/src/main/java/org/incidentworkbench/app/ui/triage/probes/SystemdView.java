package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.incidentworkbench.parse.SystemdReport;

/**
 * systemd's failed units, or why there are none to list (no systemd as init: a container or another init),
 * which is not the same as "none failed".
 */
final class SystemdView extends VBox {

    SystemdView(SystemdReport s) {
        setSpacing(4);
        setPadding(new Insets(4));
        String text = !s.running() ? s.notRunning().orElse("systemd is not running") + ": there are no units to check here."
                : s.failed().isEmpty() ? "No systemd unit has failed (systemctl --failed lists none)."
                : s.failed().size() + " failed unit" + (s.failed().size() == 1 ? "" : "s")
                + ": systemctl status UNIT and journalctl -u UNIT say why.";
        Label summary = new Label(text);
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().add(summary);
        if (s.running() && !s.failed().isEmpty()) {
            TableView<SystemdReport.FailedUnit> table = new TableView<>(FXCollections.observableArrayList(s.failed()));
            table.setId("systemd-failed");
            TableColumn<SystemdReport.FailedUnit, SystemdReport.FailedUnit> unit = DfView.text("UNIT", 260, SystemdReport.FailedUnit::unit, false);
            TableColumn<SystemdReport.FailedUnit, SystemdReport.FailedUnit> load = DfView.text("LOAD", 80, SystemdReport.FailedUnit::load, false);
            TableColumn<SystemdReport.FailedUnit, SystemdReport.FailedUnit> sub = DfView.text("STATE", 90, SystemdReport.FailedUnit::sub, false);
            TableColumn<SystemdReport.FailedUnit, SystemdReport.FailedUnit> description = DfView.text("DESCRIPTION", 320,
                    SystemdReport.FailedUnit::description, false);
            table.getColumns().addAll(List.of(unit, load, sub, description));
            VBox.setVgrow(table, Priority.ALWAYS);
            getChildren().add(table);
        }
    }
}
