package org.incidentworkbench.app.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.WindowFixture;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The metrics tab as a Grafana user reads it, in the real window on a real store: memory.used of three
 * hosts for the last ten minutes, one of them at 22.4 GiB moving by 0.1 %. The legend lists every
 * series and hides, solos and highlights by mouse; the ticks of the 0.1 % series read differently; a
 * pan pauses and says so, End returns to live; event labels never overlap; small multiples show one
 * panel per host, optionally on one y scale, and toggling them leaves no chart behind.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final List<String> HOSTS = List.of("web-1", "web-2", "web-3");
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(SshOptions.defaults().withoutAgent(), SshConfigResolver::empty);
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    /** Ten minutes to now at 1 s: web-1 at 22.4 GiB moving by 0.1 %, web-2 and web-3 lower and livelier. */
    private void fillStoreAndShowMemory() throws Exception {
        long now = System.currentTimeMillis();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i <= 600; i++) {
            long t = now - 600_000 + i * 1000L;
            double wave = Math.sin(i / 40.0);
            samples.add(new Sample(SeriesKey.of("web-1", SampleMetrics.MEMORY_USED), t, 22.4 * GIB * (1 + 0.0005 * (1 + wave))));
            samples.add(new Sample(SeriesKey.of("web-2", SampleMetrics.MEMORY_USED), t, (8 + 2 * wave) * GIB));
            samples.add(new Sample(SeriesKey.of("web-3", SampleMetrics.MEMORY_USED), t, (12 + Math.cos(i / 25.0)) * GIB));
        }
        TimeSeriesStore store = fx.ctx.store().get().store();
        store.appendAll(samples);
        store.flush();
        WindowFixture.runFx(() -> {
            fx.view.tabs().getSelectionModel().select(
                    fx.view.tabs().getTabs().stream().filter(t -> "tab-metrics".equals(t.getId())).findFirst().orElseThrow());
            fx.view.metrics().metricProperty().set(SampleMetrics.MEMORY_USED);
        });
        WindowFixture.waitFor(20, "memory.used of three hosts on one chart", () -> !fx.view.metrics().panels().isEmpty()
                && fx.view.metrics().panels().get(0).series().size() == 3
                && fx.view.metricsView().canvases().get(0).series().size() == 3);
    }

    private TimeSeriesCanvas chart() {
        return fx.view.metricsView().canvases().get(0);
    }

    @Test
    void theLegendListsEverySeriesAndHidesSolosAndHighlights(FxRobot robot) throws Exception {
        fillStoreAndShowMemory();
        WindowFixture.waitFor(5, "the legend's rows", () -> fx.view.metricsView().panels().get(0).legend().rowLabels().size() == 3);
        AtomicReference<List<String>> names = new AtomicReference<>();
        WindowFixture.runFx(() -> names.set(robot.lookup(".legend-name").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).sorted().toList()));
        assertEquals(HOSTS, names.get(), "one legend row per series");
        WindowFixture.waitFor(5, "the legend's figures", () -> robot.lookup(".legend-figure").queryAllAs(Label.class).stream()
                .allMatch(l -> l.getText().endsWith("GiB")));

        robot.moveTo(legendName(robot, "web-2"));
        WindowFixture.waitFor(5, "hovering a row highlights its line", () -> "web-2".equals(chart().highlighted()));

        robot.clickOn(legendName(robot, "web-3"));
        WindowFixture.waitFor(5, "a click hides", () -> chart().hiddenSeries().equals(Set.of("web-3")));
        robot.clickOn(legendName(robot, "web-3"));
        WindowFixture.waitFor(5, "a second click shows again", () -> chart().hiddenSeries().isEmpty());

        // Ctrl-click web-1: it alone, so the axis spans its 0.1 % and must still read differently on every tick
        robot.press(KeyCode.CONTROL).clickOn(legendName(robot, "web-1"), MouseButton.PRIMARY).release(KeyCode.CONTROL);
        WindowFixture.waitFor(5, "web-1 alone", () -> chart().hiddenSeries().equals(Set.of("web-2", "web-3")));
        WindowFixture.waitFor(5, "the chart redrawn for web-1 alone",
                () -> chart().valueAxis() != null && chart().valueAxis().labels().stream().allMatch(l -> l.startsWith("22.4")));
        AxisTicks.ValueAxis axis = onFx(() -> chart().valueAxis());
        assertTrue(axis.labels().size() >= 4, "enough ticks: " + axis.labels());
        assertEquals(axis.labels().size(), axis.labels().stream().distinct().count(), "no two ticks read the same: " + axis.labels());
        assertEquals("GiB", axis.unit(), "one unit for the axis");
        robot.press(KeyCode.CONTROL).clickOn(legendName(robot, "web-1"), MouseButton.PRIMARY).release(KeyCode.CONTROL);
        WindowFixture.waitFor(5, "a second Ctrl-click shows all again", () -> chart().hiddenSeries().isEmpty());
    }

    @Test
    void aPanPausesAndSaysSoAndEndGoesBackToLive(FxRobot robot) throws Exception {
        fillStoreAndShowMemory();
        assertTrue(onFx(() -> fx.view.metrics().axis().liveProperty().get()));
        assertEquals("\u25CF Live", onFx(() -> robot.lookup("#live-state").queryAs(Label.class).getText()));
        assertTrue(onFx(() -> robot.lookup("#go-live").queryAs(Button.class).isDisabled()), "nothing to go back to while live");
        Bounds b = onFx(() -> chart().localToScreen(chart().getBoundsInLocal()));
        Point2D from = new Point2D(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + b.getHeight() / 2);
        robot.drag(from, MouseButton.PRIMARY).moveBy(-150, 0).drop();
        WindowFixture.waitFor(5, "paused by the pan", () -> !fx.view.metrics().axis().liveProperty().get());
        assertEquals("\u275A\u275A Paused", onFx(() -> robot.lookup("#live-state").queryAs(Label.class).getText()));
        assertFalse(onFx(() -> robot.lookup("#go-live").queryAs(Button.class).isDisabled()));
        // a paused chart stays where the user put it while the clock ticks on
        TimeRange paused = onFx(() -> fx.view.metrics().axis().range());
        Thread.sleep(1500);
        assertEquals(paused, onFx(() -> fx.view.metrics().axis().range()));
        robot.clickOn(chart()).type(KeyCode.END);
        WindowFixture.waitFor(5, "live again after End", () -> fx.view.metrics().axis().liveProperty().get());
        assertEquals("\u25CF Live", onFx(() -> robot.lookup("#live-state").queryAs(Label.class).getText()));
        // the button does the same
        robot.drag(from, MouseButton.PRIMARY).moveBy(-100, 0).drop();
        WindowFixture.waitFor(5, "paused again", () -> !fx.view.metrics().axis().liveProperty().get());
        robot.clickOn("#go-live");
        WindowFixture.waitFor(5, "live again after the button", () -> fx.view.metrics().axis().liveProperty().get());
    }

    @Test
    void eventLabelsNeverOverlapAndTheFullTextShowsOnHover() throws Exception {
        fillStoreAndShowMemory();
        long now = System.currentTimeMillis();
        WindowFixture.runFx(() -> {
            for (int i = 0; i < 14; i++) {
                fx.view.markers().add(new ChartMarker(now - 200_000 + i * 4_000L, "note " + i + ": restarted the payment worker pool on web-" + (i % 3 + 1)));
            }
        });
        WindowFixture.waitFor(5, "the labels laid out", () -> !chart().markerLabels().isEmpty());
        List<MarkerLabels.Placed> placed = onFx(() -> chart().markerLabels());
        for (MarkerLabels.Placed a : placed) {
            for (MarkerLabels.Placed b : placed) {
                assertFalse(a != b && a.overlaps(b), a + " overlaps " + b);
            }
        }
        assertTrue(placed.size() < 14, "some labels thinned: " + placed.size());
        assertTrue(placed.stream().map(MarkerLabels.Placed::y).collect(Collectors.toSet()).size() >= 2, "labels stacked in rows");
        assertTrue(placed.stream().allMatch(p -> p.text().length() < "note 0: restarted the payment worker pool on web-1".length()),
                "long labels shortened on the chart");
    }

    @Test
    void smallMultiplesShowOnePanelPerHostShareAScaleOnRequestAndLeaveNoChartBehind(FxRobot robot) throws Exception {
        fillStoreAndShowMemory();
        List<WeakReference<TimeSeriesCanvas>> gone = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean multiples = i % 2 == 0;
            List<TimeSeriesCanvas> before = onFx(() -> fx.view.metricsView().canvases());
            robot.clickOn("#small-multiples");
            int want = multiples ? 3 : 1;
            WindowFixture.waitFor(20, want + " panels", () -> fx.view.metricsView().canvases().size() == want
                    && fx.view.metricsView().canvases().stream().allMatch(c -> !c.series().isEmpty()));
            List<TimeSeriesCanvas> after = onFx(() -> fx.view.metricsView().canvases());
            before.stream().filter(c -> !after.contains(c)).forEach(c -> gone.add(new WeakReference<>(c)));
            if (multiples && i == 0) {
                assertEquals(List.of("web-1 / memory.used", "web-2 / memory.used", "web-3 / memory.used"),
                        onFx(() -> fx.view.metrics().panels().stream().map(ChartPanel::title).sorted().toList()));
                for (ChartWithLegend p : onFx(() -> fx.view.metricsView().panels())) {
                    assertEquals(1, onFx(() -> p.legend().rowLabels().size()), "each panel's legend lists its own host");
                }
                robot.clickOn("#shared-y");
                WindowFixture.waitFor(5, "one y scale for all panels", () -> fx.view.metricsView().canvases().stream()
                        .map(c -> c.valueAxis() == null ? "" : String.join(",", c.valueAxis().labels())).distinct().count() == 1);
                robot.clickOn("#shared-y");
                WindowFixture.waitFor(5, "a scale each again", () -> fx.view.metricsView().canvases().stream()
                        .map(c -> c.valueAxis() == null ? "" : String.join(",", c.valueAxis().labels())).distinct().count() == 3);
            }
        }
        assertEquals(1, (int) onFx(() -> fx.view.metricsView().canvases().size()));
        assertEquals(1, (int) onFx(() -> fx.view.metrics().axis().watcherCount()),
                "only the chart on screen watches the shared axis after toggling small multiples 12 times");
        assertTrue(gone.size() >= 6 * 2, "charts were replaced: " + gone.size());
        for (int i = 0; i < 50 && gone.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
            Thread.sleep(50);
            WindowFixture.runFx(() -> { });
        }
        assertEquals(0, gone.stream().filter(r -> r.get() != null).count(), "charts taken out of the view are collected");
    }

    private static Node legendName(FxRobot robot, String label) throws Exception {
        Node n = onFx(() -> robot.lookup(".legend-name").queryAllAs(Label.class).stream().filter(l -> label.equals(l.getText()))
                .findFirst().orElse(null));
        assertNotNull(n, "a legend row for " + label);
        return n;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        WindowFixture.runFx(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            }
        });
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }
}
