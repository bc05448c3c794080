package org.incidentworkbench.app.ui.metrics;

import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;

/**
 * The mouse and keyboard of a chart, turned into moves of the shared {@link ChartAxis}: drag pans,
 * the wheel zooms around the pointer, Left/Right pan by a tenth, +/- zoom; the pointer moves the
 * crosshair. A pan or zoom pauses the axis (it stops following now); End, L or a double click go
 * back to the chosen range, live again when that range is live. FX thread only.
 */
final class PanZoomController {

    private final Region target;
    private final ChartAxis axis;
    private final DoubleSupplier plotLeft;
    private final DoubleSupplier plotWidth;
    private final DoubleUnaryOperator timeAt;
    private Runnable onLive = () -> { };
    private double dragX = Double.NaN;
    private TimeRange dragRange;

    /**
     * @param timeAt the instant under an x (in the target's coordinates), as the chart lays it out
     */
    PanZoomController(Region target, ChartAxis axis, DoubleSupplier plotLeft, DoubleSupplier plotWidth, DoubleUnaryOperator timeAt) {
        this.target = target;
        this.axis = axis;
        this.plotLeft = plotLeft;
        this.plotWidth = plotWidth;
        this.timeAt = timeAt;
        install();
    }

    void setOnLive(Runnable r) {
        onLive = r;
    }

    private long time(double x) {
        return (long) timeAt.applyAsDouble(x);
    }

    private boolean overPlot(double x) {
        return x >= plotLeft.getAsDouble() && x <= plotLeft.getAsDouble() + plotWidth.getAsDouble();
    }

    private void install() {
        target.setOnMousePressed(e -> {
            target.requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                dragX = e.getX();
                dragRange = axis.range();
            }
            e.consume(); // or the enclosing ScrollPane takes the focus, and End or the arrows go to it
        });
        target.setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX) && plotWidth.getAsDouble() > 0 && e.getX() != dragX) {
                axis.userSet(dragRange.pan(-(e.getX() - dragX) / plotWidth.getAsDouble()));
            }
            axis.crosshairProperty().set(time(e.getX()));
        });
        target.setOnMouseReleased(e -> dragX = Double.NaN);
        target.setOnMouseMoved(e -> axis.crosshairProperty().set(overPlot(e.getX()) ? time(e.getX()) : ChartAxis.NO_CROSSHAIR));
        target.setOnMouseExited(e -> axis.crosshairProperty().set(ChartAxis.NO_CROSSHAIR));
        target.setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                axis.userSet(axis.range().zoom(e.getDeltaY() > 0 ? 0.8 : 1.25, time(e.getX())));
            }
        });
        target.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onLive.run();
            }
        });
        target.setOnKeyPressed(e -> {
            KeyCode k = e.getCode();
            TimeRange r = axis.range();
            long mid = r.fromMillis() + r.span() / 2;
            if (k == KeyCode.LEFT) {
                axis.userSet(r.pan(-0.1));
            } else if (k == KeyCode.RIGHT) {
                axis.userSet(r.pan(0.1));
            } else if (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD) {
                axis.userSet(r.zoom(0.8, mid));
            } else if (k == KeyCode.MINUS || k == KeyCode.SUBTRACT) {
                axis.userSet(r.zoom(1.25, mid));
            } else if (k == KeyCode.END || k == KeyCode.L) {
                onLive.run();
            } else {
                return;
            }
            e.consume();
        });
    }
}
