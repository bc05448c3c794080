package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.incidentworkbench.app.model.PastedOutput;
import org.incidentworkbench.app.model.probes.ProbeFixtures;
import org.incidentworkbench.app.ui.triage.PasteWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Paste output" in a real window: ps aux captured on Debian 12 (zombies, D state) copied to the clipboard, the
 * shortcut opens the paste window, which reads it as ps and shows the triage's process view with the zombie finding;
 * text that is no command's output gets the sentence naming the commands it reads.
 */
@ExtendWith(ApplicationExtension.class)
class PasteOutputTest {

    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture();
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        WindowFixture.runFx(() -> Window.getWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().getRoot() instanceof PasteWindow).toList().forEach(Window::hide));
        fx.close();
    }

    @Test
    void psAuxFromTheClipboardShowsTheProcessViewAndItsFindings(FxRobot robot) throws Exception {
        String ps = ProbeFixtures.text("ps-aux--d-state-zombies.out");
        WindowFixture.runFx(() -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(ps);
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.V)
                .release(javafx.scene.input.KeyCode.V, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        AtomicReference<PasteWindow> paste = new AtomicReference<>();
        WindowFixture.waitFor(10, "the paste window", () -> {
            Window.getWindows().stream().filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof PasteWindow)
                    .findFirst().ifPresent(w -> paste.set((PasteWindow) w.getScene().getRoot()));
            return paste.get() != null;
        });
        PasteWindow view = paste.get();
        WindowFixture.waitFor(20, "the paste read as ps", () -> view.sentence().getText().startsWith("Read as ps output"));
        assertTrue(WindowFixture.onFx(() -> view.input().getText().equals(ps)), "the clipboard's text is in the text area");
        WindowFixture.waitFor(10, "the triage's process view", () -> view.lookup("#probe-view-ps") != null
                && view.lookup("#process-table") instanceof TableView<?> t && !t.getItems().isEmpty());
        assertTrue(WindowFixture.onFx(() -> view.lookupAll(".finding-title").stream()
                .anyMatch(n -> ((Label) n).getText().contains("zombie"))), "the zombie finding is listed");
        assertTrue(WindowFixture.onFx(() -> view.lookupAll(".finding-title").stream()
                .noneMatch(n -> ((Label) n).getText().startsWith("COVERAGE"))), "a paste has no coverage line");

        WindowFixture.runFx(() -> view.input().setText("Hi all, the checkout API has been slow since 09:00.\nAnyone?\n"));
        robot.clickOn("#paste-read");
        WindowFixture.waitFor(10, "the sentence for unknown text", () -> view.sentence().getText().contains("does not recognise"));
        assertTrue(view.sentence().getText().contains(PastedOutput.KNOWN), view.sentence().getText());
        Node result = view.lookup("#paste-result");
        assertFalse(WindowFixture.onFx(() -> result.lookup("#process-table") != null), "the old view is gone");
    }
}
