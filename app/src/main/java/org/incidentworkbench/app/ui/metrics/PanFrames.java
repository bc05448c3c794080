package org.incidentworkbench.app.ui.metrics;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The panning measurement of {@code workbench bench ui}: the window's chart ({@link TimeSeriesCanvas}, 1200 x 500)
 * panned 1 % per frame by an {@link AnimationTimer}, recording per frame the chart's own drawing time and the
 * pulse-to-pulse time. Here, not in the bench module, because only app uses JavaFX.
 */
public final class PanFrames {

    /** Per counted frame, in milliseconds: the chart's drawing and the time since the previous pulse. */
    public record Samples(double[] drawMillis, double[] frameMillis) {
    }

    private PanFrames() {
    }

    /** Starts the JavaFX toolkit for the measurements (once per process). */
    public static void startToolkit() {
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
    }

    public static void stopToolkit() {
        Platform.exit();
    }

    /**
     * Pans {@code visibleDays} of {@code data} for {@code frames} frames (after 5 uncounted warm-up frames), with the
     * chart's decimation on or off (off: a segment to every point, the baseline).
     */
    public static Samples pan(List<ChartSeries> data, long visibleDays, int frames, boolean decimate) throws Exception {
        CompletableFuture<Samples> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            long end = data.get(0).lastTime();
            long span = visibleDays * 86_400_000L;
            // start where a full pan of `frames` steps of 1 % stays inside the data
            long from = Math.max(data.get(0).firstTime(), end - span - (long) (span * 0.01 * frames));
            ChartAxis axis = new ChartAxis(new TimeRange(from, from + span));
            TimeSeriesCanvas chart = new TimeSeriesCanvas(axis, ChartStyle.LIGHT);
            chart.setDecimate(decimate);
            chart.setSeries(data);
            chart.setTitle("cpu.user");
            chart.setUnit("%");
            Stage stage = new Stage();
            stage.setScene(new Scene(chart, 1200, 500));
            stage.show();
            double[] draw = new double[frames];
            double[] frame = new double[frames];
            new AnimationTimer() {
                int i = -5; // a few warm-up frames, not counted
                long last;

                @Override
                public void handle(long now) {
                    if (i >= 0 && i < frames) {
                        frame[i] = (now - last) / 1e6;
                        draw[i] = chart.lastDrawNanos() / 1e6;
                    }
                    last = now;
                    i++;
                    if (i >= frames) {
                        stop();
                        stage.close();
                        result.complete(new Samples(draw, frame));
                        return;
                    }
                    axis.userSet(axis.range().pan(0.01));
                }
            }.start();
        });
        return result.get(10, TimeUnit.MINUTES);
    }
}
