package org.incidentworkbench.app.ui.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
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
    private static final double ROW = 14;
    private static final double MAX_MARKER_LABEL = 180;
    private static final Font FONT = Font.font("System", 11);
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private final Canvas canvas = new Canvas();
    private final ChartAxis axis;
    private final PanZoomController input;
    private final Text measure = new Text();
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
    private double[] xs = new double[64];
    private double[] ys = new double[64];
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
        measure.setFont(FONT);
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
        int ticks = (int) Math.max(2, ph / 40);
        // decimate at the last frame's margin; the tick labels may widen it, then once more (rare: the axis changed unit)
        decimateAll(r, w - left - RIGHT);
        double[] yr = yRange(r);
        AxisTicks.ValueAxis va = AxisTicks.values(yr[0], yr[1], ticks, unit);
        double widest = 0;
        for (String l : va.labels()) {
            widest = Math.max(widest, textWidth(l));
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
        drawGrid(g, r, va, pw, ph, yMin, yMax);

        g.save();
        g.beginPath();
        g.rect(left, TOP, pw, ph);
        g.clip();
        double sx = pw / r.span();
        double sy = ph / (yMax - yMin);
        prepareRaster((int) Math.ceil(pw), (int) Math.ceil(ph));
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
            drawOne(g, i, r, sx, sy, yMin, pw, ph);
        }
        if (hi >= 0) {
            drawOne(g, hi, r, sx, sy, yMin, pw, ph);
        }
        if (rasterUsed) {
            rasterImage.getPixelWriter().setPixels(0, 0, rasterW, rasterH, PixelFormat.getIntArgbPreInstance(), raster, 0, rasterW);
            g.drawImage(rasterImage, left, TOP);
        }
        drawForecasts(g, r, sx, sy, yMin, ph);
        drawMarkerLines(g, r, sx, ph);
        if (nowMillis != Long.MIN_VALUE && r.contains(nowMillis)) {
            g.setStroke(style.muted);
            g.setLineDashes(2, 3);
            g.setLineWidth(1);
            double x = left + (nowMillis - r.fromMillis()) * sx;
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setLineDashes();
        }
        g.restore();
        drawMarkerLabels(g, r, sx, pw, ph);

        g.setFill(style.text);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title + (va.unit().isEmpty() ? "" : "  (" + va.unit() + ")"), left, 4);
        if (series.isEmpty() || series.stream().allMatch(ChartSeries::isEmpty)) {
            g.setFill(style.muted);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("no data in this range", left + pw / 2, TOP + ph / 2);
        }
        drawCrosshair(g, r, va, pw, ph);
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

    private double textWidth(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
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
        if (!(min <= max)) {
            return new double[] {0, 1};
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

    private Color colorOf(String label) {
        Color c = style.colorFor(label);
        return highlighted == null || highlighted.equals(label) ? c : c.deriveColor(0, 0.6, 1, 0.3);
    }

    private void drawOne(GraphicsContext g, int i, TimeRange r, double sx, double sy, double yMin, double pw, double ph) {
        ChartSeries s = series.get(i);
        if (s.isEmpty()) {
            return;
        }
        if (!decimate) {
            drawEveryPoint(g, s, r, sx, sy, yMin, ph);
        } else if (s.indexAtOrAfter(r.toMillis()) - s.indexAtOrAfter(r.fromMillis()) > pw) {
            drawDense(columns[i], s, sy, yMin, ph);
        } else {
            drawSparse(g, columns[i], s, sy, yMin, ph);
        }
    }

    /** Fewer points than pixels: a polyline through each column's first, min, max and last value. */
    private void drawSparse(GraphicsContext g, ColumnDecimator d, ChartSeries s, double sy, double yMin, double ph) {
        Color c = colorOf(s.label());
        boolean band = s.hasBand();
        Color bandColor = c.deriveColor(0, 1, 1, 0.18);
        g.setLineWidth(s.label().equals(highlighted) ? 2.4 : 1.4);
        g.setStroke(c);
        double base = TOP + ph;
        int n = 0;
        for (int k = 0; k < d.size(); k++) {
            if (d.startsRun(k) && n > 0) {
                stroke(g, n);
                n = 0;
            }
            double x = left + d.column(k) + 0.5;
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
            stroke(g, n);
        }
    }

    /**
     * More points than pixels: each pixel column becomes one filled span from its lowest to its highest
     * value, stretched to meet the previous column's last value so the trace stays connected. That is
     * what a 1-px polyline through first/min/max/last looks like, at the cost of one axis-aligned span
     * per column, written into a raster drawn once per frame: a software renderer (no GPU, as under
     * Xvfb) rasterises those far faster than antialiased path segments.
     */
    private void drawDense(ColumnDecimator d, ChartSeries s, double sy, double yMin, double ph) {
        Color c = style.colorFor(s.label());
        double alpha = highlighted == null || highlighted.equals(s.label()) ? 1.0 : 0.3;
        int rgb = ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        double base = ph; // raster coordinates: the plot's top is 0
        if (s.hasBand()) {
            for (int k = 0; k < d.size(); k++) {
                span(d.column(k), base - (d.bandHigh(k) - yMin) * sy, base - (d.bandLow(k) - yMin) * sy, rgb, 0.18 * alpha);
            }
        }
        boolean wide = s.label().equals(highlighted);
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
            span(x, top, bottom, rgb, alpha);
            span(x + 1, top, bottom, rgb, wide ? alpha : 0.35 * alpha);
            if (wide) {
                span(x - 1, top, bottom, rgb, 0.5);
            }
        }
        rasterUsed = true;
    }

    // The dense series' pixels: written here and put on the canvas as one image per frame, because a
    // software renderer (no GPU, as under Xvfb) spends far longer rasterising thousands of shapes.
    private int[] raster = new int[0];
    private int rasterW;
    private int rasterH;
    private WritableImage rasterImage;
    private boolean rasterUsed;

    private void prepareRaster(int w, int h) {
        if (w != rasterW || h != rasterH || rasterImage == null) {
            rasterW = Math.max(1, w);
            rasterH = Math.max(1, h);
            raster = new int[rasterW * rasterH];
            rasterImage = new WritableImage(rasterW, rasterH);
        } else if (rasterUsed) {
            Arrays.fill(raster, 0);
        }
        rasterUsed = false;
    }

    /** Paints column {@code x} from {@code yTop} to {@code yBottom} (plot pixels) with {@code rgb} at opacity {@code a}. */
    private void span(int x, double yTop, double yBottom, int rgb, double a) {
        if (x < 0 || x >= rasterW) {
            return;
        }
        int y0 = Math.max(0, (int) Math.floor(yTop));
        int y1 = Math.min(rasterH - 1, Math.max(y0, (int) Math.ceil(yBottom) - 1));
        int ia = (int) Math.round(a * 255);
        for (int y = y0; y <= y1; y++) {
            int i = y * rasterW + x;
            raster[i] = ia == 255 ? 0xFF000000 | rgb : over(raster[i], rgb, ia);
        }
    }

    /** Source over destination, premultiplied ARGB. */
    private static int over(int dst, int rgb, int a) {
        int inv = 255 - a;
        int da = dst >>> 24;
        int dr = (dst >> 16) & 0xFF;
        int dg = (dst >> 8) & 0xFF;
        int db = dst & 0xFF;
        int r = ((rgb >> 16) & 0xFF) * a / 255 + dr * inv / 255;
        int gg = ((rgb >> 8) & 0xFF) * a / 255 + dg * inv / 255;
        int b = (rgb & 0xFF) * a / 255 + db * inv / 255;
        int outA = a + da * inv / 255;
        return (outA << 24) | (r << 16) | (gg << 8) | b;
    }

    /** The benchmark's baseline: a segment to every point. */
    private void drawEveryPoint(GraphicsContext g, ChartSeries s, TimeRange r, double sx, double sy, double yMin, double ph) {
        int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
        int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
        g.setLineWidth(1.4);
        g.setStroke(colorOf(s.label()));
        double base = TOP + ph;
        int n = 0;
        long prevT = Long.MIN_VALUE;
        for (int i = i0; i <= i1; i++) {
            double v = s.value(i);
            long t = s.time(i);
            if (Double.isNaN(v) || (prevT != Long.MIN_VALUE && t - prevT > s.gapMillis())) {
                if (n > 0) {
                    stroke(g, n);
                }
                n = 0;
                prevT = Double.isNaN(v) ? Long.MIN_VALUE : t;
                if (Double.isNaN(v)) {
                    continue;
                }
            }
            n = put(n, left + (t - r.fromMillis()) * sx, base - (v - yMin) * sy);
            prevT = t;
        }
        if (n > 0) {
            stroke(g, n);
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

    private void stroke(GraphicsContext g, int n) {
        if (n == 1) {
            // a lone point between gaps: a dot, so it does not vanish
            g.strokeLine(xs[0] - 1, ys[0], xs[0] + 1, ys[0]);
            return;
        }
        g.strokePolyline(xs, ys, n);
    }

    private void drawForecasts(GraphicsContext g, TimeRange r, double sx, double sy, double yMin, double ph) {
        double base = TOP + ph;
        for (ChartForecast f : forecasts) {
            Color c = style.colorFor(f.label().contains(" ") ? f.label().substring(0, f.label().indexOf(' ')) : f.label());
            double x0 = left + (f.fromMillis() - r.fromMillis()) * sx;
            double y0 = base - (f.fromValue() - yMin) * sy;
            double yT = base - (f.threshold() - yMin) * sy;
            double xe = left + (f.earliestMillis() - r.fromMillis()) * sx;
            double xl = left + (f.latestMillis() - r.fromMillis()) * sx;
            double xc = left + (f.crossMillis() - r.fromMillis()) * sx;
            g.setFill(c.deriveColor(0, 1, 1, 0.15));
            g.fillPolygon(new double[] {x0, xe, xl}, new double[] {y0, yT, yT}, 3);
            g.setStroke(c);
            g.setLineWidth(1.4);
            g.setLineDashes(6, 4);
            g.strokeLine(x0, y0, xc, yT);
            g.setStroke(style.muted);
            g.setLineWidth(1);
            g.strokeLine(left, yT, left + r.span() * sx, yT);
            g.setLineDashes();
            g.setFill(style.text);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(f.label(), Math.min(xc, left + r.span() * sx) - 2, yT - 2);
        }
    }

    private void drawMarkerLines(GraphicsContext g, TimeRange r, double sx, double ph) {
        g.setLineWidth(1);
        g.setStroke(style.marker);
        g.setLineDashes(4, 3);
        for (ChartMarker m : markers) {
            if (r.contains(m.timeMillis())) {
                double x = left + (m.timeMillis() - r.fromMillis()) * sx;
                g.strokeLine(x, TOP, x, TOP + ph);
            }
        }
        g.setLineDashes();
    }

    /** Labels on up to a third of the plot's height, never overlapping; the rest keep their line and show on hover. */
    private void drawMarkerLabels(GraphicsContext g, TimeRange r, double sx, double pw, double ph) {
        List<ChartMarker> shown = markers.stream().filter(m -> r.contains(m.timeMillis())).toList();
        double[] lineX = new double[shown.size()];
        double[] widths = new double[shown.size()];
        List<String> texts = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            lineX[i] = left + (shown.get(i).timeMillis() - r.fromMillis()) * sx;
            String t = shorten(shown.get(i).label(), MAX_MARKER_LABEL);
            texts.add(t);
            widths[i] = textWidth(t);
        }
        int rows = (int) Math.max(1, Math.min(4, ph / 3 / ROW));
        placedLabels = MarkerLabels.layout(lineX, widths, texts, left, left + pw, TOP + 2, ROW, rows);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (MarkerLabels.Placed p : placedLabels) {
            g.setFill(style.background.deriveColor(0, 1, 1, 0.8));
            g.fillRect(p.x() - 1, p.y(), p.width() + 2, p.height() - 1);
            g.setFill(style.marker);
            g.fillText(p.text(), p.x(), p.y());
        }
    }

    private String shorten(String s, double max) {
        if (textWidth(s) <= max) {
            return s;
        }
        int keep = Math.max(1, (int) (s.length() * max / textWidth(s)));
        while (keep > 1 && textWidth(s.substring(0, keep) + "…") > max) {
            keep--;
        }
        return s.substring(0, keep) + "…";
    }

    private void drawGrid(GraphicsContext g, TimeRange r, AxisTicks.ValueAxis va, double pw, double ph, double yMin, double yMax) {
        g.setLineWidth(1);
        g.setStroke(style.grid);
        g.setFill(style.muted);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < va.values().length; i++) {
            double py = TOP + ph - (va.values()[i] - yMin) / (yMax - yMin) * ph;
            g.strokeLine(left, Math.round(py) + 0.5, left + pw, Math.round(py) + 0.5);
            g.fillText(va.labels().get(i), left - 4, py);
        }
        AxisTicks.TimeAxis ta = AxisTicks.times(r.fromMillis(), r.toMillis(), pw, ZONE);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < ta.times().length; i++) {
            double px = left + (ta.times()[i] - r.fromMillis()) / (double) r.span() * pw;
            g.strokeLine(Math.round(px) + 0.5, TOP, Math.round(px) + 0.5, TOP + ph);
            g.fillText(ta.labels().get(i), px, TOP + ph + 4);
        }
        g.setStroke(style.muted);
        g.strokeRect(left + 0.5, TOP + 0.5, pw - 1, ph - 1);
    }

    /** The crosshair and its readout: the events under the pointer in full, then every shown series' value there. */
    private void drawCrosshair(GraphicsContext g, TimeRange r, AxisTicks.ValueAxis va, double pw, double ph) {
        long t = axis.crosshairProperty().get();
        if (t == ChartAxis.NO_CROSSHAIR || !r.contains(t)) {
            return;
        }
        double x = left + (t - r.fromMillis()) / (double) r.span() * pw;
        g.setStroke(style.text);
        g.setLineWidth(1);
        g.strokeLine(Math.round(x) + 0.5, TOP, Math.round(x) + 0.5, TOP + ph);
        double boxW = 210;
        List<String> events = new ArrayList<>();
        double msPerPx = r.span() / pw;
        for (ChartMarker m : markers) {
            if (Math.abs(m.timeMillis() - t) <= 4 * msPerPx) {
                events.addAll(wrap(m.label(), 380));
            }
        }
        for (String e : events) {
            boxW = Math.max(boxW, textWidth(e) + 12);
        }
        List<ChartSeries> sorted = new ArrayList<>(series.stream().filter(s -> !hidden.contains(s.label())).toList());
        sorted.sort(Comparator.comparingDouble((ChartSeries s) -> {
            double v = s.valueAt(t);
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }).reversed());
        String when = DateTimeFormatter.ofPattern(r.span() > 86_400_000L ? "MMM d HH:mm:ss" : "HH:mm:ss", Locale.ROOT)
                .format(Instant.ofEpochMilli(t).atZone(ZONE));
        int room = (int) Math.max(1, (ph - 20) / ROW);
        int shownEvents = Math.min(events.size(), room);
        int shown = Math.min(sorted.size(), Math.max(0, room - shownEvents));
        double boxH = 16 + ROW * (shownEvents + shown);
        double bx = x + 10 + boxW > left + pw ? x - 10 - boxW : x + 10;
        double by = TOP + 4;
        g.setFill(style.background.deriveColor(0, 1, 1, 0.9));
        g.fillRect(bx, by, boxW, boxH);
        g.setStroke(style.grid);
        g.strokeRect(bx + 0.5, by + 0.5, boxW, boxH);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(style.text);
        g.fillText(when, bx + 6, by + 2);
        double ly = by + 16;
        g.setFill(style.marker);
        for (int i = 0; i < shownEvents; i++, ly += ROW) {
            g.fillText(events.get(i), bx + 6, ly);
        }
        for (int i = 0; i < shown; i++, ly += ROW) {
            ChartSeries s = sorted.get(i);
            g.setFill(style.colorFor(s.label()));
            g.fillRect(bx + 6, ly + 3, 8, 8);
            g.setFill(style.text);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(shorten(s.label(), boxW - 100), bx + 18, ly);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(va.format(s.valueAt(t), 1), bx + boxW - 6, ly);
        }
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** Words of {@code s} in lines at most {@code max} px wide. */
    private List<String> wrap(String s, double max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split("\\s+")) {
            String next = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && textWidth(next) > max) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (line.length() > 0) {
            lines.add(shorten(line.toString(), max));
        }
        return lines;
    }
}
