package org.incidentworkbench.app.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Where the window's work runs: named daemon pools for SSH, store and file work (so a thread dump
 * says what each thread is for, and a hung host never keeps the JVM alive), and the FX thread for
 * publishing results. View-models take both as {@link Executor}s, so tests pass a direct executor.
 */
public final class FxExecutors {

    private FxExecutors() {
    }

    /** A fixed pool of daemon threads named {@code name-1}, {@code name-2}, ... */
    public static ExecutorService daemon(String name, int threads) {
        return Executors.newFixedThreadPool(threads, factory(name));
    }

    /** A pool that grows as needed (threads idle 60 s are dropped); for work that waits on the network. */
    public static ExecutorService cached(String name) {
        return Executors.newCachedThreadPool(factory(name));
    }

    public static ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Publishes on the FX application thread: now when already on it, else with {@code Platform.runLater}. */
    public static Executor fxThread() {
        return r -> {
            if (Platform.isFxApplicationThread()) {
                r.run();
            } else {
                Platform.runLater(r);
            }
        };
    }

    /**
     * Runs {@code step} on the FX thread at the next pulse, so the frame in between is drawn: a long
     * piece of view building split with this never holds the FX thread for more than one step
     * (consecutive runLater calls may run back to back without a frame between them).
     */
    public static void nextFrame(Runnable step) {
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                step.run();
            }
        }.start();
    }

    /**
     * Runs {@code step} on the FX thread right after the next pulse, once the frame it lays out has gone to
     * the render thread: for parts of a view that frame does not show (tooltips, context menus), so that the
     * window's first frame does not wait for them while the render thread paints it.
     */
    public static void afterNextFrame(Runnable step) {
        nextFrame(() -> Platform.runLater(step));
    }

    /** Runs on the calling thread: for view-model tests without a stage. */
    public static Executor direct() {
        return Runnable::run;
    }
}
