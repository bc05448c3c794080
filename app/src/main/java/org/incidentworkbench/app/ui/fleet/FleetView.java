package org.incidentworkbench.app.ui.fleet;

import java.util.OptionalDouble;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import org.incidentworkbench.app.ui.hosts.HostRow;

/**
 * The fleet: one row per triaged host with its key numbers side by side, sortable by any column;
 * a number that stands out (in its bad direction) from the host's role is highlighted, with the
 * group it was compared with in the tooltip. Double-click opens the host's triage.
 */
public final class FleetView extends BorderPane {

    private final TableView<FleetRow> table = new TableView<>();

    public FleetView(FleetViewModel vm, Consumer<HostRow> open) {
        setId("fleet-view");
        table.setId("fleet-table");
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("Triage some hosts (select them and press Ctrl+T) to compare them here."));
        TableColumn<FleetRow, String> host = new TableColumn<>("host");
        host.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().host().name()));
        host.setPrefWidth(120);
        TableColumn<FleetRow, String> role = new TableColumn<>("role");
        role.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().host().entry().role()));
        table.getColumns().add(host);
        table.getColumns().add(role);
        for (FleetColumn c : FleetColumn.values()) {
            TableColumn<FleetRow, FleetRow> col = new TableColumn<>(c.title());
            col.setId("fleet-" + c.name().toLowerCase(java.util.Locale.ROOT));
            col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
            col.setComparator((a, b) -> compare(c.read(a.figures()), c.read(b.figures())));
            col.setCellFactory(tc -> new FigureCell(c));
            col.setPrefWidth(c == FleetColumn.FULLEST_PCT || c == FleetColumn.BUSIEST_UTIL ? 120 : 68);
            table.getColumns().add(col);
        }
        table.setRowFactory(tv -> {
            TableRow<FleetRow> r = new TableRow<>();
            r.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && r.getItem() != null) {
                    open.accept(r.getItem().host());
                }
            });
            return r;
        });
        Label legend = new Label("Highlighted: far from the host's role (modified z-score over 3.5, median and MAD), "
                + "in the direction that hurts. Double-click a host to open its triage.");
        legend.getStyleClass().add("pane-message");
        legend.setPadding(new Insets(4));
        Label header = new Label();
        header.setId("fleet-header");
        header.textProperty().bind(vm.headerProperty());
        header.setPadding(new Insets(4));
        header.getStyleClass().add("pane-message");
        vm.headerProperty().addListener((o, a, t) -> {
            header.getStyleClass().remove("replay");
            if (vm.replaying()) {
                header.getStyleClass().add("replay");
            }
        });
        setTop(header);
        setCenter(table);
        setBottom(legend);
    }

    public TableView<FleetRow> table() {
        return table;
    }

    private static int compare(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? (b.isEmpty() ? 0 : 1) : -1;
        }
        return Double.compare(a.getAsDouble(), b.getAsDouble());
    }

    /** A figure, right-aligned, highlighted when it is an outlier in its bad direction. */
    private static final class FigureCell extends TableCell<FleetRow, FleetRow> {
        private final FleetColumn column;
        private final Tooltip tip = new Tooltip();

        FigureCell(FleetColumn column) {
            this.column = column;
            getStyleClass().add("numeric");
        }

        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("fleet-outlier-high", "fleet-outlier-low");
            setTooltip(null);
            if (empty || row == null) {
                setText(null);
                return;
            }
            OptionalDouble v = column.read(row.figures());
            String text = v.isPresent() ? column.format(v.getAsDouble()) : "";
            if (column == FleetColumn.FULLEST_PCT) {
                text = row.figures().fullestMount().map(m -> m + "  ").orElse("") + text;
            } else if (column == FleetColumn.BUSIEST_UTIL) {
                text = row.figures().busiestDevice().map(d -> d + "  ").orElse("") + text;
            }
            setText(text);
            if (row.isBad(column)) {
                getStyleClass().add(column.bad() == FleetColumn.Bad.HIGH ? "fleet-outlier-high" : "fleet-outlier-low");
                tip.setText(column.title() + " stands out " + (column.bad() == FleetColumn.Bad.HIGH ? "high" : "low")
                        + " against " + row.comparedWith() + ".");
                setTooltip(tip);
            }
        }
    }
}
