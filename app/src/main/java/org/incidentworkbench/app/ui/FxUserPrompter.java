package org.incidentworkbench.app.ui;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * Asks SSH's questions in dialogs: a key passphrase, a password, whether to trust a host key never
 * seen before (with its SHA-256 fingerprint to compare). Called on SSH threads, it shows the dialog
 * on the FX thread and waits for the answer there, so the FX thread never waits on SSH. Dialogs are
 * shown one at a time (hosts connecting in parallel queue their questions). Answers stay in memory;
 * passwords are never written anywhere. Called on the FX thread itself it refuses, since waiting
 * there would freeze the window.
 */
public final class FxUserPrompter implements UserPrompter {

    @Override
    public synchronized Optional<char[]> passphrase(String keyFile) {
        return ask("Key passphrase", "The key " + keyFile + " is encrypted. Enter its passphrase (used for this session only).");
    }

    @Override
    public synchronized Optional<char[]> password(String target) {
        return ask("Password for " + target, "Enter the password for " + target + " (used for this connection only, never saved).");
    }

    @Override
    public boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint) {
        return acceptUnknownHostKey(host, host, keyType, sha256Fingerprint);
    }

    /**
     * Names the host as the user knows it and as known_hosts will ({@code web-1 ([10.0.0.5]:2222)}), and
     * puts the focus on Cancel: Enter or Space on a question about trust must not trust.
     */
    @Override
    public synchronized boolean acceptUnknownHostKey(String alias, String host, String keyType, String sha256Fingerprint) {
        if (Platform.isFxApplicationThread()) {
            return false;
        }
        return onFx(() -> {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION);
            a.setTitle("Unknown host key");
            a.setHeaderText((alias.equals(host) ? host : alias + " (" + host + ")") + " is not in your known_hosts yet");
            a.setContentText("The server offers this " + keyType + " key:\n\n    " + sha256Fingerprint + "\n\n"
                    + "Compare it with the fingerprint the server's administrator gives you. Trust it and remember it in known_hosts"
                    + " as " + host + "?");
            ButtonType trust = new ButtonType("Trust and remember");
            a.getButtonTypes().setAll(trust, ButtonType.CANCEL);
            javafx.scene.control.Button cancel = (javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL);
            ((javafx.scene.control.Button) a.getDialogPane().lookupButton(trust)).setDefaultButton(false);
            cancel.setDefaultButton(true);
            a.setOnShown(e -> cancel.requestFocus());
            return a.showAndWait().filter(b -> b == trust).isPresent();
        }, false);
    }

    private Optional<char[]> ask(String title, String text) {
        if (Platform.isFxApplicationThread()) {
            return Optional.empty();
        }
        return onFx(() -> {
            Dialog<char[]> d = new Dialog<>();
            d.setTitle(title);
            PasswordField field = new PasswordField();
            Label l = new Label(text);
            l.setWrapText(true);
            d.getDialogPane().setContent(new VBox(8, l, field));
            d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
            d.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
            Platform.runLater(field::requestFocus);
            Optional<char[]> answer = d.showAndWait();
            field.clear();
            return answer;
        }, Optional.empty());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> dialog, T refusal) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(dialog.call());
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refusal;
        } catch (ExecutionException e) {
            return refusal;
        }
    }
}
