package org.incidentworkbench.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.app.ui.metrics.RangePreset;
import org.incidentworkbench.app.ui.metrics.TimeRange;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.sample.SampleMetrics;

/**
 * Drives a real window through its main views with real work on this machine (triage of "local",
 * ten seconds of sampling, sysstat history that sadc records during the tour loaded beside the samples,
 * an incident recorded, sealed and replayed, training) and writes a PNG of
 * the scene at each step: the README's screenshots, from {@code workbench screenshots DIR} or the
 * screenshot test. Runs on a background thread and steps the window through the FX thread.
 */
public final class ScreenshotTour {

    private final MainView view;
    private final Scene scene;
    private final Path out;
    private final List<Path> written = new ArrayList<>();

    private final List<String> moreHosts;

    public ScreenshotTour(MainView view, Scene scene, Path out) {
        this(view, scene, out, List.of());
    }

    /**
     * @param moreHosts SSH hosts (names the window's SSH config resolves) sampled beside "local", so
     *                  the overlay chart, its legend and the small multiples show several hosts
     */
    public ScreenshotTour(MainView view, Scene scene, Path out, List<String> moreHosts) {
        this.view = view;
        this.scene = scene;
        this.out = out;
        this.moreHosts = List.copyOf(moreHosts);
    }

    /** Where sysstat's collector lives (Debian and Ubuntu; Red Hat, SUSE). */
    private static final List<Path> SADC = List.of(Path.of("/usr/lib/sysstat/sadc"), Path.of("/usr/lib64/sa/sadc"));

