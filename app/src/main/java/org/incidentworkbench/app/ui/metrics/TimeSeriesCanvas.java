package org.incidentworkbench.app.ui.metrics;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A time-series chart drawn on a {@link Canvas}: many series over one {@link ChartAxis}, shared with
 * the other charts of the view. A JavaFX {@code LineChart} makes a node per point and slows down at a
 * few thousand; this draws the columns of a {@link ColumnDecimator} (first, min, max, last of the
 * points in each pixel column, so spikes survive), breaks lines at gaps, and shades the min/max band.
 * Ticks come from {@link AxisTicks}, input from a {@link PanZoomController}. Incident events are
 * vertical marks whose labels never overlap ({@link MarkerLabels}); forecasts are dashed lines ahead
 * of now with their interval shaded. Series can be hidden and one highlighted (the legend does it),
 * and a group of charts can share one y scale (small multiples).
 *
 * <p>The chart watches the axis only while it is in a scene, so a chart taken out of the view can be
 * collected. Redraws are coalesced to one per pulse (they happen in {@code layoutChildren}). FX
 * thread only.
 */
public final class TimeSeriesCanvas extends Region {

    private static final double MIN_LEFT = 64;
    private static final double RIGHT = 12;
    private static final double TOP = 22;
    private static final double BOTTOM = 22;
    private static final Font FONT = Font.font("System", 11);
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private final Canvas canvas = new Canvas();
    private final ChartAxis axis;
    private final PanZoomController input;
    private final TextMeasure text = new TextMeasure(FONT);
    private final SeriesPainter painter = new SeriesPainter();
    private final ObservableSet<String> hidden = FXCollections.observableSet();
    private ChartStyle style;
    private List<ChartSeries> series = List.of();
    private List<ChartMarker> markers = List.of();
    private List<ChartForecast> forecasts = List.of();
    private List<TimeSeriesCanvas> yGroup = List.of();
    private String title = "";
    private String unit = "";
    private String highlighted;
    private long nowMillis = Long.MIN_VALUE;
    private boolean dirty = true;
    private Runnable unwatch;
    private double left = MIN_LEFT;
    private ColumnDecimator[] columns = new ColumnDecimator[0];
    private AxisTicks.ValueAxis valueAxis;
    private List<MarkerLabels.Placed> placedLabels = List.of();
    private List<SeriesStats> stats = List.of();
    private Consumer<List<SeriesStats>> onStats = s -> { };
    private TimeRange rawRangeFor;
    private double[] rawRange;
    /** Time spent in the last {@link #draw()}, for the frame-time benchmark. */
    private long lastDrawNanos;
    /** False only for the benchmark's baseline: a segment to every point, as a naive chart draws. */
    private boolean decimate = true;

    public TimeSeriesCanvas(ChartAxis axis, ChartStyle style) {
        this.axis = axis;
        this.style = style;
        getStyleClass().add("time-series-chart");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(200, 120);
        setPrefSize(800, 260);
        input = new PanZoomController(this, axis, () -> left, this::plotWidth, this::timeAt);
        sceneProperty().addListener((o, a, s) -> watchAxis(s != null));
        hidden.addListener((SetChangeListener<String>) c -> {
            rawRangeFor = null;
            yGroup.forEach(TimeSeriesCanvas::invalidate);
            invalidate();
        });
    }

    private void watchAxis(boolean on) {
        if (on && unwatch == null) {
            unwatch = axis.watch(this::invalidate);
            invalidate();
        } else if (!on && unwatch != null) {
            unwatch.run();
            unwatch = null;
        }
    }

    public void setSeries(List<ChartSeries> s) {
        series = List.copyOf(s);
        rawRangeFor = null;
        invalidate();
    }

    public List<ChartSeries> series() {
        return series;
    }

    /** The events drawn on the chart, oldest first. */
    public List<ChartMarker> markers() {
        return markers;
    }

    public void setMarkers(List<ChartMarker> m) {
        markers = m.stream().sorted(Comparator.comparingLong(ChartMarker::timeMillis)).toList();
        invalidate();
    }

    public void setForecasts(List<ChartForecast> f) {
        forecasts = List.copyOf(f);
        invalidate();
    }

    public void setTitle(String t) {
        title = t;
        invalidate();
    }

    public void setUnit(String u) {
        unit = u == null ? "" : u;
        invalidate();
    }

    public void setNow(long now) {
        nowMillis = now;
        invalidate();
    }

    public void setStyle(ChartStyle s) {
        style = s;
        invalidate();
    }

    public ChartStyle style() {
        return style;
    }

    /** What End, L and a double click do: back to the chosen range (live again when it is live). */
    public void setOnReset(Runnable r) {
        input.setOnLive(r);
    }

