package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * What a chart draws around and over its series: the grid with its tick labels, forecasts (a dashed line from the last point to the expected
 * crossing, the interval shaded, the limit as a line) and incident events (a dashed vertical line
 * each; labels placed by {@link MarkerLabels} so none overlaps, shortened to {@link #MAX_LABEL} px).
 * FX thread only.
 */
final class Annotations {

    static final double MAX_LABEL = 180;
    private static final double ROW = 14;

    private Annotations() {
    }

    static void forecasts(GraphicsContext g, ChartStyle style, List<ChartForecast> forecasts, PlotFrame f) {
        double right = f.left() + f.width();
        for (ChartForecast fc : forecasts) {
            String label = fc.label();
            Color c = style.colorFor(label.contains(" ") ? label.substring(0, label.indexOf(' ')) : label);
            double x0 = f.x(fc.fromMillis());
            double y0 = f.y(fc.fromValue());
            double yT = f.y(fc.threshold());
            double xc = f.x(fc.crossMillis());
            g.setFill(c.deriveColor(0, 1, 1, 0.15));
            g.fillPolygon(new double[] {x0, f.x(fc.earliestMillis()), f.x(fc.latestMillis())}, new double[] {y0, yT, yT}, 3);
            g.setStroke(c);
            g.setLineWidth(1.4);
            g.setLineDashes(6, 4);
            g.strokeLine(x0, y0, xc, yT);
            g.setStroke(style.muted);
            g.setLineWidth(1);
            g.strokeLine(f.left(), yT, right, yT);
            g.setLineDashes();
            g.setFill(style.text);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(label, Math.min(xc, right) - 2, yT - 2);
        }
    }

    static void eventLines(GraphicsContext g, ChartStyle style, List<ChartMarker> markers, PlotFrame f) {
        g.setLineWidth(1);
        g.setStroke(style.marker);
        g.setLineDashes(4, 3);
        for (ChartMarker m : markers) {
            if (f.range().contains(m.timeMillis())) {
                double x = f.x(m.timeMillis());
                g.strokeLine(x, f.top(), x, f.top() + f.height());
            }
        }
        g.setLineDashes();
    }

    /** Labels on up to a third of the plot's height (four rows at most); returns where they went. */
    static List<MarkerLabels.Placed> eventLabels(GraphicsContext g, ChartStyle style, TextMeasure text, List<ChartMarker> markers,
                                                 PlotFrame f) {
        List<ChartMarker> shown = markers.stream().filter(m -> f.range().contains(m.timeMillis())).toList();
        double[] lineX = new double[shown.size()];
        double[] widths = new double[shown.size()];
        List<String> texts = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            lineX[i] = f.x(shown.get(i).timeMillis());
            String t = text.shorten(shown.get(i).label(), MAX_LABEL);
            texts.add(t);
            widths[i] = text.width(t);
        }
        int rows = (int) Math.max(1, Math.min(4, f.height() / 3 / ROW));
        List<MarkerLabels.Placed> placed = MarkerLabels.layout(lineX, widths, texts, f.left(), f.left() + f.width(), f.top() + 2, ROW, rows);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (MarkerLabels.Placed p : placed) {
            g.setFill(style.background.deriveColor(0, 1, 1, 0.8));
            g.fillRect(p.x() - 1, p.y(), p.width() + 2, p.height() - 1);
            g.setFill(style.marker);
            g.fillText(p.text(), p.x(), p.y());
        }
        return placed;
    }

    /** Grid lines at the ticks, value labels left of the plot, time labels under it, and the plot's border. */
    static void grid(GraphicsContext g, ChartStyle style, AxisTicks.ValueAxis va, AxisTicks.TimeAxis ta, PlotFrame f,
            double rightMargin) {
        g.setLineWidth(1);
        g.setStroke(style.grid);
        g.setFill(style.muted);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double bottom = f.top() + f.height();
        for (int i = 0; i < va.values().length; i++) {
            double py = f.y(va.values()[i]);
            g.strokeLine(f.left(), Math.round(py) + 0.5, f.left() + f.width(), Math.round(py) + 0.5);
            g.fillText(va.labels().get(i), f.left() - 4, py);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        // a label centred on a tick near the plot's right end would be cut by the canvas edge ("08:23:0"): its grid
        // line stays, the label goes, as Grafana does
        double canvasRight = f.left() + f.width() + rightMargin;
        Text measure = new Text();
        measure.setFont(g.getFont());
        for (int i = 0; i < ta.times().length; i++) {
            double px = f.x(ta.times()[i]);
            g.strokeLine(Math.round(px) + 0.5, f.top(), Math.round(px) + 0.5, bottom);
            measure.setText(ta.labels().get(i));
            if (px + measure.getLayoutBounds().getWidth() / 2 <= canvasRight - 2) {
                g.fillText(ta.labels().get(i), px, bottom + 4);
            }
        }
        g.setStroke(style.muted);
        g.strokeRect(f.left() + 0.5, f.top() + 0.5, f.width() - 1, f.height() - 1);
    }
}