    /** Runs the tour; returns the PNGs written. Call off the FX thread. */
    public List<Path> run() throws Exception {
        Files.createDirectories(out);
        Path sa = Files.createTempDirectory("workbench-tour-sa");
        Process sadc = startSadc(sa);
        try {
            return run(sa, sadc);
        } finally {
            if (sadc != null) {
                sadc.destroy();
            }
            try (var files = Files.walk(sa)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * sysstat's own collector records this machine every 2 s into a scratch archive while the tour triages, as
     * it records a server every 10 minutes: the history the metrics tab then loads. Null without sysstat.
     */
    private static Process startSadc(Path sa) throws IOException {
        Path sadc = SADC.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (sadc == null || !Files.isExecutable(Path.of("/usr/bin/sadf"))) {
            return null;
        }
        String day = String.format("sa%02d", java.time.LocalDate.now(java.time.ZoneOffset.UTC).getDayOfMonth());
        return new ProcessBuilder(sadc.toString(), "-S", "XALL", "2", "10", sa.resolve(day).toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private List<Path> run(Path sa, Process sadc) throws Exception {
        waitFor(10, "the host list", () -> view.hosts().find("local").isPresent());
        HostRow local = view.hosts().find("local").orElseThrow();
        fx(() -> {
            view.hostsView().select(List.of("local"));
            view.startIncident("demo: this machine feels slow");
        });
        waitFor(10, "recording", () -> view.incident().isRecording());
        fx(() -> view.incident().add(org.incidentworkbench.app.ui.incident.IncidentViewModel.EntryKind.NOTE,
                "users report slow responses"));
        fx(view::triageSelected);
        waitFor(60, "the triage of local", () -> local.report().isPresent() && !local.triagingProperty().get());
        waitFor(10, "the probe tabs", () -> scene.lookup("#probe-tabs") != null);
        settle();
        shot("triage");
        for (String probe : PROBE_SHOTS) {
            probeShot(probe);
        }
        pasteShot();
        List<String> sampled = new ArrayList<>(List.of("local"));
        for (String h : moreHosts) {
            fx(() -> view.hosts().addTyped(h));
            waitFor(10, "the host " + h + " listed", () -> view.hosts().find(h).isPresent());
            sampled.add(h);
        }
        fx(() -> view.hostsView().select(sampled));
        fx(view::sampleSelected);
        fx(() -> {
            view.tabs().getSelectionModel().select(2);
            view.metrics().presetProperty().set(RangePreset.LIVE_5M);
            view.metrics().metricProperty().set(SampleMetrics.CPU_USER);
        });
        waitFor(60, "ten seconds of samples of " + sampled, () -> !view.metrics().panels().isEmpty()
                && view.metrics().panels().get(0).series().size() == sampled.size()
                && view.metrics().panels().get(0).series().stream().allMatch(s -> s.size() >= 10));
        fx(() -> view.incident().add(org.incidentworkbench.app.ui.incident.IncidentViewModel.EntryKind.HYPOTHESIS,
                "a busy process hogs the CPU"));
        settle();
        fx(() -> {
            // zoom to the last 30 s (as a user's wheel would, so the chart says Paused), crosshair 8 s back
            TimeRange r = view.metrics().axis().range();
            view.metrics().axis().userSet(new TimeRange(r.toMillis() - 30_000, r.toMillis()));
            view.metrics().axis().crosshairProperty().set(r.toMillis() - 8_000);
        });
        settle();
        shot("metrics");
        fx(() -> view.metrics().overlayProperty().set(false));
        fx(() -> view.metrics().metricProperty().set(SampleMetrics.MEMORY_AVAILABLE));
        waitFor(20, "a panel per host", () -> view.metrics().panels().size() == sampled.size());
        settle();
        shot("metrics-small-multiples");
        if (sadc != null && sadc.waitFor(40, TimeUnit.SECONDS) && sadc.exitValue() == 0) {
            historyShot(sa);
            fx(() -> view.hostsView().select(sampled));
        }
        fx(view::sampleSelected);
        fx(() -> view.closeIncident("demo recording made by the screenshot tour"));
        waitFor(30, "the sealed bundle", () -> view.incident().lastBundleProperty().get() != null);
        fx(() -> view.openBundle(view.incident().lastBundleProperty().get()));
        waitFor(10, "the bundle open", () -> view.replay().isOpen());
        fx(() -> view.replay().seekFraction(0.6));
        settle();
        shot("replay");
        fx(view.replay()::startTraining);
        fx(() -> view.replay().answer(new TraineeMove.TriageHost("local")));
        settle();
        shot("training");
        // the replay in the dark theme too: its toolbar, title line, training question and journal
        fx(() -> theme(true));
        settle();
        shot("training-dark");
        fx(() -> theme(false));
        fx(view.replay()::stopTraining);
        fleetBoard(sampled);
        fx(() -> view.tabs().getSelectionModel().select(0));
        fx(view.help()::toggle);
        settle();
        shot("help");
        fx(view.help()::toggle);
        fx(() -> theme(true));
        settle();
        shot("triage-dark");
        fx(() -> theme(false));
        return written;
    }

    /** Switches the theme as the user does, with the toolbar's button, so the shots show what the button says then. */
    private void theme(boolean dark) {
        if (scene.lookup("#theme-button") instanceof javafx.scene.control.ToggleButton b && b.isSelected() != dark) {
            b.fire();
        } else if (!(scene.lookup("#theme-button") instanceof javafx.scene.control.ToggleButton)) {
            MainView.applyTheme(scene, dark);
        }
    }

    /** "Load 7 days of history from sysstat" for local: its sar records and its samples on one chart. */
    private void historyShot(Path sa) throws Exception {
        fx(() -> {
            view.sarHistory().setDirs(List.of(sa.toString()));
            view.hostsView().select(List.of("local"));
            view.metrics().overlayProperty().set(true);
            view.metrics().metricProperty().set(SampleMetrics.CPU_USER);
            view.metrics().presetProperty().set(RangePreset.LIVE_5M);
            ((javafx.scene.control.Button) scene.lookup("#load-sar-history")).fire();
        });
        waitFor(60, "the sysstat history of local", () -> !view.sarHistory().busyProperty().get()
                && !view.sarHistory().messageProperty().get().startsWith("Reading"));
        waitFor(20, "local's sar history beside its samples", () -> !view.metrics().panels().isEmpty()
                && view.metrics().panels().get(0).series().stream().anyMatch(s -> s.label().equals("local source=sar"))
                && view.metrics().panels().get(0).series().stream().anyMatch(s -> s.label().equals("local")));
        fx(() -> {
            // zoom to the history and the samples after it (paused, as a user's wheel would), crosshair on the history
            var sar = view.metrics().panels().get(0).series().stream().filter(s -> s.label().equals("local source=sar")).findFirst().orElseThrow();
            TimeRange r = view.metrics().axis().range();
            view.metrics().axis().userSet(new TimeRange(sar.firstTime() - 4_000, r.toMillis()));
            view.metrics().axis().crosshairProperty().set(sar.time(sar.size() / 2));
        });
        settle();
        shot("metrics-history");
    }

    /** The probes whose purpose-built views the tour photographs, as {@code triage-PROBE.png}. */
    static final List<String> PROBE_SHOTS = List.of("ps", "df", "ss", "iostat", "logs", "kernel", "systemd");

    /** Selects the probe's tab in the shown report, gives it the report's room (findings divider up), and shoots it. */
    private void probeShot(String probe) throws Exception {
        double[] divider = new double[1];
        fx(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) scene.lookup("#probe-tabs");
            tabs.getTabs().stream().filter(t -> t.getText().equals(probe)).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
            javafx.scene.Node split = scene.lookup("#triage-view .split-pane");
            if (split instanceof javafx.scene.control.SplitPane sp) {
                divider[0] = sp.getDividerPositions()[0];
                sp.setDividerPositions(0.22);
            }
        });
        waitFor(10, "the " + probe + " view", () -> scene.lookup("#probe-view-" + probe) != null || scene.lookup("#probe-inner-tabs") != null);
        settle();
        shot("triage-" + probe);
        fx(() -> {
            if (scene.lookup("#triage-view .split-pane") instanceof javafx.scene.control.SplitPane sp) {
                sp.setDividerPositions(divider[0]);
            }
        });
    }

    /**
     * The fleet board with every sampled host triaged again (the live fleet, replay closed), shot at 1600 x 1000: the
     * board is the widest view, and an on-call engineer gives it the screen.
     */
    private void fleetBoard(List<String> sampled) throws Exception {
        fx(view.replay()::close);
        waitFor(10, "the replay closed", () -> !view.replay().isOpen());
        java.time.Instant mark = java.time.Instant.now();
        fx(() -> view.hostsView().select(sampled));
        fx(view::triageSelected);
        waitFor(90, "the triage of " + sampled, () -> sampled.stream().allMatch(h -> view.hosts().find(h)
                .map(r -> !r.triagingProperty().get() && r.report().map(x -> !x.startedAt().isBefore(mark)).orElse(false))
                .orElse(false)));
        fx(() -> view.tabs().getSelectionModel().select(1));
        waitFor(30, "the board's rows with their sparklines", () -> view.fleet().rows().size() == sampled.size()
                && view.fleet().rows().stream().allMatch(r -> r.trends().map(t -> t.sampled()).orElse(false)));
        javafx.stage.Window window = scene.getWindow();
        double w = window.getWidth();
        double h = window.getHeight();
        double x = window.getX();
        double y = window.getY();
        fx(() -> {
            // from the screen's corner: a 1600 x 1000 window placed where the 1280 one was centred would reach past a
            // 1600 x 1000 screen (xvfb-run's, or the tests' headless Monocle one, which then fails every frame with a
            // BufferOverflowException while copying the window's pixels)
            window.setX(0);
            window.setY(0);
            window.setWidth(1600);
            window.setHeight(1000);
        });
        settle();
        shot("fleet");
        fx(() -> {
            window.setWidth(w);
            window.setHeight(h);
            window.setX(x);
            window.setY(y);
        });
        settle();
        shot("fleet-1280"); // the default window: host, worst finding, age and the sparklines still show
    }

    /** "Paste output" with what {@code ps aux} prints on this machine now, as an engineer copies it from a terminal. */
    private void pasteShot() throws Exception {
        Process ps = new ProcessBuilder("ps", "aux").redirectErrorStream(true).start();
        String text = new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ps.waitFor();
        CompletableFuture<org.incidentworkbench.app.ui.triage.PasteWindow> opened = new CompletableFuture<>();
        fx(() -> {
            org.incidentworkbench.app.ui.triage.PasteWindow w = org.incidentworkbench.app.ui.triage.PasteWindow.open(
                    scene.getWindow(), Runnable::run, false);
            w.input().setText(text);
            w.read();
            opened.complete(w);
        });
        org.incidentworkbench.app.ui.triage.PasteWindow w = opened.get(10, TimeUnit.SECONDS);
        waitFor(20, "the paste read", () -> w.sentence().getText().startsWith("Read as") && w.lookup("#probe-view-ps") != null);
        settle();
        shot("paste", w.getScene());
        fx(() -> w.getScene().getWindow().hide());
    }

    private void shot(String name) throws Exception {
        shot(name, scene);
    }

    private void shot(String name, Scene scene) throws Exception {
        CompletableFuture<WritableImage> img = new CompletableFuture<>();
        Platform.runLater(() -> img.complete(scene.snapshot(null)));
        Path file = out.resolve(name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(img.get(10, TimeUnit.SECONDS), null), "png", file.toFile());
        written.add(file);
    }

    /** Two pulses, so layout and CSS of what just changed are done. */
    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            fx(() -> { });
            Thread.sleep(120);
        }
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    private static void waitFor(double seconds, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> ok = new CompletableFuture<>();
            Platform.runLater(() -> ok.complete(condition.getAsBoolean()));
            if (ok.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("The screenshot tour timed out after " + seconds + " s waiting for " + what + ".");
    }
}
