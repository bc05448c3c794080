package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.services.SeriesSteps;
import org.incidentworkbench.app.services.StoreService;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesData;

/**
 * The metrics tab: one metric for many hosts, overlaid on one chart or as small multiples (a chart
 * per host), all on one shared {@link ChartAxis}. Queries run on {@code io} against the store's
 * downsampled query (about one bucket per pixel over the visible range plus one range either side,
 * so a pan draws at once from what is loaded and the refetch follows); only the newest answer is
 * applied, and a query asked for while one runs is coalesced into one more. Results are published on
 * {@code fx} as {@link ChartPanel}s.
 */
public final class MetricsViewModel {

    private final Supplier<StoreService> store;
    private final Executor io;
    private final Executor fx;
    private final LongSupplier clock;
    private final ChartAxis axis;
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final ObjectProperty<String> metric = new SimpleObjectProperty<>(SampleMetrics.CPU_USER);
    private final ObservableList<String> hosts = FXCollections.observableArrayList();
    private final ObjectProperty<RangePreset> preset = new SimpleObjectProperty<>(RangePreset.LIVE_15M);
    private final BooleanProperty overlay = new SimpleBooleanProperty(true);
    private final ObservableList<ChartPanel> panels = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final SeriesSteps steps = new SeriesSteps();
    private int pixels = 1000;
    private boolean running;
    private boolean pending;
    private TimeRange loaded;

    public MetricsViewModel(Supplier<StoreService> store, Executor io, Executor fx, LongSupplier clock) {
        this.store = store;
        this.io = io;
        this.fx = fx;
        this.clock = clock;
        this.axis = new ChartAxis(RangePreset.LIVE_15M.rangeEndingAt(clock.getAsLong()));
        SampleMetrics.all().forEach(m -> metrics.add(m.name()));
        metric.addListener(o -> reload());
        hosts.addListener((javafx.collections.ListChangeListener<String>) c -> reload());
        overlay.addListener(o -> reload());
        preset.addListener((o, a, p) -> resetRange());
        axis.rangeProperty().addListener((o, a, r) -> {
            if (loaded == null || !r.within(loaded)) {
                refresh();
            }
        });
    }

    /**
     * Back to the chosen preset (End, L, double-click on a chart, the Live button): not paused any more,
     * and following now again when the preset is live.
     */
    public void resetRange() {
        axis.liveProperty().set(true);
        axis.rangeProperty().set(preset.get().rangeEndingAt(clock.getAsLong()));
        reload();
    }

    /** Called every second by the view's timer: a live range follows now and refetches. */
    public void tick() {
        if (axis.liveProperty().get() && preset.get().live()) {
            axis.rangeProperty().set(preset.get().rangeEndingAt(clock.getAsLong()));
            reload();
        }
    }

    /** Forget what is loaded and query again. */
    public void reload() {
        loaded = null;
        refresh();
    }

    /** The charts' width in pixels, for the point budget. */
    public void setPixels(int px) {
        pixels = Math.max(100, px);
    }

    private void refresh() {
        if (running) {
            pending = true;
            return;
        }
        running = true;
        busy.set(true);
        TimeRange visible = axis.range();
        // one range either side, so a pan is drawn from loaded data while the next query runs
        TimeRange wide = new TimeRange(visible.fromMillis() - visible.span(), visible.toMillis() + visible.span());
        String m = metric.get();
        List<String> hostList = List.copyOf(hosts);
        boolean over = overlay.get();
        int budget = pixels * 3;
        try {
            io.execute(() -> query(m, hostList, wide, budget, over, visible));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            running = false; // the window is closing
        }
    }

    private void query(String m, List<String> hostList, TimeRange wide, int budget, boolean over, TimeRange visible) {
        {
            List<ChartPanel> result;
            String message;
            long t0 = System.nanoTime();
            try {
                result = query(m, hostList, wide, budget, over);
                long series = result.stream().mapToLong(p -> p.series().size()).sum();
                List<String> fc = result.stream().flatMap(p -> p.forecasts().stream()).map(ChartForecast::label).toList();
                message = series == 0 ? (hostList.isEmpty() ? "No data for " + m + " yet: sample some hosts (Sample button) or select hosts that were sampled."
                        : "No data for " + m + " on " + String.join(", ", hostList) + " in this range.")
                        : series + " series, " + String.format("%.0f ms", (System.nanoTime() - t0) / 1e6)
                        + (fc.isEmpty() ? "" : "; forecast: " + String.join("; ", fc) + " (pan right to see it ahead of now)");
            } catch (RuntimeException e) {
                result = List.of();
                message = "The store could not be read: " + e.getMessage();
            }
            List<ChartPanel> r = result;
            String msg = message;
            fx.execute(() -> {
                running = false;
                loaded = wide;
                panels.setAll(r);
                status.set(msg);
                busy.set(false);
                if (pending) {
                    pending = false;
                    refresh();
                }
            });
        }
    }