    /** Labels of the series not drawn (the legend hides and solos through it). */
    public ObservableSet<String> hiddenSeries() {
        return hidden;
    }

    /** Draws {@code label}'s line wider and the others faint; null for none. */
    public void setHighlighted(String label) {
        if (!Objects.equals(label, highlighted)) {
            highlighted = label;
            invalidate();
        }
    }

    public String highlighted() {
        return highlighted;
    }

    /** Charts that share one y scale with this one (small multiples); empty for a scale of its own. */
    public void setSharedYScale(List<TimeSeriesCanvas> group) {
        yGroup = List.copyOf(group);
        invalidate();
    }

    /** Called after each drawing with every series' figures over the visible range, in series order. */
    public void setOnStats(Consumer<List<SeriesStats>> c) {
        onStats = c;
    }

    public List<SeriesStats> stats() {
        return stats;
    }

    /** The value axis of the last drawing (ticks, their labels and unit), null before the first. */
    public AxisTicks.ValueAxis valueAxis() {
        return valueAxis;
    }

    /** The event labels of the last drawing with their boxes, for the geometry test. */
    List<MarkerLabels.Placed> markerLabels() {
        return placedLabels;
    }

    /** The benchmark's baseline switch: false draws every point instead of four per pixel column. */
    public void setDecimate(boolean on) {
        decimate = on;
        invalidate();
    }

    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    public Canvas canvas() {
        return canvas;
    }

    public ChartAxis axis() {
        return axis;
    }

