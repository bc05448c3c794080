package org.incidentworkbench.app.ui.metrics;

import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Draws one series from its {@link ColumnDecimator} columns: a polyline through each column's first,
 * min, max and last value when there are fewer points than pixels, one vertical span per column in a
 * {@link SpanRaster} when there are more, or (the benchmark's baseline only) a segment to every point.
 * A highlighted series is drawn wider, the others faint. FX thread only; buffers reused.
 */
final class SeriesPainter {

    static final int NORMAL = 0;
    static final int HIGHLIGHTED = 1;
    static final int FAINT = 2;

    private final SpanRaster raster = new SpanRaster();
    private double[] xs = new double[64];
    private double[] ys = new double[64];

    void begin(PlotFrame f) {
        raster.prepare((int) Math.ceil(f.width()), (int) Math.ceil(f.height()));
    }

    void end(GraphicsContext g, PlotFrame f) {
        raster.drawOn(g, f.left(), f.top());
    }

    private static Color stroke(Color c, int look) {
        return look == FAINT ? c.deriveColor(0, 0.6, 1, 0.3) : c;
    }

    /** Fewer points than pixels: a polyline through each column's first, min, max and last value. */
    void sparse(GraphicsContext g, ColumnDecimator d, ChartSeries s, Color color, int look, PlotFrame f) {
        Color c = stroke(color, look);
        boolean band = s.hasBand();
        Color bandColor = c.deriveColor(0, 1, 1, 0.18);
        g.setLineWidth(look == HIGHLIGHTED ? 2.4 : 1.4);
        g.setStroke(c);
        double base = f.top() + f.height();
        double yMin = f.yMin();
        double sy = f.sy();
        int n = 0;
        for (int k = 0; k < d.size(); k++) {
            if (d.startsRun(k) && n > 0) {
                polyline(g, n);
                n = 0;
            }
            double x = f.left() + d.column(k) + 0.5;
            n = put(n, x, base - (d.first(k) - yMin) * sy);
            n = put(n, x, base - (d.min(k) - yMin) * sy);
            n = put(n, x, base - (d.max(k) - yMin) * sy);
            n = put(n, x, base - (d.last(k) - yMin) * sy);
            if (band) {
                g.setFill(bandColor);
                double yHi = base - (d.bandHigh(k) - yMin) * sy;
                double yLo = base - (d.bandLow(k) - yMin) * sy;
                g.fillRect(x - 0.5, yHi, 1, Math.max(1, yLo - yHi));
            }
        }
        if (n > 0) {
            polyline(g, n);
        }
    }

    /**
     * More points than pixels: each pixel column becomes one filled span from its lowest to its highest
     * value, stretched to meet the previous column's last value so the trace stays connected. That is
     * what a 1-px polyline through first/min/max/last looks like, at the cost of one axis-aligned span
     * per column, written into a raster drawn once per frame: a software renderer (no GPU, as under
     * Xvfb) rasterises those far faster than antialiased path segments.
     */
    void dense(ColumnDecimator d, ChartSeries s, Color c, int look, PlotFrame f) {
        double alpha = look == FAINT ? 0.3 : 1.0;
        int rgb = ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        double base = f.height(); // raster coordinates: the plot's top is 0
        double yMin = f.yMin();
        double sy = f.sy();
        if (s.hasBand()) {
            for (int k = 0; k < d.size(); k++) {
                raster.span(d.column(k), base - (d.bandHigh(k) - yMin) * sy, base - (d.bandLow(k) - yMin) * sy, rgb, 0.18 * alpha);
            }
        }
        boolean wide = look == HIGHLIGHTED;
        for (int k = 0; k < d.size(); k++) {
            double lo = d.min(k);
            double hi = d.max(k);
            if (!d.startsRun(k) && k > 0) {
                double prevLast = d.last(k - 1);
                lo = Math.min(lo, prevLast);
                hi = Math.max(hi, prevLast);
            }
            int x = d.column(k);
            double top = base - (hi - yMin) * sy - 0.5;
            double bottom = base - (lo - yMin) * sy + 0.5;
            raster.span(x, top, bottom, rgb, alpha);
            raster.span(x + 1, top, bottom, rgb, wide ? alpha : 0.35 * alpha);
            if (wide) {
                raster.span(x - 1, top, bottom, rgb, 0.5);
            }
        }
    }

    /** The benchmark's baseline: a segment to every point, as a naive chart draws. */
    void everyPoint(GraphicsContext g, ChartSeries s, Color c, int look, PlotFrame f) {
        TimeRange r = f.range();
        int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
        int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
        g.setLineWidth(1.4);
        g.setStroke(stroke(c, look));
        double base = f.top() + f.height();
        int n = 0;
        long prevT = Long.MIN_VALUE;
        for (int i = i0; i <= i1; i++) {
            double v = s.value(i);
            long t = s.time(i);
            if (Double.isNaN(v) || (prevT != Long.MIN_VALUE && t - prevT > s.gapMillis())) {
                if (n > 0) {
                    polyline(g, n);
                }
                n = 0;
                prevT = Double.isNaN(v) ? Long.MIN_VALUE : t;
                if (Double.isNaN(v)) {
                    continue;
                }
            }
            n = put(n, f.left() + (t - r.fromMillis()) * f.sx(), base - (v - f.yMin()) * f.sy());
            prevT = t;
        }
        if (n > 0) {
            polyline(g, n);
        }
    }

    private int put(int n, double x, double y) {
        if (n > 0 && xs[n - 1] == x && ys[n - 1] == y) {
            return n;
        }
        if (n >= xs.length) {
            xs = Arrays.copyOf(xs, xs.length * 2);
            ys = Arrays.copyOf(ys, ys.length * 2);
        }
        xs[n] = x;
        ys[n] = y;
        return n + 1;
    }

    private void polyline(GraphicsContext g, int n) {
        if (n == 1) {
            // a lone point between gaps: a dot, so it does not vanish
            g.strokeLine(xs[0] - 1, ys[0], xs[0] + 1, ys[0]);
            return;
        }
        g.strokePolyline(xs, ys, n);
    }
}
