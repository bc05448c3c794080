package org.incidentworkbench.app.ui.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * The crosshair's line and box: the instant, the full text of the events under the pointer (their
 * labels on the chart may be shortened or thinned), then every shown series' value there, highest
 * first, in the axis's unit with one decimal more than its ticks. FX thread only.
 */
final class CrosshairReadout {

    private static final double ROW = 14;

    private CrosshairReadout() {
    }

    /** Draws the readout for instant {@code t}, its box starting at {@code boxTop} (under the event labels, so it hides none). */
    static void draw(GraphicsContext g, ChartStyle style, TextMeasure text, ZoneId zone, long t, TimeRange r, PlotFrame p, double boxTop,
                     AxisTicks.ValueAxis axis, List<ChartMarker> markers, List<ChartSeries> shown) {
        double x = p.left() + (t - r.fromMillis()) / (double) r.span() * p.width();
        g.setStroke(style.text);
        g.setLineWidth(1);
        g.strokeLine(Math.round(x) + 0.5, p.top(), Math.round(x) + 0.5, p.top() + p.height());
        double boxW = 210;
        List<String> events = new ArrayList<>();
        double msPerPx = r.span() / p.width();
        for (ChartMarker m : markers) {
            if (Math.abs(m.timeMillis() - t) <= 4 * msPerPx) {
                events.addAll(text.wrap(m.label(), 380));
            }
        }
        for (String e : events) {
            boxW = Math.max(boxW, text.width(e) + 12);
        }
        List<ChartSeries> sorted = new ArrayList<>(shown);
        sorted.sort(Comparator.comparingDouble((ChartSeries s) -> {
            double v = s.valueAt(t);
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }).reversed());
        String when = DateTimeFormatter.ofPattern(r.span() > 86_400_000L ? "MMM d HH:mm:ss" : "HH:mm:ss", Locale.ROOT)
                .format(Instant.ofEpochMilli(t).atZone(zone));
        double by = Math.max(p.top() + 4, boxTop);
        int room = (int) Math.max(1, (p.top() + p.height() - by - 20) / ROW);
        int eventRows = Math.min(events.size(), room);
        int seriesRows = Math.min(sorted.size(), Math.max(0, room - eventRows));
        double boxH = 16 + ROW * (eventRows + seriesRows);
        double bx = x + 10 + boxW > p.left() + p.width() ? x - 10 - boxW : x + 10;
        g.setFill(style.background); // opaque: the event labels under it must not show through
        g.fillRect(bx, by, boxW, boxH);
        g.setStroke(style.grid);
        g.strokeRect(bx + 0.5, by + 0.5, boxW, boxH);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(style.text);
        g.fillText(when, bx + 6, by + 2);
        double ly = by + 16;
        g.setFill(style.marker);
        for (int i = 0; i < eventRows; i++, ly += ROW) {
            g.fillText(events.get(i), bx + 6, ly);
        }
        for (int i = 0; i < seriesRows; i++, ly += ROW) {
            ChartSeries s = sorted.get(i);
            g.setFill(style.colorFor(s.label()));
            g.fillRect(bx + 6, ly + 3, 8, 8);
            g.setFill(style.text);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(text.shorten(s.label(), boxW - 100), bx + 18, ly);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(axis.format(s.valueAt(t), 1), bx + boxW - 6, ly);
        }
        g.setTextAlign(TextAlignment.LEFT);
    }
}
