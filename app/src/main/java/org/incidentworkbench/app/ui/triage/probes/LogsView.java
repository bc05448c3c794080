package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.probes.LogPatterns;
import org.incidentworkbench.parse.LogsReport;

/**
 * The logs as "what keeps happening, and did anything kill or corrupt": messages grouped by pattern with
 * counts and first/last time, OOM kills, I/O errors and segfaults on top, severities counted in severity
 * order, and one line per log source saying where the entries came from.
 */
final class LogsView extends VBox {

    LogsView(LogsReport logs) {
        setSpacing(4);
        setPadding(new Insets(4));
        VBox sources = new VBox(1);
        sources.setId("logs-sources");
        for (String line : LogPatterns.sources(logs)) {
            Label l = new Label(line);
            l.getStyleClass().add("probe-view-summary");
            sources.getChildren().add(l);
        }
        FlowPane chips = new FlowPane(6, 4);
        chips.setId("logs-severities");
        chips.setAlignment(Pos.CENTER_LEFT);
        for (LogPatterns.SeverityCount c : LogPatterns.severities(logs)) {
            Label chip = new Label(c.severity() + "  " + c.count());
            chip.getStyleClass().addAll("severity-chip", "severity-" + chipLevel(c.severity()));
            chips.getChildren().add(chip);
        }
        String events = logs.oomKills() + " OOM kill" + (logs.oomKills() == 1 ? "" : "s") + ", " + logs.ioErrors() + " I/O error line"
                + (logs.ioErrors() == 1 ? "" : "s") + ", " + logs.segfaults() + " segfault" + (logs.segfaults() == 1 ? "" : "s");
        Label eventLabel = new Label(events);
        eventLabel.setId("logs-events");
        eventLabel.getStyleClass().add(logs.oomKills() + logs.ioErrors() + logs.segfaults() > 0 ? "probe-problem" : "probe-view-summary");
        chips.getChildren().add(0, eventLabel);

        List<LogPatterns.Group> groups = LogPatterns.groups(logs);
        ObservableList<LogPatterns.Group> items = FXCollections.observableArrayList(groups);
        TableView<LogPatterns.Group> table = new TableView<>(items);
        table.setId("logs-groups");
        table.setPlaceholder(new Label(logs.entries().isEmpty() ? "No log entries at warning or above." : "No pattern matches the filter."));
        TableColumn<LogPatterns.Group, LogPatterns.Group> sev = DfView.text("SEVERITY", 82, LogPatterns.Group::severity, false);
        TableColumn<LogPatterns.Group, LogPatterns.Group> count = DfView.text("COUNT", 56, g -> String.valueOf(g.count()), true);
        TableColumn<LogPatterns.Group, LogPatterns.Group> source = DfView.text("SOURCE", 70, LogPatterns.Group::source, false);
        TableColumn<LogPatterns.Group, LogPatterns.Group> pattern = new TableColumn<>("MESSAGE (numbers and ids masked)");
        pattern.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        pattern.setSortable(false);
        pattern.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(LogPatterns.Group g, boolean empty) {
                super.updateItem(g, empty);
                if (empty || g == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText((g.flagged() ? "[" + String.join(", ", g.flags()) + "] " : "") + g.pattern());
                Tooltip t = new Tooltip("e.g. " + g.example());
                t.setWrapText(true);
                t.setMaxWidth(900);
                setTooltip(t);
            }
        });
        TableColumn<LogPatterns.Group, LogPatterns.Group> first = DfView.text("FIRST", 116, g -> LogPatterns.shortTime(g.first()), false);
        TableColumn<LogPatterns.Group, LogPatterns.Group> last = DfView.text("LAST", 116, g -> LogPatterns.shortTime(g.last()), false);
        table.getColumns().addAll(List.of(sev, count, source, pattern, first, last));
        pattern.setMinWidth(220);
        pattern.prefWidthProperty().bind(table.widthProperty().subtract(82 + 56 + 70 + 116 + 116 + 24));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LogPatterns.Group g, boolean empty) {
                super.updateItem(g, empty);
                getStyleClass().remove("log-flagged");
                if (!empty && g != null && g.flagged()) {
                    getStyleClass().add("log-flagged");
                }
            }
        });

        TextField filter = new TextField();
        filter.getStyleClass().add("table-filter");
        filter.setPromptText("filter " + groups.size() + " patterns of " + logs.entries().size() + " entries");
        filter.textProperty().addListener((o, a, q) -> {
            String s = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
            items.setAll(s.isEmpty() ? groups : groups.stream().filter(g -> (g.severity() + " " + g.source() + " " + g.example()
                    + " " + String.join(" ", g.flags())).toLowerCase(Locale.ROOT).contains(s)).toList());
        });
        HBox.setHgrow(filter, Priority.ALWAYS);
        Label summary = new Label(logs.entries().size() + " entries in " + groups.size() + " patterns; OOM kills, I/O errors and "
                + "segfaults first, then by severity and count. Hover a message for an example as printed.");
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(sources, chips, summary, new HBox(filter), table);
    }

    private static String chipLevel(String severity) {
        int rank = LogPatterns.SEVERITY_ORDER.indexOf(severity);
        return rank >= 0 && rank <= 3 ? "critical" : rank == 4 ? "warning" : "info";
    }
}
