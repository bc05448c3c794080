package org.incidentworkbench.app.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.WindowFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * No time label is cut by the chart's right edge (the live chart's newest tick read "08:23:0"): five-minute windows
 * ending at each second of a minute, so ticks land at every distance from the right end; the canvas's last pixel
 * columns under the plot, where a cut label would touch, stay background.
 */
@ExtendWith(ApplicationExtension.class)
class TimeLabelsFitTest {

    @Start
    void start(Stage stage) {
        // the toolkit only: the charts are drawn off-screen
    }

    @Test
    void noTimeLabelIsCutAtTheRightEdge() throws Exception {
        ChartStyle style = ChartStyle.LIGHT.withOwnPalette();
        long t0 = 1_700_000_040_000L;
        List<String> cut = new ArrayList<>();
        for (int s = 0; s < 60; s += 2) {
            long end = t0 + s * 1000L;
            long[] t = new long[301];
            double[] v = new double[301];
            for (int i = 0; i <= 300; i++) {
                t[i] = end - 300_000 + i * 1000L;
                v[i] = 50 + 10 * Math.sin(i / 20.0);
            }
            ChartAxis axis = new ChartAxis(new TimeRange(end - 300_000, end));
            WritableImage[] shot = new WritableImage[1];
            WindowFixture.runFx(() -> {
                TimeSeriesCanvas c = new TimeSeriesCanvas(axis, style);
                c.resize(700, 300);
                c.setSeries(List.of(ChartSeries.of("web-1", t, v)));
                c.layout();
                c.draw();
                shot[0] = c.canvas().snapshot(null, null);
            });
            PixelReader px = shot[0].getPixelReader();
            int w = (int) shot[0].getWidth();
            int h = (int) shot[0].getHeight();
            // the label row: under the plot's bottom border (22 px from the bottom) to the canvas's bottom
            for (int y = h - 20; y < h - 2; y++) {
                for (int x = w - 2; x < w; x++) {
                    Color c = px.getColor(x, y);
                    if (!close(c, style.background)) {
                        cut.add("window ending at second " + s + ": pixel " + x + "," + y + " is " + c);
                        y = h;
                        break;
                    }
                }
            }
        }
        assertTrue(cut.isEmpty(), "a time label runs into the right edge:\n" + String.join("\n", cut));
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.08 && Math.abs(a.getGreen() - b.getGreen()) < 0.08
                && Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }
}
