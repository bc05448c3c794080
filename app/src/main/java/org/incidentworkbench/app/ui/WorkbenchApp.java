package org.incidentworkbench.app.ui;

import java.lang.management.ManagementFactory;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application: {@code ./workbench} with no arguments lands here through
 * {@code Launcher.main → WorkbenchApp.launchWindow}. Builds the services off the FX thread while JavaFX
 * starts, shows the window at its remembered size, and saves size and layout when it closes.
 */
public final class WorkbenchApp extends Application {

    /** System nano time when main started, for the launch-to-interactive benchmark. */
    static final AtomicLong MAIN_STARTED_NANOS = new AtomicLong();

    /**
     * The window's services, built on a thread of their own while the FX toolkit starts (about as long as
     * building them takes): the FX thread only waits for what is left when it needs them.
     */
    private static volatile FutureTask<WorkbenchContext> services;

    private WorkbenchContext ctx;
    private MainView view;

    /** Opens the window and returns when it is closed. */
    public static void launchWindow(String[] args) {
        MAIN_STARTED_NANOS.compareAndSet(0, System.nanoTime());
        StartupTrace.mark("main");
        FutureTask<WorkbenchContext> task = new FutureTask<>(() -> {
            WorkbenchContext c = UiServices.standardContext();
            c.prefs().recentHosts(); // the first read loads the preferences file (an XML parse): here, not on the FX thread
            return c;
        });
        Thread t = new Thread(task, "workbench-services");
        t.setDaemon(true);
        t.start();
        services = task;
        Application.launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        StartupTrace.mark("start");
        FutureTask<WorkbenchContext> built = services;
        try {
            ctx = built == null ? UiServices.standardContext() : built.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        StartupTrace.mark("services");
        Notifier notifier = new Notifier();
        view = new MainView(ctx, notifier);
        StartupTrace.mark("view");
        WindowPrefs prefs = ctx.prefs();
        WindowPrefs.Placement at = WindowPrefs.fit(prefs.width(), prefs.height(), prefs.x(), prefs.y(), screenOf(prefs));
        Scene scene = new Scene(view, at.width(), at.height());
        view.install(scene);
        stage.setTitle("Incident Workbench");
        stage.setScene(scene);
        if (!Double.isNaN(at.x())) {
            stage.setX(at.x());
            stage.setY(at.y());
        }
        stage.setMaximized(prefs.maximized());
        notifier.owner(stage);
        stage.setOnCloseRequest(Boolean.getBoolean(BENCH_INTERACTIVE) ? null : e -> {
            prefs.bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
            view.rememberLayout();
        });
        StartupTrace.mark("scene");
        stage.show();
        StartupTrace.mark("shown");
        if (Boolean.getBoolean(BENCH_INTERACTIVE) || Boolean.getBoolean("workbench.startupTrace")) {
            reportInteractive(stage, Boolean.getBoolean(BENCH_INTERACTIVE));
        }
    }

    /** The visual bounds of the screen the remembered window was on, else the primary screen's. */
    private static javafx.geometry.Rectangle2D screenOf(WindowPrefs prefs) {
        if (!Double.isNaN(prefs.x()) && !Double.isNaN(prefs.y())) {
            var screens = javafx.stage.Screen.getScreensForRectangle(prefs.x(), prefs.y(), Math.max(1, prefs.width()),
                    Math.max(1, prefs.height()));
            if (!screens.isEmpty()) {
                return screens.get(0).getVisualBounds();
            }
        }
        return javafx.stage.Screen.getPrimary().getVisualBounds();
    }

    /** Set by {@code workbench bench ui}: print the time from JVM start to the first frame of the shown window, then exit. */
    public static final String BENCH_INTERACTIVE = "workbench.bench.interactive";

    /** The same signal for the benchmark's bare-window baseline. */
    public static void reportInteractiveForBench(Stage stage) {
        reportInteractive(stage, true);
    }

    /**
     * When the first frame after show has been drawn, prints {@code INTERACTIVE_MS=n} (milliseconds since the
     * JVM started) and, for the benchmark, exits. The first pulse after show lays the scene out and hands its
     * painting to the render thread; a render job queued after that pulse runs once the painting (and the
     * present) is done, so the time counts the drawing of the whole window, not only its layout.
     */
    static void reportInteractive(Stage stage, boolean exit) {
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                StartupTrace.mark("pulse");
                // runLater runs after this pulse, which has queued the window's painting by then
                Platform.runLater(() -> afterPainting(() -> {
                    long drawn = System.currentTimeMillis();
                    StartupTrace.mark("drawn");
                    Platform.runLater(() -> {
                        System.out.println("INTERACTIVE_MS=" + (drawn - ManagementFactory.getRuntimeMXBean().getStartTime()));
                        System.out.flush();
                        StartupTrace.print();
                        if (exit) {
                            stage.setOnCloseRequest(null);
                            Platform.exit();
                        }
                    });
                }));
            }
        }.start();
    }

    /**
     * Runs {@code r} on the render thread after the painting queued so far (the toolkit's render queue is
     * one thread, in order); where JavaFX's toolkit class is not accessible (JavaFX as named modules), at the
     * next pulse instead, which starts after the painting of this one was handed over.
     */
    private static void afterPainting(Runnable r) {
        try {
            com.sun.javafx.tk.Toolkit.getToolkit().addRenderJob(new com.sun.javafx.tk.RenderJob(r));
        } catch (LinkageError | RuntimeException e) {
            FxExecutors.nextFrame(r);
        }
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
