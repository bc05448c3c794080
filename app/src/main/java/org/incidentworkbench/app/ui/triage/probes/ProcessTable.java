package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.incidentworkbench.app.model.probes.ProcessLine;
import org.incidentworkbench.app.model.probes.ProcessList;
import org.incidentworkbench.app.model.probes.ProcessStates;

/**
 * A process table as htop shows one: top consumers first (sort buttons for CPU, RSS and running time),
 * kernel threads hidden unless asked for, an optional parent/child tree, zombie and D-state rows
 * marked, state letters explained, the command line shortened to the column with the full text in a
 * tooltip and on copy (Ctrl+C or the context menu). Used by the ps view and, without tree and running
 * time, by the top view.
 */
final class ProcessTable extends VBox {

    private final List<ProcessLine> all;
    private final TableView<ProcessLine> table = new TableView<>();
    private final ObservableList<ProcessLine> items = FXCollections.observableArrayList();
    private final CheckBox kernel = new CheckBox();
    private final CheckBox tree = new CheckBox("tree (parent → child)");
    private final TextField filter = new TextField();
    private final ToggleGroup sortGroup = new ToggleGroup();
    private ProcessList.SortKey key = ProcessList.SortKey.CPU;

    /**
     * @param rows     the processes
     * @param withTree whether parents are known (ps), so the tree toggle and running time are offered
     * @param cpuNote  what %CPU means for this tool, shown under the controls
     */
    ProcessTable(List<ProcessLine> rows, boolean withTree, String cpuNote) {
        this.all = List.copyOf(rows);
        getStyleClass().add("process-table");
        setSpacing(4);
        setPadding(new Insets(4));
        long kernelCount = rows.stream().filter(ProcessLine::kernelThread).count();
        kernel.setText("kernel threads (" + kernelCount + ")");
        kernel.setId("process-kernel-toggle");
        tree.setId("process-tree-toggle");
        filter.getStyleClass().add("table-filter");
        filter.setPromptText("filter processes (user, state, command...)");
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox sortBox = new HBox(0);
        sortBox.getStyleClass().add("segmented");
        for (ProcessList.SortKey k : ProcessList.SortKey.values()) {
            if (k == ProcessList.SortKey.ELAPSED && !withTree) {
                continue;
            }
            ToggleButton b = new ToggleButton(k.label());
            b.setId("process-sort-" + k.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(sortGroup);
            b.setUserData(k);
            b.setSelected(k == key);
            sortBox.getChildren().add(b);
        }
        sortGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one key is always chosen
                return;
            }
            key = (ProcessList.SortKey) b.getUserData();
            refresh();
        });
        Label sortLabel = new Label("Top by");
        filter.setPrefColumnCount(14);
        HBox controls = new HBox(8, sortLabel, sortBox, kernel, tree, filter);
        controls.setAlignment(Pos.CENTER_LEFT);
        // the filter gives way first; the buttons and toggles keep their words
        for (javafx.scene.Node n : List.of(sortLabel, sortBox, kernel, tree)) {
            ((javafx.scene.layout.Region) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        sortBox.getChildren().forEach(b -> ((javafx.scene.layout.Region) b).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        filter.setMinWidth(80);
        tree.setVisible(withTree);
        tree.setManaged(withTree);
        Label summary = new Label(ProcessList.summary(all) + ".  " + cpuNote);
        summary.getStyleClass().add("probe-view-summary");
        summary.setId("process-summary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        table.setId("process-table");
        table.setItems(items);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No process matches the filter."));
        TableColumn<ProcessLine, ProcessLine> pid = column("PID", 62, p -> String.valueOf(p.pid()), true);
        TableColumn<ProcessLine, ProcessLine> user = column("USER", 70, ProcessLine::user, false);
        TableColumn<ProcessLine, ProcessLine> state = column("STATE", 112, ProcessLine::stateText, false);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ProcessLine p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.stateText());
                setTooltip(empty || p == null || p.state().isEmpty() ? null : new Tooltip(ProcessStates.explain(p.state())));
            }
        });
        TableColumn<ProcessLine, ProcessLine> cpu = column("%CPU", 56, ProcessLine::cpuText, true);
        TableColumn<ProcessLine, ProcessLine> rss = column("RSS", 72, ProcessLine::rssText, true);
        TableColumn<ProcessLine, ProcessLine> elapsed = column("RUNNING", 96, ProcessLine::elapsedText, true);
        TableColumn<ProcessLine, ProcessLine> command = column("COMMAND", 300, ProcessLine::command, false);
        command.setCellFactory(c -> new CommandCell());
        command.setMinWidth(240);
        // what matters first: who, how much; %MEM and the rest are in the "processes" table beside this one
        table.getColumns().add(pid);
        table.getColumns().add(cpu);
        table.getColumns().add(rss);
        if (withTree) {
            table.getColumns().add(elapsed);
        }
        table.getColumns().add(state);
        table.getColumns().add(user);
        table.getColumns().add(command);
        // the command line takes what the other columns leave, so it is visible without scrolling sideways
        command.prefWidthProperty().bind(table.widthProperty().subtract(
                table.getColumns().stream().filter(c -> c != command).mapToDouble(TableColumn::getPrefWidth).sum() + 24));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ProcessLine p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("process-zombie", "process-uninterruptible", "process-kernel");
                if (!empty && p != null) {
                    if (p.zombie()) {
                        getStyleClass().add("process-zombie");
                    } else if (p.uninterruptible()) {
                        getStyleClass().add("process-uninterruptible");
                    } else if (p.kernelThread()) {
                        getStyleClass().add("process-kernel");
                    }
                }
            }
        });
        MenuItem copy = new MenuItem("Copy rows with full command lines");
        copy.setOnAction(e -> copySelection());
        table.setContextMenu(new ContextMenu(copy));
        KeyCombination copyKeys = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.setOnKeyPressed(e -> {
            if (copyKeys.match(e)) {
                copySelection();
                e.consume();
            }
        });
        kernel.selectedProperty().addListener((o, a, b) -> refresh());
        tree.selectedProperty().addListener((o, a, b) -> refresh());
        filter.textProperty().addListener((o, a, b) -> refresh());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(controls, summary, table);
        refresh();
    }

    /** Recomputes the rows from the toggles: which rows, in which order (the model's, not the table's sort). */
    private void refresh() {
        List<ProcessLine> rows = ProcessList.visible(all, kernel.isSelected());
        rows = tree.isSelected() ? ProcessList.tree(rows, key) : ProcessList.sorted(rows, key);
        String q = filter.getText() == null ? "" : filter.getText().strip().toLowerCase(Locale.ROOT);
        if (!q.isEmpty()) {
            String[] words = q.split("\\s+");
            rows = rows.stream().filter(p -> matches(p, words)).toList();
        }
        table.getSortOrder().clear();
        items.setAll(rows);
    }

    private static boolean matches(ProcessLine p, String[] words) {
        String hay = (p.pid() + " " + p.user() + " " + p.stateText() + " " + p.command()).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!hay.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private void copySelection() {
        List<ProcessLine> rows = table.getSelectionModel().getSelectedItems();
        if (rows.isEmpty()) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(ProcessList.copyText(List.copyOf(rows)));
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** A column whose cells show {@code text} of the row's process (the value is the process itself, so cells never read a stale row). */
    private static TableColumn<ProcessLine, ProcessLine> column(String name, double width, Function<ProcessLine, String> text,
                                                               boolean numeric) {
        TableColumn<ProcessLine, ProcessLine> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setPrefWidth(width);
        // ordering comes from the "Top by" buttons, whose order the tree keeps too
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ProcessLine p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : text.apply(p));
            }
        });
        if (numeric) {
            c.getStyleClass().add("numeric-column");
        }
        return c;
    }

    /** The command line, indented in the tree, shortened with an ellipsis by the cell; the full text in the tooltip. */
    private static final class CommandCell extends TableCell<ProcessLine, ProcessLine> {
        private final Tooltip tip = new Tooltip();

        CommandCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(900);
            tip.setShowDelay(Duration.millis(300));
            getStyleClass().add("command-cell");
        }

        @Override
        protected void updateItem(ProcessLine p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(p.depth() == 0 ? p.command() : "  ".repeat(p.depth() - 1) + "└ " + p.command());
            tip.setText(p.command());
            setTooltip(tip);
        }
    }

    TableView<ProcessLine> table() {
        return table;
    }
}