    private void invalidate() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            dirty = true;
        }
        if (dirty) {
            draw();
        }
    }

    private double plotWidth() {
        return Math.max(1, getWidth() - left - RIGHT);
    }

    private double timeAt(double x) {
        TimeRange r = axis.range();
        return r.fromMillis() + Math.round((x - left) / plotWidth() * r.span());
    }

    /** Draws everything now (the benchmark calls it directly to time the chart's own work). */
    public void draw() {
        long start = System.nanoTime();
        dirty = false;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(style.background);
        g.fillRect(0, 0, w, h);
        if (w < MIN_LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            return;
        }
        g.setFont(FONT);
        TimeRange r = axis.range();
        double ph = h - TOP - BOTTOM;
        int ticks = (int) Math.max(3, ph / 32); // a small multiple of 120 px still gets three or four
        // decimate at the last frame's margin; the tick labels may widen it, then once more (rare: the axis changed unit)
        decimateAll(r, w - left - RIGHT);
        double[] yr = yRange(r);
        AxisTicks.ValueAxis va = AxisTicks.values(yr[0], yr[1], ticks, unit);
        double widest = 0;
        for (String l : va.labels()) {
            widest = Math.max(widest, text.width(l));
        }
        double wantLeft = Math.max(MIN_LEFT, Math.ceil(widest) + 10);
        if (wantLeft != left) {
            left = wantLeft;
            decimateAll(r, w - left - RIGHT);
        }
        valueAxis = va;
        double pw = w - left - RIGHT;
        double yMin = yr[0];
        double yMax = yr[1];
        double sx = pw / r.span();
        double sy = ph / (yMax - yMin);
        PlotFrame frame = new PlotFrame(r, left, TOP, pw, ph, sx, sy, yMin);
        Annotations.grid(g, style, va, AxisTicks.times(r.fromMillis(), r.toMillis(), pw, ZONE), frame, RIGHT);

        g.save();
        g.beginPath();
        g.rect(left, TOP, pw, ph);
        g.clip();
        painter.begin(frame);
        int hi = -1;
        for (int i = 0; i < series.size(); i++) {
            ChartSeries s = series.get(i);
            if (hidden.contains(s.label())) {
                continue;
            }
            if (s.label().equals(highlighted)) {
                hi = i; // drawn last, on top
                continue;
            }
            drawOne(g, i, frame);
        }
        if (hi >= 0) {
            drawOne(g, hi, frame);
        }
        painter.end(g, frame);
        Annotations.forecasts(g, style, forecasts, frame);
        Annotations.eventLines(g, style, markers, frame);
        if (nowMillis != Long.MIN_VALUE && r.contains(nowMillis)) {
            g.setStroke(style.muted);
            g.setLineDashes(2, 3);
            g.setLineWidth(1);
            double x = left + (nowMillis - r.fromMillis()) * sx;
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setLineDashes();
        }
        g.restore();
        placedLabels = Annotations.eventLabels(g, style, text, markers, frame);

        g.setFill(style.text);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title + (va.unit().isEmpty() ? "" : "  (" + va.unit() + ")"), left, 4);
        if (series.isEmpty() || series.stream().allMatch(ChartSeries::isEmpty)) {
            g.setFill(style.muted);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("no data in this range", left + pw / 2, TOP + ph / 2);
        }
        long t = axis.crosshairProperty().get();
        if (t != ChartAxis.NO_CROSSHAIR && r.contains(t)) {
            double labelsBottom = placedLabels.stream().mapToDouble(p -> p.y() + p.height()).max().orElse(TOP);
            CrosshairReadout.draw(g, style, text, ZONE, t, r, frame, labelsBottom + 2, va, markers,
                    series.stream().filter(s -> !hidden.contains(s.label())).toList());
        }
        publishStats(r, pw);
        lastDrawNanos = System.nanoTime() - start;
    }

    private void decimateAll(TimeRange r, double pw) {
        if (columns.length < series.size()) {
            ColumnDecimator[] more = Arrays.copyOf(columns, series.size());
            for (int i = columns.length; i < more.length; i++) {
                more[i] = new ColumnDecimator();
            }
            columns = more;
        }
        double sx = Math.max(1, pw) / r.span();
        for (int i = 0; i < series.size(); i++) {
            columns[i].decimate(series.get(i), r.fromMillis(), r.toMillis(), sx);
        }
    }

    /** Data extremes of the shown series (band included) from the columns, or of the whole group when it shares a scale. */
    private double[] yRange(TimeRange r) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        if (yGroup.isEmpty()) {
            for (int i = 0; i < series.size(); i++) {
                if (hidden.contains(series.get(i).label())) {
                    continue;
                }
                ColumnDecimator d = columns[i];
                for (int k = 0; k < d.size(); k++) {
                    min = Math.min(min, d.bandLow(k));
                    max = Math.max(max, d.bandHigh(k));
                }
            }
        } else {
            for (TimeSeriesCanvas c : yGroup) {
                double[] m = c.rawRange(r);
                min = Math.min(min, m[0]);
                max = Math.max(max, m[1]);
            }
        }
        for (ChartForecast f : forecasts) {
            if (f.crossMillis() >= r.fromMillis() && f.fromMillis() <= r.toMillis()) {
                min = Math.min(min, Math.min(f.fromValue(), f.threshold()));
                max = Math.max(max, Math.max(f.fromValue(), f.threshold()));
            }
        }
        return padded(min, max);
    }

    /** Data extremes of this chart's shown series over {@code r}, computed once per range (for a shared scale). */
    double[] rawRange(TimeRange r) {
        if (r.equals(rawRangeFor) && rawRange != null) {
            return rawRange;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : series) {
            if (s.isEmpty() || hidden.contains(s.label())) {
                continue;
            }
            int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
            int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
            for (int i = i0; i <= i1; i++) {
                min = Math.min(min, s.low(i));
                max = Math.max(max, s.high(i));
            }
        }
        rawRangeFor = r;
        rawRange = new double[] {min, max};
        return rawRange;
    }

    /** Zero when zero is near (loads, percentages and bytes read truer so), else the data's own range with 5 % air. */
    static double[] padded(double min, double max) {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            return new double[] {0, 1}; // nothing shown (or a value no axis can hold)
        }
        if (min >= 0 && min < (max - min) * 0.5) {
            min = 0;
        }
        if (max == min) {
            max = min + (min == 0 ? 1 : Math.abs(min) * 0.1);
        }
        double pad = (max - min) * 0.05;
        return new double[] {min == 0 ? 0 : min - pad, max + pad};
    }

    private void publishStats(TimeRange r, double pw) {
        List<SeriesStats> out = new ArrayList<>(series.size());
        for (int i = 0; i < series.size(); i++) {
            out.add(columns[i].stats(series.get(i), r.fromMillis(), r.toMillis(), (int) Math.ceil(pw)));
        }
        if (!out.equals(stats)) {
            stats = List.copyOf(out);
            onStats.accept(stats);
        }
    }

    private void drawOne(GraphicsContext g, int i, PlotFrame f) {
        ChartSeries s = series.get(i);
        if (s.isEmpty()) {
            return;
        }
        Color c = style.colorFor(s.label());
        int look = highlighted == null ? SeriesPainter.NORMAL : s.label().equals(highlighted) ? SeriesPainter.HIGHLIGHTED : SeriesPainter.FAINT;
        if (!decimate) {
            painter.everyPoint(g, s, c, look, f);
        } else if (s.indexAtOrAfter(f.range().toMillis()) - s.indexAtOrAfter(f.range().fromMillis()) > f.width()) {
            painter.dense(columns[i], s, c, look, f);
        } else {
            painter.sparse(g, columns[i], s, c, look, f);
        }
    }
}
