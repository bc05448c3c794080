package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.probes.ChecklistLine;
import org.incidentworkbench.app.model.probes.KernelChecklist;
import org.incidentworkbench.parse.KernelReport;

/**
 * The kernel counters as the 60-second checklist: one row per check (run queue, each CPU, pressure stalls,
 * swapping, OOM kills, TCP retransmits and listen overflows, interface errors, file handles), the reading in
 * words, a bar where the reading is a share, and the verdict of the rule that makes the finding.
 */
final class KernelView extends VBox {

    KernelView(KernelReport k) {
        setSpacing(4);
        setPadding(new Insets(4));
        List<ChecklistLine> rows = KernelChecklist.of(k);
        Label summary = new Label(k.intervalSeconds()
                .map(s -> "Counters read twice, " + String.format(java.util.Locale.ROOT, "%.2f", s) + " s apart: rates are per second over that interval.")
                .orElse("Only one sample arrived: counters are totals since boot, not rates, and are not judged.")
                + " Verdicts use the thresholds of the findings (docs/findings.md); \"not judged\": a total or a value without a threshold.");
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        TableView<ChecklistLine> table = new TableView<>(FXCollections.observableArrayList(rows));
        table.setId("kernel-checklist");
        table.setPlaceholder(new Label("The kernel probe read none of its files."));
        TableColumn<ChecklistLine, ChecklistLine> resource = DfView.text("RESOURCE", 80, ChecklistLine::resource, false);
        TableColumn<ChecklistLine, ChecklistLine> check = DfView.text("CHECK", 190, ChecklistLine::check, false);
        TableColumn<ChecklistLine, ChecklistLine> reading = readingColumn();
        TableColumn<ChecklistLine, ChecklistLine> verdict = verdictColumn();
        table.getColumns().addAll(List.of(resource, check, verdict, reading));
        reading.prefWidthProperty().bind(javafx.beans.binding.Bindings.max(260, table.widthProperty().subtract(80 + 190 + 96 + 24)));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, table);
    }

    /** The reading as text, or on a use bar when it is a share. */
    private static TableColumn<ChecklistLine, ChecklistLine> readingColumn() {
        TableColumn<ChecklistLine, ChecklistLine> c = new TableColumn<>("READING");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ChecklistLine l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setText(null);
                    setGraphic(null);
                } else if (l.percent() >= 0) {
                    setText(null);
                    setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                    UseBar bar = new UseBar().set(l.percent(), l.reading(), l.level(), l.judged());
                    bar.prefWidthProperty().bind(col.widthProperty().subtract(14));
                    setGraphic(bar);
                } else {
                    setGraphic(null);
                    setText(l.reading());
                    setTooltip(l.reading().length() > 40 ? new javafx.scene.control.Tooltip(l.reading()) : null);
                }
            }
        });
        return c;
    }

    private static TableColumn<ChecklistLine, ChecklistLine> verdictColumn() {
        TableColumn<ChecklistLine, ChecklistLine> c = new TableColumn<>("VERDICT");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setPrefWidth(96);
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ChecklistLine l, boolean empty) {
                super.updateItem(l, empty);
                setText(null);
                if (empty || l == null) {
                    setGraphic(null);
                    return;
                }
                Label chip = new Label(l.verdict());
                chip.getStyleClass().add("severity-chip");
                l.level().ifPresent(s -> chip.getStyleClass().add("severity-" + s.name().toLowerCase(java.util.Locale.ROOT)));
                setGraphic(chip);
            }
        });
        return c;
    }
}
