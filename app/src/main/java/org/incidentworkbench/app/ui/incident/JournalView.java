package org.incidentworkbench.app.ui.incident;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.JournalLine;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * The journal beside the work: the incident's events as a timeline (newest last, scrolled into view)
 * and a box to add a note, hypothesis or marker. Always the live incident's: a replayed bundle's
 * journal is in the replay tab, so nothing of a replay shows here. Binds to an {@link IncidentViewModel}.
 */
public final class JournalView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ListView<JournalEvent> list = new ListView<>();
    private final TextField input = new TextField();
    private final Label title = new Label("Journal");
    private HBox decideRow;

    public JournalView(IncidentViewModel vm) {
        setId("journal-pane");
        getStyleClass().add("journal-pane");
        setSpacing(6);
        setPadding(new Insets(6));
        title.getStyleClass().add("pane-title");
        Label state = new Label();
        state.setId("journal-state");
        state.setWrapText(true);
        // after Close & seal the list still holds that incident's events: say whose they are
        state.textProperty().bind(Bindings.createStringBinding(() -> vm.isRecording()
                ? "Recording: " + vm.titleProperty().get()
                : vm.events().isEmpty() ? "Not recording. Press Record to open an incident."
                : "Not recording. Below: the last incident you recorded, sealed. Record opens a new one.",
                vm.recordingProperty(), vm.titleProperty(), vm.events()));
        state.getStyleClass().add("pane-message");
        list.setId("journal-list");
        list.setItems(vm.events());
        list.setCellFactory(l -> new EventCell(list));
        // a hypothesis is confirmed or rejected from its line (menu, buttons, or C / R on the list):
        // confirmed ones are steps a trainee is measured against
        javafx.scene.control.MenuItem confirm = new javafx.scene.control.MenuItem("Confirm hypothesis");
        javafx.scene.control.MenuItem reject = new javafx.scene.control.MenuItem("Reject hypothesis");
        Runnable doConfirm = () -> selectedHypothesis().ifPresent(h -> vm.updateHypothesis(h.id(),
                org.incidentworkbench.playbooks.journal.HypothesisState.CONFIRMED, ""));
        Runnable doReject = () -> selectedHypothesis().ifPresent(h -> vm.updateHypothesis(h.id(),
                org.incidentworkbench.playbooks.journal.HypothesisState.REJECTED, ""));
        confirm.setOnAction(e -> doConfirm.run());
        reject.setOnAction(e -> doReject.run());
        javafx.beans.binding.BooleanBinding canDecide = Bindings.createBooleanBinding(
                () -> selectedHypothesis().isPresent() && vm.isRecording(), list.getSelectionModel().selectedItemProperty(), vm.recordingProperty());
        Button confirmButton = new Button("Confirm");
        confirmButton.setId("journal-confirm");
        confirmButton.setOnAction(e -> doConfirm.run());
        Button rejectButton = new Button("Reject");
        rejectButton.setId("journal-reject");
        rejectButton.setOnAction(e -> doReject.run());
        Label decide = new Label("Hypothesis:");
        decideRow = new HBox(6, decide, confirmButton, rejectButton);
        decideRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        decideRow.visibleProperty().bind(canDecide);
        decideRow.managedProperty().bind(canDecide);
        list.setOnKeyPressed(e -> {
            if (e.isShortcutDown() || e.isAltDown() || !canDecide.get()) {
                return;
            }
            if (e.getCode() == javafx.scene.input.KeyCode.C) {
                doConfirm.run();
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.R) {
                doReject.run();
                e.consume();
            }
        });
        javafx.scene.control.MenuItem redact = new javafx.scene.control.MenuItem("Redact this...");
        redact.setId("journal-redact");
        redact.setOnAction(e -> {
            JournalEvent selected = list.getSelectionModel().getSelectedItem();
            if (selected == null) {
                return;
            }
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(JournalLine.summary(selected));
            d.setTitle("Redact this");
            d.setHeaderText("Cut the text down to what must be hidden; exports and shared copies replace it everywhere.");
            d.initOwner(getScene() == null ? null : getScene().getWindow());
            d.showAndWait().ifPresent(vm::redact);
        });
        // the menu and the tooltips are popup windows: made after the window's first frame, which shows none
        org.incidentworkbench.app.ui.FxExecutors.afterNextFrame(() -> {
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(confirm, reject, redact);
            menu.setOnShowing(e -> {
                boolean ok = selectedHypothesis().isPresent() && vm.isRecording();
                confirm.setDisable(!ok);
                reject.setDisable(!ok);
                redact.setDisable(list.getSelectionModel().getSelectedItem() == null);
            });
            list.setContextMenu(menu);
            confirmButton.setTooltip(new javafx.scene.control.Tooltip("Confirm the selected hypothesis (C)"));
            rejectButton.setTooltip(new javafx.scene.control.Tooltip("Reject the selected hypothesis (R)"));
        });
        list.setPlaceholder(new Label("No events yet"));
        vm.events().addListener((javafx.collections.ListChangeListener<JournalEvent>) c -> list.scrollTo(vm.events().size() - 1));
        VBox.setVgrow(list, Priority.ALWAYS);
        ChoiceBox<IncidentViewModel.EntryKind> kind = new ChoiceBox<>();
        kind.getItems().setAll(IncidentViewModel.EntryKind.values());
        kind.setValue(IncidentViewModel.EntryKind.NOTE);
        kind.setId("journal-kind");
        input.setId("journal-input");
        input.setPromptText("+ note (Ctrl+N)");
        HBox.setHgrow(input, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("journal-add");
        Runnable doAdd = () -> {
            vm.add(kind.getValue(), input.getText());
            input.clear();
        };
        add.setOnAction(e -> doAdd.run());
        input.setOnAction(e -> doAdd.run());
        add.disableProperty().bind(vm.recordingBinding().not());
        getChildren().addAll(title, state, list, decideRow, kind, new HBox(4, input, add));
    }

    private java.util.Optional<JournalEvent.Hypothesis> selectedHypothesis() {
        JournalEvent e = list.getSelectionModel().getSelectedItem();
        return e instanceof JournalEvent.Hypothesis h ? java.util.Optional.of(h) : java.util.Optional.empty();
    }

    /** Puts the cursor in the journal box (Ctrl+N from anywhere). */
    public void focusInput() {
        input.requestFocus();
    }

    public ListView<JournalEvent> list() {
        return list;
    }

    /** One event: its time, then its text wrapped to the list's width (never a sideways scroll). */
    private static final class EventCell extends ListCell<JournalEvent> {
        private final Label time = new Label();
        private final Label text = new Label();
        private final HBox box = new HBox(6, time, text);

        EventCell(ListView<JournalEvent> list) {
            // a cell asks for no width of its own, so the list never scrolls sideways; its text wraps instead
            setPrefWidth(0);
            time.getStyleClass().add("journal-time");
            time.setMinWidth(Label.USE_PREF_SIZE);
            text.setWrapText(true);
            text.maxWidthProperty().bind(list.widthProperty().subtract(90));
        }

        @Override
        protected void updateItem(JournalEvent e, boolean empty) {
            super.updateItem(e, empty);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            time.setText(TIME.format(e.time()));
            text.setText(JournalLine.summary(e));
            setGraphic(box);
        }
    }
}
