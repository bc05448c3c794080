package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.format.Percent;
import org.incidentworkbench.app.model.probes.DeviceLine;
import org.incidentworkbench.app.model.probes.DeviceTable;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.probe.Severity;

/**
 * iostat as "is a disk the bottleneck": per device %util as a bar, read and write await, queue size,
 * request rates and throughput first, coloured at the {@code disk.saturation} thresholds; every other
 * column iostat printed behind "more columns".
 */
final class IostatView extends VBox {

    IostatView(IostatReport io) {
        setSpacing(4);
        setPadding(new Insets(4));
        List<DeviceLine> rows = DeviceTable.of(io);
        FindingLimits.Rising util = FindingLimits.deviceUtilPercent();
        FindingLimits.Rising await = FindingLimits.deviceAwaitMillis();
        Label summary = new Label(rows.size() + (rows.size() == 1 ? " device" : " devices, busiest first") + ", over " + (io.source().equals("iostat")
                ? "iostat's last one-second report" : "two /proc/diskstats reads") + ". Amber from " + Percent.of(util.warning())
                + " util or " + fmt(await.warning()) + " ms await, red from " + fmt(await.critical())
                + " ms (the disk.saturation finding's thresholds). On NVMe and RAID a high %util alone can be normal.");
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        CheckBox more = new CheckBox("more columns (" + DeviceLine.moreColumns(rows).size() + ")");
        more.setId("iostat-more");
        HBox controls = new HBox(8, more);
        controls.setAlignment(Pos.CENTER_LEFT);

        TableView<DeviceLine> table = new TableView<>(FXCollections.observableArrayList(rows));
        table.setId("iostat-table");
        table.setPlaceholder(new Label("iostat listed no devices."));
        table.getColumns().add(DfView.text("DEVICE", 80, DeviceLine::name, false));
        table.getColumns().add(DfView.bar("%UTIL", 130, d -> Double.isNaN(d.utilPercent()) ? null
                : new UseBar().set(d.utilPercent(), d.utilText(), d.utilLevel(), true)));
        table.getColumns().add(levelled("R_AWAIT", 76, DeviceLine::readAwaitText, DeviceLine::awaitLevel));
        table.getColumns().add(levelled("W_AWAIT", 76, DeviceLine::writeAwaitText, DeviceLine::awaitLevel));
        table.getColumns().add(DfView.text("AQU-SZ", 60, DeviceLine::queueText, true));
        table.getColumns().add(DfView.text("R/S", 64, DeviceLine::readsText, true));
        table.getColumns().add(DfView.text("W/S", 64, DeviceLine::writesText, true));
        table.getColumns().add(DfView.text("READ", 80, DeviceLine::readThroughputText, true));
        table.getColumns().add(DfView.text("WRITE", 80, DeviceLine::writeThroughputText, true));
        List<TableColumn<DeviceLine, DeviceLine>> extra = DeviceLine.moreColumns(rows).stream()
                .map(h -> DfView.<DeviceLine>text(h, 70, d -> d.more().getOrDefault(h, ""), true)).toList();
        more.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                table.getColumns().addAll(extra);
            } else {
                table.getColumns().removeAll(extra);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, controls, table);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A numeric column whose cell turns to the problem colour when the row's level is a warning or worse. */
    private static TableColumn<DeviceLine, DeviceLine> levelled(String name, double width, Function<DeviceLine, String> text,
                                                                Function<DeviceLine, Optional<Severity>> level) {
        TableColumn<DeviceLine, DeviceLine> c = DfView.text(name, width, text, true);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(DeviceLine d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : text.apply(d));
                getStyleClass().remove("nonzero-problem");
                if (!empty && d != null && level.apply(d).isPresent()) {
                    getStyleClass().add("nonzero-problem");
                }
            }
        });
        return c;
    }
}