    private List<ChartPanel> query(String m, List<String> hostList, TimeRange range, int budget, boolean over) {
        StoreService s = store.get();
        List<SeriesData> data = new ArrayList<>();
        if (hostList.isEmpty()) {
            data.addAll(s.query(Selector.of(m, "*"), range.fromMillis(), range.toMillis(), budget).series());
        } else {
            for (String h : hostList) {
                data.addAll(s.query(Selector.of(m, h), range.fromMillis(), range.toMillis(), budget).series());
            }
        }
        String unit = SampleMetrics.unit(m);
        if (over) {
            List<ChartSeries> series = data.stream().map(d -> sourced(s, d)).toList();
            return List.of(new ChartPanel(m, unit, series, forecasts(s, m, data)));
        }
        Map<String, List<SeriesData>> byHost = new LinkedHashMap<>();
        for (SeriesData d : data) {
            byHost.computeIfAbsent(d.key().host(), h -> new ArrayList<>()).add(d);
        }
        List<ChartPanel> out = new ArrayList<>();
        byHost.forEach((h, list) -> out.add(new ChartPanel(h + " / " + m, unit, list.stream().map(d -> sourced(s, d)).toList(),
                forecasts(s, m, list))));
        return out;
    }

    /** The chart line with its legend's source and native step ("sar, 10 min step"), so history and samples read apart. */
    private ChartSeries sourced(StoreService s, SeriesData d) {
        ChartSeries c = toChart(d);
        if (d.isEmpty()) {
            return c;
        }
        long[] t = d.timestamps();
        long end = t[t.length - 1] + (t.length > 1 ? t[t.length - 1] - t[t.length - 2] : 0) + 1;
        return c.withSource(steps.describe(s.store(), d.key(), end));
    }

    /**
     * After history was loaded: steps are measured again, and the range widens to the smallest preset that
     * shows everything since {@code firstMillis} (a live one when it is recent), so history and samples share the axis.
     */
    public void showSince(long firstMillis) {
        steps.forget();
        long span = clock.getAsLong() - firstMillis;
        RangePreset fit = RangePreset.LAST_1Y;
        for (RangePreset p : RangePreset.values()) {
            if (p.span().toMillis() >= span) {
                fit = p;
                break;
            }
        }
        if (fit.span().compareTo(preset.get().span()) > 0) {
            preset.set(fit); // resets the range and reloads
        } else {
            resetRange();
        }
    }

    /** The store's forecast of when each series reaches its limit, drawn ahead of now with its interval. */
    List<ChartForecast> forecasts(StoreService s, String metric, List<SeriesData> data) {
        long now = clock.getAsLong();
        List<ChartForecast> out = new ArrayList<>();
        for (StoreService.Crossing c : s.crossings(metric, data, java.time.Instant.ofEpochMilli(now))) {
            SeriesData d = c.series();
            int last = d.size() - 1;
            while (last > 0 && !Double.isFinite(d.avg()[last])) {
                last--;
            }
            long cross = c.crossingMillis();
            // memory available heads down to 0: it runs out; the others (disk, inodes, swap) fill up
            String label = toChart(d).label() + (c.limit() < d.avg()[last] ? " runs out in " : " full in ") + humanDuration(cross - now);
            out.add(new ChartForecast(label, d.timestamps()[last], d.avg()[last], cross,
                    c.forecast().earliestMillis().orElse(cross), c.forecast().latestMillis().orElse(cross + (cross - now)), c.limit()));
        }
        return out;
    }

    static String humanDuration(long millis) {
        long m = Math.max(0, millis) / 60_000;
        if (m < 120) {
            return m + " min";
        }
        if (m < 48 * 60) {
            return (m / 60) + " h";
        }
        return (m / 1440) + " d";
    }

    /** The store's answer as a chart line: "host" or "host device=sda"; min/max become the band. */
    public static ChartSeries toChart(SeriesData d) {
        String label = d.key().host() + (d.key().labels().isEmpty() ? "" : " " + d.key().labelsText());
        boolean band = false;
        for (int i = 0; i < d.size() && !band; i++) {
            band = d.min()[i] != d.max()[i];
        }
        return new ChartSeries(label, d.timestamps(), d.avg(), band ? d.min() : null, band ? d.max() : null);
    }

    public ChartAxis axis() {
        return axis;
    }

    public ObservableList<String> metrics() {
        return metrics;
    }

    public ObjectProperty<String> metricProperty() {
        return metric;
    }

    /** The hosts to chart; empty means every host with data for the metric. */
    public ObservableList<String> hosts() {
        return hosts;
    }

    public ObjectProperty<RangePreset> presetProperty() {
        return preset;
    }

    public BooleanProperty overlayProperty() {
        return overlay;
    }

    public ObservableList<ChartPanel> panels() {
        return panels;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
