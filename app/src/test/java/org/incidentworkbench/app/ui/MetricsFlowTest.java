package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.app.ui.metrics.ChartAxis;
import org.incidentworkbench.app.ui.metrics.ChartPanel;
import org.incidentworkbench.app.ui.metrics.ChartSeries;
import org.incidentworkbench.app.ui.metrics.TimeSeriesCanvas;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.incidentworkbench.sample.SampleMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Compare a metric across two hosts, as the README's first steps do: sample this machine and a real
 * sshd with the Sample button, then chart cpu.user of both on one canvas; the crosshair reads both;
 * a gap in a series is drawn as a gap.
 */
@ExtendWith(ApplicationExtension.class)
class MetricsFlowTest {

    private static OpenSshTestServer sshd;
    private WindowFixture fx;

    @BeforeAll
    static void startServer() {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.1").start();
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        SshOptions options = sshd.sshOptions().withIdentityFiles(List.of(sshd.userKeyFile()));
        fx = new WindowFixture(options, SshConfigResolver::empty);
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void samplesTwoHostsAndOverlaysThemOnOneChart(FxRobot robot) throws Exception {
        String target = sshd.user() + "@127.0.0.1:" + sshd.port();
        WindowFixture.runFx(() -> fx.view.hosts().addTyped(target + " lab"));
        WindowFixture.waitFor(5, "both hosts listed", () -> fx.view.hosts().find(target).isPresent());
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of("local", target)));
        robot.clickOn("#sample-button");
        HostRow remote = fx.view.hosts().find(target).orElseThrow();
        assertTrue(remote.samplingProperty().get(), "the host is marked sampling at once");
        // the Metrics tab (by id: the replay tab has an inner tab of the same name)
        WindowFixture.runFx(() -> fx.view.tabs().getSelectionModel().select(
                fx.view.tabs().getTabs().stream().filter(t -> "tab-metrics".equals(t.getId())).findFirst().orElseThrow()));
        WindowFixture.runFx(() -> fx.view.metrics().metricProperty().set(SampleMetrics.CPU_USER));
        WindowFixture.waitFor(40, "cpu.user of both hosts on one chart", () -> {
            if (fx.view.metrics().panels().isEmpty()) {
                return false;
            }
            ChartPanel p = fx.view.metrics().panels().get(0);
            return p.series().size() == 2 && p.series().stream().allMatch(s -> s.size() >= 3);
        });
        ChartPanel panel = fx.view.metrics().panels().get(0);
        assertEquals(List.of("local", target), panel.series().stream().map(ChartSeries::label).sorted().toList().stream()
                .sorted((a, b) -> a.equals("local") ? -1 : b.equals("local") ? 1 : a.compareTo(b)).toList());
        // the crosshair follows the pointer and is shared by every chart
        TimeSeriesCanvas chart = fx.view.metricsView().canvases().get(0);
        Bounds b = chart.localToScreen(chart.getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + b.getHeight() / 2));
        robot.moveBy(7, 3);
        WindowFixture.waitFor(10, "the crosshair set", () -> fx.view.metrics().axis().crosshairProperty().get() != ChartAxis.NO_CROSSHAIR);
        // stop: both hosts stop sampling
        WindowFixture.runFx(() -> fx.view.sampleSelected());
        WindowFixture.waitFor(5, "sampling stopped", () -> !remote.samplingProperty().get());
    }

    @Test
    void aGapIsDrawnAsAGap() throws Exception {
        long t0 = 1_700_000_000_000L;
        long[] t = new long[200];
        double[] v = new double[200];
        for (int i = 0; i < 200; i++) {
            t[i] = t0 + i * 1000L;
            v[i] = 50;
        }
        v[100] = Double.NaN; // the sampler's gap marker
        long[] tGap = new long[180];
        double[] vGap = new double[180];
        for (int i = 0, j = 0; i < 200; i++) {
            if (i < 100 || i >= 120) {
                tGap[j] = t[i];
                vGap[j++] = 50;
            }
        }
        ChartAxis axis = new ChartAxis(new org.incidentworkbench.app.ui.metrics.TimeRange(t0, t0 + 199_000));
        // a palette of its own: the shared LIGHT style's colours depend on which labels earlier tests charted (a grey
        // from the palette's second round once matched the axis text in the row the check starts from)
        org.incidentworkbench.app.ui.metrics.ChartStyle style = org.incidentworkbench.app.ui.metrics.ChartStyle.LIGHT.withOwnPalette();
        WritableImage[] shot = new WritableImage[1];
        WindowFixture.runFx(() -> {
            TimeSeriesCanvas c = new TimeSeriesCanvas(axis, style);
            c.resize(800, 300);
            c.setSeries(List.of(ChartSeries.of("marker", t, v)));
            c.layout();
            c.draw();
            shot[0] = c.canvas().snapshot(null, null);
        });
        assertGapAt(shot[0], t0, 199_000, t0 + 100_000, style.colorFor("marker"));
        WindowFixture.runFx(() -> {
            TimeSeriesCanvas c = new TimeSeriesCanvas(axis, style);
            c.resize(800, 300);
            c.setSeries(List.of(ChartSeries.of("missing buckets", tGap, vGap)));
            c.layout();
            c.draw();
            shot[0] = c.canvas().snapshot(null, null);
        });
        assertGapAt(shot[0], t0, 199_000, t0 + 110_000, style.colorFor("missing buckets"));
    }

    /** No series colour in the column of {@code at}, while the same row has it away from the gap. */
    private static void assertGapAt(WritableImage img, long from, long span, long at, Color line) {
        PixelReader px = img.getPixelReader();
        double left = 64;
        double width = img.getWidth() - 64 - 12;
        int y = -1;
        int xLine = (int) (left + width * 0.25);
        for (int yy = 22; yy < img.getHeight() - 22; yy++) {
            if (near(px.getColor(xLine, yy), line)) {
                y = yy;
                break;
            }
        }
        assertTrue(y > 0, "the line is drawn away from the gap");
        int xGap = (int) (left + width * (at - from) / (double) span);
        for (int yy = y - 2; yy <= y + 2; yy++) {
            assertTrue(!near(px.getColor(xGap, yy), line), "no line at the gap (x=" + xGap + ", y=" + yy + ")");
        }
    }

    /** Close to the series colour (antialiasing blends the edges with the white background). */
    private static boolean near(Color c, Color line) {
        return Math.abs(c.getRed() - line.getRed()) + Math.abs(c.getGreen() - line.getGreen()) + Math.abs(c.getBlue() - line.getBlue()) < 0.35;
    }
}
