package org.incidentworkbench.app.ui.triage;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.DataTable;

/** A {@link DataTable} as a sortable table with a filter box (rows containing every typed word). */
public final class DataTableView extends VBox {

    private final TableView<List<Object>> table = new TableView<>();
    private final TextField filter = new TextField();

    public DataTableView(DataTable data) {
        setSpacing(4);
        setPadding(new Insets(4));
        filter.setPromptText("filter " + data.name() + " (" + data.rows().size() + " rows)");
        filter.getStyleClass().add("table-filter");
        HBox.setHgrow(filter, Priority.ALWAYS);
        FilteredList<List<Object>> filtered = new FilteredList<>(FXCollections.observableArrayList(data.rows()), r -> true);
        filter.textProperty().addListener((o, a, q) -> filtered.setPredicate(row -> matches(row, q)));
        SortedList<List<Object>> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("no rows"));
        for (int i = 0; i < data.columns().size(); i++) {
            int col = i;
            TableColumn<List<Object>, Object> c = new TableColumn<>(data.columns().get(i));
            c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(col < cd.getValue().size() ? cd.getValue().get(col) : null));
            c.setComparator(DataTable::compareCells);
            c.setCellFactory(tc -> new TableCell<>() {
                @Override
                protected void updateItem(Object item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : DataTable.format(item));
                    getStyleClass().remove("numeric");
                    if (!empty && item instanceof Number) {
                        getStyleClass().add("numeric");
                    }
                }
            });
            c.setPrefWidth(Math.max(60, Math.min(420, 9 * Math.max(data.columns().get(i).length(), widest(data, i)) + 16)));
            table.getColumns().add(c);
        }
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(new HBox(filter), table);
    }

    private static int widest(DataTable data, int col) {
        int w = 0;
        for (int r = 0; r < Math.min(50, data.rows().size()); r++) {
            w = Math.max(w, DataTable.format(data.rows().get(r).get(col)).length());
        }
        return w;
    }

    private static boolean matches(List<Object> row, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        StringBuilder hay = new StringBuilder();
        row.forEach(c -> hay.append(DataTable.format(c)).append(' '));
        String h = hay.toString().toLowerCase(Locale.ROOT);
        for (String w : query.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!h.contains(w)) {
                return false;
            }
        }
        return true;
    }

    public TableView<List<Object>> table() {
        return table;
    }

    public TextField filter() {
        return filter;
    }
}
