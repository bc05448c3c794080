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
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.HostListFile;

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

    /** A window whose SSH hosts are reached through {@code ssh} (this machine's transport for tests that never use SSH). */
    public WindowFixture() throws Exception {
        this(new org.incidentworkbench.ssh.LocalTransport(), org.incidentworkbench.ssh.SshConfigResolver::empty);
    }

    /** A window that triages and samples SSH hosts with these options and no prompter. */
    public WindowFixture(org.incidentworkbench.ssh.SshOptions options,
                         java.util.function.Supplier<org.incidentworkbench.ssh.SshConfigResolver> resolver) throws Exception {
        this(new org.incidentworkbench.ssh.SshTransport(options, org.incidentworkbench.ssh.UserPrompter.NONE), resolver);
    }

    public WindowFixture(org.incidentworkbench.ssh.Transport ssh,
                         java.util.function.Supplier<org.incidentworkbench.ssh.SshConfigResolver> resolver) throws Exception {
        dir = Files.createTempDirectory("workbench-ui-test");
        prefsNode = Preferences.userRoot().node("incidentworkbench-test/" + UUID.randomUUID());
        // the same wiring as the window: only the files are scratch ones
        AppContext app = new AppContext(ssh, resolver, dir.resolve("metrics.mv.db"), dir.resolve("incidents"));
        ctx = UiServices.context(app, new HostListFile(dir.resolve("hosts.json")), new WindowPrefs(prefsNode),
                java.time.Duration.ofSeconds(1));
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
