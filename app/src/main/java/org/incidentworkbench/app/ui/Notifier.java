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

    /**
     * Loads ControlsFX's notification classes on a background thread, so the first notification
     * (often at the end of the first triage, when the FX thread is busiest) does not pay for it.
     */
    public static void prewarm() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(3000); // after the window is up, not competing with its start
            } catch (InterruptedException e) {
                return;
            }
            for (String c : new String[] {"org.controlsfx.control.Notifications", "impl.org.controlsfx.skin.NotificationBar",
                "org.controlsfx.control.Notifications$NotificationPopupHandler", "org.controlsfx.control.action.Action",
                "javafx.stage.Popup", "javafx.animation.Timeline"}) {
                try {
                    Class.forName(c, true, Notifier.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // only a warm-up
                }
            }
        }, "workbench-prewarm");
        t.setDaemon(true);
        t.start();
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
                .title(shorten(n.title(), LINE))
                .text(shorten(n.text(), LINE))
                .owner(owner)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(n.level() == Notice.Level.CRITICAL ? 12 : 6));
        // our own small graphic instead of showError()'s PNG icons: decoding those on the FX thread
        // cost a visible hitch at the end of a triage on a loaded machine
        javafx.scene.control.Label icon = new javafx.scene.control.Label(n.level() == Notice.Level.INFO ? "i" : "!");
        icon.getStyleClass().addAll("notice-icon", "notice-" + n.level().name().toLowerCase(java.util.Locale.ROOT));
        icon.setStyle("-fx-font-size: 22px; -fx-font-weight: bold; -fx-min-width: 34; -fx-alignment: center; -fx-text-fill: white; "
                + "-fx-background-radius: 17; -fx-background-color: " + switch (n.level()) {
                    case CRITICAL -> "#cf222e";
                    case WARNING -> "#9a6700"; // white on it: 4.9:1 (WCAG AA)
                    default -> "#1f6feb";
                } + ";");
        note.graphic(icon).show();
    }

    /**
     * Characters of a notice's title or text: its popup stays one line tall and at most about 440 px wide. ControlsFX
     * right-aligns stacked notices to the newest one's width, so a wide older one reached past the window and the
     * screen (on the tests' headless screen that failed every frame with a BufferOverflowException).
     */
    static final int LINE = 44;

    /**
     * The text on one line of at most {@code width} characters, its middle elided when longer (the status bar shows the
     * whole text). The notification does not wrap by itself: one long line made a popup over 1000 px wide that reached
     * past the window's and the screen's right edge (and, on the tests' headless screen, failed every frame with a
     * BufferOverflowException); wrapped lines made it taller, over the journal's buttons.
     */
    static String shorten(String text, int width) {
        String line = text.replace('\n', ' ');
        if (line.length() <= width) {
            return line;
        }
        int tail = (width - 1) / 2;
        int head = width - 1 - tail;
        return line.substring(0, head) + "\u2026" + line.substring(line.length() - tail);
    }

    public ObservableList<Notice> history() {
        return history;
    }
}
