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
        stage.setOnCloseRequest(Boolean.getBoolean(BENCH_INTERACTIVE) ? null : e -> {
            prefs.bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
            view.rememberLayout();
        });
        stage.show();
        if (Boolean.getBoolean(BENCH_INTERACTIVE)) {
            reportInteractive(stage);
        }
    }

    /** Set by {@code workbench bench ui}: print the time from JVM start to the first frame of the shown window, then exit. */
    public static final String BENCH_INTERACTIVE = "workbench.bench.interactive";

    /** The same signal for the benchmark's bare-window baseline. */
    public static void reportInteractiveForBench(Stage stage) {
        reportInteractive(stage);
    }

    /** The first frame after show: the window is drawn and takes input. Prints {@code INTERACTIVE_MS=n} and exits. */
    static void reportInteractive(Stage stage) {
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("INTERACTIVE_MS=" + ms);
                System.out.flush();
                stage.setOnCloseRequest(null);
                Platform.exit();
            }
        }.start();
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
