package org.incidentworkbench.app.ui.library;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.library.LibraryEntry;

/**
 * The "Team library" pane: the folder, a search field (title, role, tag, finding rule; {@code role:web}
 * narrows), the incidents, and Replay, Train and "Publish to library". Double-clicking an incident
 * replays it. Binds to {@link LibraryViewModel}.
 */
public final class LibraryView extends VBox {

    private final TableView<LibraryEntry> table = new TableView<>();

    /**
     * @param openBundle the bundle open in the replay, which "Publish to library" publishes
     */
    public LibraryView(LibraryViewModel vm, Supplier<Optional<IncidentBundle>> openBundle) {
        setId("library-view");
        setSpacing(6);
        setPadding(new Insets(6));
        setPrefWidth(460);

        TextField folder = new TextField();
        folder.setId("library-folder");
        folder.setPromptText("the team's incident folder");
        folder.setText(vm.folderProperty().get());
        vm.folderProperty().addListener((o, a, f) -> folder.setText(f));
        folder.setOnAction(e -> vm.useFolder(Path.of(folder.getText().strip())));
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = new Button("Choose...");
        choose.setId("library-choose");
        choose.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("The team's incident folder");
            File d = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (d != null) {
                vm.useFolder(d.toPath());
            }
        });
        Button reload = new Button("Reload");
        reload.setOnAction(e -> vm.rescan());

        TextField search = new TextField();
        search.setId("library-search");
        search.setPromptText("search: title, role, tag, finding rule (role:web rule:fs.full tag:went-wrong)");
        search.textProperty().bindBidirectional(vm.queryProperty());

        table.setId("library-table");
        table.setItems(vm.shown());
        table.setPlaceholder(new Label("No incidents here yet."));
        table.getColumns().add(column("incident", e -> e.title(), 180));
        table.getColumns().add(column("severity", LibraryEntry::severity, 60));
        table.getColumns().add(column("roles", e -> String.join(", ", e.hostRoles()), 70));
        table.getColumns().add(column("findings", e -> String.join(", ", e.findingRules()), 110));
        table.getColumns().add(column("playbook", e -> e.playbook().orElse(""), 90));
        table.getColumns().add(column("tags", e -> String.join(", ", e.tags()), 120));
        table.getColumns().add(column("shared", e -> e.shared() ? "redacted" : "original", 70));
        table.setRowFactory(t -> {
            TableRow<LibraryEntry> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.replay(row.getItem());
                }
            });
            return row;
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button replay = new Button("Replay");
        replay.setId("library-replay");
        replay.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        replay.setOnAction(e -> vm.replay(table.getSelectionModel().getSelectedItem()));
        Button train = new Button("Train");
        train.setId("library-train");
        train.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        train.setOnAction(e -> vm.train(table.getSelectionModel().getSelectedItem()));
        Button publish = new Button("Publish to library");
        publish.setId("library-publish");
        publish.setTooltip(new javafx.scene.control.Tooltip("Put the bundle open in the replay into the library; an original is "
                + "redacted for sharing first, so only redacted copies go in"));
        publish.setOnAction(e -> openBundle.get().ifPresentOrElse(b -> vm.publish(b, p -> { }),
                () -> vm.statusProperty().set("Open a bundle in the replay first; Publish puts a redacted copy of it here.")));

        Label status = new Label();
        status.setId("library-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());

        getChildren().addAll(new Label("Team library"), new HBox(6, folder, choose, reload), search, table,
                new HBox(6, replay, train, publish), status);
    }

    private static TableColumn<LibraryEntry, String> column(String name, java.util.function.Function<LibraryEntry, String> value,
                                                            double width) {
        TableColumn<LibraryEntry, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** For tests: the incidents table. */
    public TableView<LibraryEntry> table() {
        return table;
    }
}
