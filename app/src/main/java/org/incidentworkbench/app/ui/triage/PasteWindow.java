package org.incidentworkbench.app.ui.triage;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.incidentworkbench.app.model.PastedOutput;
import org.incidentworkbench.probe.TriageReport;

/**
 * "Paste command output": a window where an engineer pastes what a terminal printed (ps, df, ss, top, iostat, ip, w,
 * uptime, free, vmstat, logs) and sees it as a triage shows that probe: the findings that apply, then the probe's
 * purpose-built view ({@code ProbeViews}), its tables and the raw text. The parser is picked as {@code workbench parse
 * auto} picks it ({@link PastedOutput}); reading runs on {@code io}, so a big paste does not freeze the window.
 */
public final class PasteWindow extends BorderPane {

    private final Executor io;
    private final TextArea input = new TextArea();
    private final Label sentence = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final BorderPane result = new BorderPane();
    private long generation;

    public PasteWindow(Executor io) {
        this.io = io;
        setId("paste-window");
        Label intro = new Label("Paste what a command printed in a terminal (" + PastedOutput.KNOWN + "). The workbench"
                + " recognises the command from the text and shows it as a triage shows that probe.");
        intro.setWrapText(true);
        intro.getStyleClass().add("pane-message");
        input.setId("paste-input");
        input.getStyleClass().add("raw-text");
        input.setPromptText("USER  PID %CPU %MEM    VSZ   RSS TTY  STAT START   TIME COMMAND\nroot    1  0.0  0.1 168000 11000 ?   Ss   09:12   0:02 /sbin/init");
        input.setPrefRowCount(8);
        Button read = new Button("Read it");
        read.setId("paste-read");
        read.setDefaultButton(false);
        read.setTooltip(new javafx.scene.control.Tooltip("Read the pasted text (Ctrl+Enter)"));
        read.setOnAction(e -> read());
        Button fromClipboard = new Button("Paste from clipboard");
        fromClipboard.setId("paste-clipboard");
        fromClipboard.setOnAction(e -> {
            String text = Clipboard.getSystemClipboard().getString();
            if (text != null) {
                input.setText(text);
                read();
            }
        });
        input.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                e.consume();
                read();
            }
        });
        busy.setVisible(false);
        busy.setPrefSize(18, 18);
        sentence.setId("paste-sentence");
        sentence.setWrapText(true);
        HBox.setHgrow(sentence, Priority.ALWAYS);
        sentence.setMaxWidth(Double.MAX_VALUE);
        HBox actions = new HBox(8, read, fromClipboard, busy, sentence);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox top = new VBox(6, intro, input, actions);
        VBox.setVgrow(input, Priority.ALWAYS);
        top.setPadding(new Insets(8));
        result.setId("paste-result");
        SplitPane split = new SplitPane(top, result);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.32);
        setCenter(split);
        sentence.setText("Nothing read yet.");
    }

    /** Opens the window beside {@code owner}, with the clipboard's text already read when it holds some. */
    public static PasteWindow open(Window owner, Executor io, boolean fromClipboard) {
        PasteWindow view = new PasteWindow(io);
        Stage stage = new Stage();
        stage.setTitle("Pasted command output - Incident Workbench");
        if (owner != null) {
            stage.initOwner(owner);
        }
        Scene scene = new Scene(view, 1100, 760);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot() != null) {
                view.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass());
            }
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), stage::close);
        stage.setScene(scene);
        stage.show();
        if (fromClipboard) {
            String text = Clipboard.getSystemClipboard().getString();
            if (text != null && !text.isBlank()) {
                view.input.setText(text);
                view.read();
            }
        }
        view.input.requestFocus();
        return view;
    }

    /** Reads the text area's text off the FX thread; the newest reading wins. */
    public void read() {
        String text = input.getText();
        long mine = ++generation;
        busy.setVisible(true);
        sentence.setText("Reading " + (text.length() > 100_000 ? text.length() / 1024 + " KiB" : "the text") + "...");
        CompletableFuture.supplyAsync(() -> PastedOutput.read(text, Instant.now()), io).whenComplete((out, error) ->
                Platform.runLater(() -> {
                    if (mine != generation) {
                        return;
                    }
                    busy.setVisible(false);
                    if (error != null) {
                        sentence.setText("The text could not be read: " + error.getMessage());
                        result.setCenter(null);
                        return;
                    }
                    sentence.setText(out.sentence());
                    result.setCenter(out.report().map(PasteWindow::content).orElse(null));
                }));
    }

    private static Node content(TriageReport report) {
        SplitPane split = new SplitPane(TriageView.findingsPane(report, false), TriageView.probeContent(report.results().get(0)));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        return split;
    }

    /** For tests: the text area. */
    public TextArea input() {
        return input;
    }

    /** For tests: what was read, or why not. */
    public Label sentence() {
        return sentence;
    }
}
