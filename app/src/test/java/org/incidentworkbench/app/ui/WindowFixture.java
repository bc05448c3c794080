package org.incidentworkbench.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.hosts.HostListFile;
import org.incidentworkbench.app.ui.triage.HostTriager;

/**
 * A real window for a TestFX test: its own temp config dir and preferences node (removed by
 * {@link #close()}), the given triager, and helpers that wait on the FX thread without sleeping blindly.
 */
public final class WindowFixture implements AutoCloseable {

    public final Path dir;
    public final Preferences prefsNode;
    public final WorkbenchContext ctx;
    public final Notifier notifier = new Notifier();
    public MainView view;

    public WindowFixture(HostTriager triager) throws Exception {
        this(triager, new org.incidentworkbench.ssh.LocalTransport(), org.incidentworkbench.ssh.SshConfigResolver::empty);
    }

    public WindowFixture(HostTriager triager, org.incidentworkbench.ssh.Transport ssh,
                         java.util.function.Supplier<org.incidentworkbench.ssh.SshConfigResolver> resolver) throws Exception {
        dir = Files.createTempDirectory("workbench-ui-test");
        prefsNode = Preferences.userRoot().node("incidentworkbench-test/" + UUID.randomUUID());
        ctx = new WorkbenchContext(FxExecutors.daemon("test-io", 2), FxExecutors.cached("test-ssh"),
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(FxExecutors.factory("test-poll")),
                new HostListFile(dir.resolve("hosts.json")), new WindowPrefs(prefsNode), triager,
                new org.incidentworkbench.app.ui.metrics.StoreHolder(dir.resolve("metrics.mv.db")), ssh, resolver,
                java.time.Duration.ofSeconds(1), dir.resolve("incidents"));
    }

    /** Builds the main view into {@code stage} (call from TestFX's @Start, on the FX thread). */
    public MainView show(Stage stage, double width, double height) {
        view = new MainView(ctx, notifier);
        Scene scene = new Scene(view, width, height);
        view.install(scene);
        notifier.owner(stage);
        stage.setScene(scene);
        stage.show();
        return view;
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds, or fails after {@code seconds}. */
    public static void waitFor(double seconds, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (onFx(condition)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("Timed out after " + seconds + " s waiting for: " + what);
    }

    public static boolean onFx(BooleanSupplier condition) throws Exception {
        boolean[] result = new boolean[1];
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result[0] = condition.getAsBoolean();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("The FX thread did not answer within 10 s");
        }
        return result[0];
    }

    public static void runFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return true;
        });
    }

    @Override
    public void close() throws Exception {
        if (view != null) {
            runFx(view::close);
        }
        ctx.close();
        try {
            prefsNode.removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // already gone
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
