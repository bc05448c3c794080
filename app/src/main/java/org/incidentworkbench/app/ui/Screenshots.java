package org.incidentworkbench.app.ui;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.incidentworkbench.app.AppInfo;
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.HostListFile;
import org.incidentworkbench.app.services.LazyTransport;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * What {@code workbench screenshots DIR} does in the window: opens it with a scratch host list, store and
 * incident directory (the user's own are not touched), runs the {@link ScreenshotTour} on this machine and
 * writes a PNG per main view into DIR. Without a display it reruns itself under xvfb-run. The command line
 * only reads the arguments and calls {@link #take}.
 */
public final class Screenshots {

    private Screenshots() {
    }

    /** Takes the screenshots into {@code dir}, printing each PNG's path; returns an {@link AppInfo} exit code. */
    public static int take(Path dir, PrintStream out, PrintStream err) throws Exception {
        if (!Display.available()) {
            if (!Display.xvfbRunInstalled()) {
                err.println("workbench screenshots: " + Display.missing("Taking screenshots"));
                return AppInfo.FAILED;
            }
            return Display.rerunUnderXvfb(List.of("screenshots", dir.toString()), err);
        }
        Path scratch = Files.createTempDirectory("workbench-screenshots");
        // the tour's triages remember each host for "new since" (TriageHistory): into the scratch directory, not the user's
        System.setProperty("workbench.dataDir", scratch.resolve("data").toString());
        System.setProperty("workbench.configDir", scratch.resolve("config").toString());
        Preferences prefs = Preferences.userRoot().node("incidentworkbench-screenshots/" + UUID.randomUUID());
        // the tour uses "local"; an SSH host would resolve through an empty config and be asked nothing
        AppContext app = new AppContext(new LazyTransport(() -> new SshTransport(SshOptions.defaults(), UserPrompter.NONE)),
                SshConfigResolver::empty, scratch.resolve("metrics.mv.db"),
                scratch.resolve("incidents"));
        WorkbenchContext ctx = UiServices.context(app, new HostListFile(scratch.resolve("hosts.json")), new WindowPrefs(prefs),
                Duration.ofSeconds(1));
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        CompletableFuture<Object[]> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            Notifier notifier = new Notifier();
            MainView view = new MainView(ctx, notifier);
            Scene scene = new Scene(view, 1280, 800);
            view.install(scene);
            Stage stage = new Stage();
            stage.setTitle("Incident Workbench");
            stage.setScene(scene);
            notifier.owner(stage);
            stage.show();
            shown.complete(new Object[] {view, scene, stage});
        });
        Object[] w = shown.get(60, TimeUnit.SECONDS);
        MainView view = (MainView) w[0];
        try {
            err.println("workbench screenshots: triaging, sampling and recording on this machine (about 30 s)...");
            List<Path> pngs = new ScreenshotTour(view, (Scene) w[1], dir).run();
            pngs.forEach(p -> out.println(p));
            return AppInfo.OK;
        } finally {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                view.close();
                ((Stage) w[2]).close();
                closed.complete(null);
            });
            closed.get(30, TimeUnit.SECONDS);
            ctx.close();
            prefs.removeNode();
            Platform.exit();
        }
    }
}
