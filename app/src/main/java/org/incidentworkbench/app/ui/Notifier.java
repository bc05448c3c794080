package org.incidentworkbench.app.ui;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows view-models' {@link Notice}s as ControlsFX notifications in the window's corner (non-modal,
 * they fade) and keeps the last ones in {@link #history()} for the status bar and for tests.
 * Accepts notices from any thread.
 */
public final class Notifier implements Consumer<Notice> {

    private final ObservableList<Notice> history = FXCollections.observableArrayList();
    private Window owner;

    public void owner(Window window) {
        this.owner = window;
    }

    @Override
    public void accept(Notice notice) {
        FxExecutors.fxThread().execute(() -> show(notice));
    }

    private void show(Notice n) {
        history.add(n);
        if (history.size() > 50) {
            history.remove(0);
        }
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Notifications note = Notifications.create()
                .title(n.title())
                .text(n.text())
                .owner(owner)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(n.level() == Notice.Level.CRITICAL ? 12 : 6));
        switch (n.level()) {
            case CRITICAL -> note.showError();
            case WARNING -> note.showWarning();
            default -> note.showInformation();
        }
    }

    public ObservableList<Notice> history() {
        return history;
    }
}
