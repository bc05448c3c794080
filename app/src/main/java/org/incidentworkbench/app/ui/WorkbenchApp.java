package org.incidentworkbench.app.ui;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application: {@code ./workbench} with no arguments lands here through
 * {@code Launcher.main → WorkbenchApp.launchWindow}. Builds the services off the FX thread's critical
 * path, shows the window at its remembered size, and saves size and layout when it closes.
 */
public final class WorkbenchApp extends Application {

    /** System nano time when main started, for the launch-to-interactive benchmark. */
    static final AtomicLong MAIN_STARTED_NANOS = new AtomicLong();

    private WorkbenchContext ctx;
    private MainView view;

    /** Opens the window and returns when it is closed. */
    public static void launchWindow(String[] args) {
        MAIN_STARTED_NANOS.compareAndSet(0, System.nanoTime());
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        ctx = UiServices.standardContext();
        Notifier notifier = new Notifier();
        view = new MainView(ctx, notifier);
        WindowPrefs prefs = ctx.prefs();
        Scene scene = new Scene(view, prefs.width(), prefs.height());
        view.install(scene);
        stage.setTitle("Incident Workbench");
        stage.setScene(scene);
        if (!Double.isNaN(prefs.x()) && !Double.isNaN(prefs.y())) {
            stage.setX(prefs.x());
            stage.setY(prefs.y());
        }
        stage.setMaximized(prefs.maximized());
        notifier.owner(stage);
        stage.setOnCloseRequest(e -> {
            prefs.bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
            view.rememberLayout();
        });
        stage.show();
    }

    @Override
    public void stop() {
        if (view != null) {
            view.close();
        }
        if (ctx != null) {
            ctx.close();
        }
        Platform.exit();
    }
}
