package org.incidentworkbench.app.ui.metrics;

/**
 * The plot of one chart frame: its box on the canvas, the visible range with {@code sx} pixels per
 * millisecond, and the value scale ({@code sy} pixels per unit above {@code yMin}).
 */
record PlotFrame(TimeRange range, double left, double top, double width, double height, double sx, double sy, double yMin) {

    double x(long timeMillis) {
        return left + (timeMillis - range.fromMillis()) * sx;
    }

    double y(double value) {
        return top + height - (value - yMin) * sy;
    }
}
