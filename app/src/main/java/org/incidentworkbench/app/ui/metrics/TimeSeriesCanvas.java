package org.incidentworkbench.app.ui.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A time-series chart drawn on a {@link Canvas}: many series over one {@link ChartAxis}, shared with
 * the other charts of the view. A JavaFX {@code LineChart} makes a node per point and slows down at a
 * few thousand; this draws at most four points per pixel column per series (first, min, max, last of
 * the points in the column, so spikes survive), breaks lines at gaps, and shades the min/max band.
 * Drag pans, the wheel zooms around the pointer, the pointer moves the shared crosshair, whose
 * readout lists every series' value at that instant. Incident events are vertical marks; forecasts are
 * dashed lines ahead of now with their interval shaded.
 *
 * <p>Redraws are coalesced to one per pulse (they happen in {@code layoutChildren}). FX thread only.
 */
public final class TimeSeriesCanvas extends Region {

    private static final double LEFT = 64;
    private static final double RIGHT = 12;
    private static final double TOP = 22;
    private static final double BOTTOM = 22;
    private static final Font FONT = Font.font("System", 11);
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private final Canvas canvas = new Canvas();
    private final ChartAxis axis;
    private ChartStyle style;
    private List<ChartSeries> series = List.of();
    private List<ChartMarker> markers = List.of();
    private List<ChartForecast> forecasts = List.of();
    private String title = "";
    private String unit = "";
    private long nowMillis = Long.MIN_VALUE;
    private Runnable onReset = () -> { };
    private boolean dirty = true;
    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double dragX = Double.NaN;
    private TimeRange dragRange;
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
        axis.rangeProperty().addListener(o -> invalidate());
        axis.crosshairProperty().addListener(o -> invalidate());
        wireInput();
    }

    private void wireInput() {
        setOnMousePressed(e -> {
            requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                dragX = e.getX();
                dragRange = axis.range();
            }
        });
        setOnMouseDragged(e -> {
            if (!Double.isNaN(dragX) && plotWidth() > 0) {
                double frac = -(e.getX() - dragX) / plotWidth();
                axis.userSet(dragRange.pan(frac));
            }
            axis.crosshairProperty().set(timeAt(e.getX()));
        });
        setOnMouseReleased(e -> dragX = Double.NaN);
        setOnMouseMoved(e -> axis.crosshairProperty().set(e.getX() >= LEFT && e.getX() <= getWidth() - RIGHT ? timeAt(e.getX()) : ChartAxis.NO_CROSSHAIR));
        setOnMouseExited(e -> axis.crosshairProperty().set(ChartAxis.NO_CROSSHAIR));
        setOnScroll(e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
            axis.userSet(axis.range().zoom(factor, timeAt(e.getX())));
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                onReset.run();
            }
        });
        setOnKeyPressed(e -> {
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
            } else {
                return;
            }
            e.consume();
        });
    }

    public void setSeries(List<ChartSeries> s) {
        series = List.copyOf(s);
        invalidate();
    }

    public List<ChartSeries> series() {
        return series;
    }

    public void setMarkers(List<ChartMarker> m) {
        markers = List.copyOf(m);
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

    public void setOnReset(Runnable r) {
        onReset = r;
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
        return Math.max(1, getWidth() - LEFT - RIGHT);
    }

    private long timeAt(double x) {
        TimeRange r = axis.range();
        return r.fromMillis() + Math.round((x - LEFT) / plotWidth() * r.span());
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
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            return;
        }
        TimeRange r = axis.range();
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        double[] yr = yRange(r);
        double yMin = yr[0];
        double yMax = yr[1];
        g.setFont(FONT);
        drawGrid(g, r, pw, ph, yMin, yMax);

        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, pw, ph);
        g.clip();
        double sx = pw / r.span();
        double sy = ph / (yMax - yMin);
        prepareRaster((int) Math.ceil(pw), (int) Math.ceil(ph));
        for (ChartSeries s : series) {
            if (decimate) {
                drawSeries(g, s, r, sx, sy, yMin, ph);
            } else {
                drawEveryPoint(g, s, r, sx, sy, yMin, ph);
            }
        }
        if (rasterUsed) {
            rasterImage.getPixelWriter().setPixels(0, 0, rasterW, rasterH, javafx.scene.image.PixelFormat.getIntArgbPreInstance(),
                    raster, 0, rasterW);
            g.drawImage(rasterImage, LEFT, TOP);
        }
        drawForecasts(g, r, sx, sy, yMin, ph);
        drawMarkers(g, r, sx, ph);
        if (nowMillis != Long.MIN_VALUE && r.contains(nowMillis)) {
            g.setStroke(style.muted);
            g.setLineDashes(2, 3);
            g.setLineWidth(1);
            double x = LEFT + (nowMillis - r.fromMillis()) * sx;
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setLineDashes();
        }
        g.restore();

        g.setFill(style.text);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title + (unit.isEmpty() ? "" : "  (" + unit + ")"), LEFT, 4);
        if (series.isEmpty() || series.stream().allMatch(ChartSeries::isEmpty)) {
            g.setFill(style.muted);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("no data in this range", LEFT + pw / 2, TOP + ph / 2);
        }
        drawCrosshair(g, r, pw, ph);
        lastDrawNanos = System.nanoTime() - start;
    }

    private double[] yRange(TimeRange r) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ChartSeries s : series) {
            int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
            int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
            for (int i = i0; i <= i1; i++) {
                double lo = s.low(i);
                double hi = s.high(i);
                if (lo < min) {
                    min = lo;
                }
                if (hi > max) {
                    max = hi;
                }
            }
        }
        for (ChartForecast f : forecasts) {
            if (f.crossMillis() >= r.fromMillis() && f.fromMillis() <= r.toMillis()) {
                min = Math.min(min, Math.min(f.fromValue(), f.threshold()));
                max = Math.max(max, Math.max(f.fromValue(), f.threshold()));
            }
        }
        if (!(min <= max)) {
            return new double[] {0, 1};
        }
        if (min >= 0 && min < (max - min) * 0.5) {
            min = 0; // start at zero when zero is near: loads, percentages and bytes read truer so
        }
        if (max == min) {
            max = min + (min == 0 ? 1 : Math.abs(min) * 0.1);
        }
        double pad = (max - min) * 0.05;
        return new double[] {min == 0 ? 0 : min - pad, max + pad};
    }

    private void drawSeries(GraphicsContext g, ChartSeries s, TimeRange r, double sx, double sy, double yMin, double ph) {
        if (s.isEmpty()) {
            return;
        }
        if (s.indexAtOrAfter(r.toMillis()) - s.indexAtOrAfter(r.fromMillis()) > plotWidth()) {
            drawDense(g, s, r, sx, sy, yMin, ph);
            return;
        }
        Color c = style.colorFor(s.label());
        int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
        int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
        int cap = 4 * (int) (getWidth() + 4) + 8;
        if (xs.length < cap) {
            xs = new double[cap];
            ys = new double[cap];
        }
        double base = TOP + ph;
        g.setLineWidth(1.4);
        g.setStroke(c);
        Color band = c.deriveColor(0, 1, 1, 0.18);
        int n = 0;
        int col = Integer.MIN_VALUE;
        double first = 0;
        double cmin = 0;
        double cmax = 0;
        double last = 0;
        double bandLo = 0;
        double bandHi = 0;
        long prevT = Long.MIN_VALUE;
        long gap = s.gapMillis();
        boolean hasBand = s.hasBand();
        for (int i = i0; i <= i1 + 1; i++) {
            boolean end = i > i1;
            double v = end ? Double.NaN : s.value(i);
            long t = end ? 0 : s.time(i);
            boolean broken = end || Double.isNaN(v) || (prevT != Long.MIN_VALUE && t - prevT > gap);
            int px = end || Double.isNaN(v) ? col : (int) Math.floor((t - r.fromMillis()) * sx);
            if (col != Integer.MIN_VALUE && (px != col || broken)) {
                // flush the finished column: first, min, max, last at its x
                double x = LEFT + col + 0.5;
                n = put(n, x, base - (first - yMin) * sy);
                n = put(n, x, base - (cmin - yMin) * sy);
                n = put(n, x, base - (cmax - yMin) * sy);
                n = put(n, x, base - (last - yMin) * sy);
                if (hasBand) {
                    g.setFill(band);
                    double yHi = base - (bandHi - yMin) * sy;
                    double yLo = base - (bandLo - yMin) * sy;
                    g.fillRect(x - 0.5, yHi, 1, Math.max(1, yLo - yHi));
                }
                col = Integer.MIN_VALUE;
            }
            if (broken && n > 0) {
                stroke(g, n);
                n = 0;
            }
            if (end || Double.isNaN(v)) {
                prevT = Double.isNaN(v) ? Long.MIN_VALUE : prevT;
                continue;
            }
            if (col == Integer.MIN_VALUE) {
                col = px;
                first = v;
                cmin = v;
                cmax = v;
                bandLo = s.low(i);
                bandHi = s.high(i);
            } else {
                cmin = Math.min(cmin, v);
                cmax = Math.max(cmax, v);
                bandLo = Math.min(bandLo, s.low(i));
                bandHi = Math.max(bandHi, s.high(i));
            }
            last = v;
            prevT = t;
        }
        if (n > 0) {
            stroke(g, n);
        }
    }

    // per-column spans of the dense mode, reused between frames
    private double[] colX = new double[0];
    private double[] colTop = new double[0];
    private double[] colBottom = new double[0];
    private double[] bandTop = new double[0];
    private double[] bandBottom = new double[0];

    /**
     * More points than pixels: each pixel column becomes one filled span from its lowest to its highest
     * value, stretched to meet the previous column's last value so the trace stays connected. That is
     * what a 1-px polyline through first/min/max/last looks like, at the cost of one axis-aligned
     * rectangle per column: a software renderer (no GPU, as under Xvfb) rasterises those far faster
     * than antialiased path segments.
     */
    private void drawDense(GraphicsContext g, ChartSeries s, TimeRange r, double sx, double sy, double yMin, double ph) {
        int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
        int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
        int cap = (int) getWidth() + 8;
        if (colX.length < cap) {
            colX = new double[cap];
            colTop = new double[cap];
            colBottom = new double[cap];
            bandTop = new double[cap];
            bandBottom = new double[cap];
        }
        double base = TOP + ph;
        boolean hasBand = s.hasBand();
        long gap = s.gapMillis();
        int n = 0;
        int col = Integer.MIN_VALUE;
        double cmin = 0;
        double cmax = 0;
        double last = 0;
        double bandLo = 0;
        double bandHi = 0;
        double prevLast = Double.NaN;
        long prevT = Long.MIN_VALUE;
        for (int i = i0; i <= i1 + 1; i++) {
            boolean end = i > i1;
            double v = end ? Double.NaN : s.value(i);
            long t = end ? 0 : s.time(i);
            boolean broken = end || Double.isNaN(v) || (prevT != Long.MIN_VALUE && t - prevT > gap);
            int px = broken ? col : (int) Math.floor((t - r.fromMillis()) * sx);
            if (col != Integer.MIN_VALUE && (px != col || broken)) {
                double lo = Double.isNaN(prevLast) ? cmin : Math.min(cmin, prevLast);
                double hi = Double.isNaN(prevLast) ? cmax : Math.max(cmax, prevLast);
                if (n < cap && col >= -2 && col <= cap) {
                    colX[n] = LEFT + col;
                    colTop[n] = base - (hi - yMin) * sy;
                    colBottom[n] = base - (lo - yMin) * sy;
                    bandTop[n] = base - (bandHi - yMin) * sy;
                    bandBottom[n] = base - (bandLo - yMin) * sy;
                    n++;
                }
                prevLast = last;
                col = Integer.MIN_VALUE;
            }
            if (broken) {
                prevLast = Double.NaN;
            }
            if (end || Double.isNaN(v)) {
                prevT = Long.MIN_VALUE;
                continue;
            }
            if (col == Integer.MIN_VALUE) {
                col = px;
                cmin = v;
                cmax = v;
                bandLo = s.low(i);
                bandHi = s.high(i);
            } else {
                cmin = Math.min(cmin, v);
                cmax = Math.max(cmax, v);
                bandLo = Math.min(bandLo, s.low(i));
                bandHi = Math.max(bandHi, s.high(i));
            }
            last = v;
            prevT = t;
        }
        Color c = style.colorFor(s.label());
        int rgb = ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        if (hasBand) {
            for (int k = 0; k < n; k++) {
                span((int) (colX[k] - LEFT), bandTop[k] - TOP, bandBottom[k] - TOP, rgb, 0.18);
            }
        }
        for (int k = 0; k < n; k++) {
            int x = (int) (colX[k] - LEFT);
            span(x, colTop[k] - TOP - 0.5, colBottom[k] - TOP + 0.5, rgb, 1.0);
            span(x + 1, colTop[k] - TOP - 0.5, colBottom[k] - TOP + 0.5, rgb, 0.35);
        }
        rasterUsed = true;
    }

    // The dense series' pixels: written here and put on the canvas as one image per frame, because a
    // software renderer (no GPU, as under Xvfb) spends far longer rasterising thousands of shapes.
    private int[] raster = new int[0];
    private int rasterW;
    private int rasterH;
    private javafx.scene.image.WritableImage rasterImage;
    private boolean rasterUsed;

    private void prepareRaster(int w, int h) {
        if (w != rasterW || h != rasterH || rasterImage == null) {
            rasterW = Math.max(1, w);
            rasterH = Math.max(1, h);
            raster = new int[rasterW * rasterH];
            rasterImage = new javafx.scene.image.WritableImage(rasterW, rasterH);
        } else {
            java.util.Arrays.fill(raster, 0);
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

    private void drawEveryPoint(GraphicsContext g, ChartSeries s, TimeRange r, double sx, double sy, double yMin, double ph) {
        int i0 = Math.max(0, s.indexAtOrAfter(r.fromMillis()) - 1);
        int i1 = Math.min(s.size() - 1, s.indexAtOrAfter(r.toMillis()));
        g.setLineWidth(1.4);
        g.setStroke(style.colorFor(s.label()));
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
            if (n >= xs.length) {
                xs = java.util.Arrays.copyOf(xs, Math.max(16, xs.length * 2));
                ys = java.util.Arrays.copyOf(ys, Math.max(16, ys.length * 2));
            }
            xs[n] = LEFT + (t - r.fromMillis()) * sx;
            ys[n] = base - (v - yMin) * sy;
            n++;
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
            xs = java.util.Arrays.copyOf(xs, xs.length * 2);
            ys = java.util.Arrays.copyOf(ys, ys.length * 2);
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
            double x0 = LEFT + (f.fromMillis() - r.fromMillis()) * sx;
            double y0 = base - (f.fromValue() - yMin) * sy;
            double yT = base - (f.threshold() - yMin) * sy;
            double xe = LEFT + (f.earliestMillis() - r.fromMillis()) * sx;
            double xl = LEFT + (f.latestMillis() - r.fromMillis()) * sx;
            double xc = LEFT + (f.crossMillis() - r.fromMillis()) * sx;
            g.setFill(c.deriveColor(0, 1, 1, 0.15));
            g.fillPolygon(new double[] {x0, xe, xl}, new double[] {y0, yT, yT}, 3);
            g.setStroke(c);
            g.setLineWidth(1.4);
            g.setLineDashes(6, 4);
            g.strokeLine(x0, y0, xc, yT);
            g.setStroke(style.muted);
            g.setLineWidth(1);
            g.strokeLine(LEFT, yT, LEFT + (r.span()) * sx, yT);
            g.setLineDashes();
            g.setFill(style.text);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(f.label(), Math.min(xc, LEFT + r.span() * sx) - 2, yT - 2);
        }
    }

    private void drawMarkers(GraphicsContext g, TimeRange r, double sx, double ph) {
        g.setLineWidth(1);
        double lastLabelX = Double.NEGATIVE_INFINITY;
        for (ChartMarker m : markers) {
            if (!r.contains(m.timeMillis())) {
                continue;
            }
            double x = LEFT + (m.timeMillis() - r.fromMillis()) * sx;
            g.setStroke(style.marker);
            g.setLineDashes(4, 3);
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setLineDashes();
            if (x - lastLabelX > 70) {
                g.setFill(style.marker);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                String label = m.label().length() > 24 ? m.label().substring(0, 23) + "…" : m.label();
                g.fillText(label, x + 3, TOP + 2);
                lastLabelX = x;
            }
        }
    }

    private void drawGrid(GraphicsContext g, TimeRange r, double pw, double ph, double yMin, double yMax) {
        g.setLineWidth(1);
        g.setStroke(style.grid);
        g.setFill(style.muted);
        // y ticks
        double step = niceStep((yMax - yMin) / Math.max(2, ph / 40));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        DoubleFunction<String> fmt = ValueFormat.forUnit(unit);
        for (double y = Math.ceil(yMin / step) * step; y <= yMax; y += step) {
            double py = TOP + ph - (y - yMin) / (yMax - yMin) * ph;
            g.strokeLine(LEFT, Math.round(py) + 0.5, LEFT + pw, Math.round(py) + 0.5);
            g.fillText(fmt.apply(y), LEFT - 4, py);
        }
        // time ticks
        long tstep = timeStep(r.span(), pw);
        long offset = ZONE.getRules().getOffset(Instant.ofEpochMilli(r.fromMillis())).getTotalSeconds() * 1000L;
        long first = Math.floorDiv(r.fromMillis() + offset, tstep) * tstep + tstep - offset;
        DateTimeFormatter tf = tstep >= 86_400_000L ? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
                : tstep >= 60_000 ? (r.span() > 86_400_000L ? DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT) : DateTimeFormatter.ofPattern("HH:mm"))
                : DateTimeFormatter.ofPattern("HH:mm:ss");
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (long t = first; t <= r.toMillis(); t += tstep) {
            double px = LEFT + (t - r.fromMillis()) / (double) r.span() * pw;
            g.strokeLine(Math.round(px) + 0.5, TOP, Math.round(px) + 0.5, TOP + ph);
            g.fillText(tf.format(Instant.ofEpochMilli(t).atZone(ZONE)), px, TOP + ph + 4);
        }
        g.setStroke(style.muted);
        g.strokeRect(LEFT + 0.5, TOP + 0.5, pw - 1, ph - 1);
    }

    static double niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    }

    private static final long[] TIME_STEPS = {1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000L, 172_800_000L, 604_800_000L, 2_592_000_000L, 7_776_000_000L};

    static long timeStep(long span, double pw) {
        double minStep = span / Math.max(1, pw / 90);
        for (long s : TIME_STEPS) {
            if (s >= minStep) {
                return s;
            }
        }
        return TIME_STEPS[TIME_STEPS.length - 1];
    }

    private void drawCrosshair(GraphicsContext g, TimeRange r, double pw, double ph) {
        long t = axis.crosshairProperty().get();
        if (t == ChartAxis.NO_CROSSHAIR || !r.contains(t)) {
            return;
        }
        double x = LEFT + (t - r.fromMillis()) / (double) r.span() * pw;
        g.setStroke(style.text);
        g.setLineWidth(1);
        g.strokeLine(Math.round(x) + 0.5, TOP, Math.round(x) + 0.5, TOP + ph);
        List<String[]> lines = new ArrayList<>();
        DoubleFunction<String> fmt = ValueFormat.forUnit(unit);
        List<ChartSeries> sorted = new ArrayList<>(series);
        sorted.sort(Comparator.comparingDouble((ChartSeries s) -> {
            double v = s.valueAt(t);
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }).reversed());
        for (ChartSeries s : sorted) {
            double v = s.valueAt(t);
            lines.add(new String[] {s.label(), Double.isNaN(v) ? "no data" : fmt.apply(v)});
        }
        String when = DateTimeFormatter.ofPattern(r.span() > 86_400_000L ? "MMM d HH:mm:ss" : "HH:mm:ss", Locale.ROOT)
                .format(Instant.ofEpochMilli(t).atZone(ZONE));
        int shown = Math.min(lines.size(), (int) Math.max(1, (ph - 20) / 14));
        double boxW = 190;
        double boxH = 16 + 14 * shown;
        double bx = x + 10 + boxW > LEFT + pw ? x - 10 - boxW : x + 10;
        double by = TOP + 4;
        g.setFill(style.background.deriveColor(0, 1, 1, 0.88));
        g.fillRect(bx, by, boxW, boxH);
        g.setStroke(style.grid);
        g.strokeRect(bx + 0.5, by + 0.5, boxW, boxH);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(style.text);
        g.fillText(when, bx + 6, by + 2);
        for (int i = 0; i < shown; i++) {
            double ly = by + 16 + i * 14;
            g.setFill(style.colorFor(lines.get(i)[0]));
            g.fillRect(bx + 6, ly + 3, 8, 8);
            g.setFill(style.text);
            String label = lines.get(i)[0];
            g.fillText(label.length() > 18 ? label.substring(0, 17) + "…" : label, bx + 18, ly);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(lines.get(i)[1], bx + boxW - 6, ly);
            g.setTextAlign(TextAlignment.LEFT);
        }
    }
}
