package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The unknown-host-key question as the window asks it (from an SSH thread): it names the alias and the
 * {@code [host]:port} known_hosts will record, and Enter, with the focus where the dialog puts it, answers
 * Cancel: a question about trust is never answered "trust" by a key pressed out of habit.
 */
@ExtendWith(ApplicationExtension.class)
class HostKeyDialogTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void theQuestionNamesAliasAndAddressAndEnterCancels(FxRobot robot) throws Exception {
        FxUserPrompter prompter = new FxUserPrompter();
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(
                () -> prompter.acceptUnknownHostKey("web-1", "[10.0.0.5]:2222", "ssh-ed25519", "SHA256:q1w2e3r4t5y6u7i8o9p0"));
        WindowFixture.waitFor(10, "the dialog", () -> dialog() != null);
        DialogPane pane = dialog();
        String header = pane.getHeaderText();
        assertTrue(header.contains("web-1") && header.contains("[10.0.0.5]:2222"), header);
        assertTrue(pane.getContentText().contains("SHA256:q1w2e3r4t5y6u7i8o9p0"), pane.getContentText());
        Button cancel = (Button) pane.lookupButton(ButtonType.CANCEL);
        WindowFixture.waitFor(5, "the focus on Cancel", cancel::isFocused);
        assertTrue(cancel.isDefaultButton(), "Cancel is the default button");
        robot.type(KeyCode.ENTER);
        assertFalse(answer.get(10, TimeUnit.SECONDS), "Enter did not trust the key");
    }

    private static DialogPane dialog() {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .filter(DialogPane.class::isInstance).map(DialogPane.class::cast).findFirst().orElse(null);
    }
}
