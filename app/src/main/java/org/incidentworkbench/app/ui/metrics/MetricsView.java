package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The metrics tab: metric, range and layout choosers above one overlaid chart or a column of small
 * multiples (one panel per host), each with its legend, all on the view-model's shared axis (zoom,
 * pan and crosshair move together). The toolbar says whether the charts are live or paused by a pan
 * or zoom, and its Live button (or End, L, a double click on a chart) goes back. A timer ticks the
 * view-model every second so live ranges follow now. Binds to {@link MetricsViewModel}.
 */
public final class MetricsView extends BorderPane {

    private final MetricsViewModel vm;
    private final VBox charts = new VBox(6);
    private final List<ChartWithLegend> boxes = new ArrayList<>();
    private final ObservableList<ChartMarker> markers;
    private final ToggleButton sharedY = new ToggleButton("Shared y-scale");
    private ChartStyle style = ChartStyle.LIGHT;
    private final Timeline ticker;
    private final FlowPane bar;
    private final VBox top;

    public MetricsView(MetricsViewModel vm, ObservableList<ChartMarker> markers, BooleanProperty dark) {
        this.vm = vm;
        this.markers = markers;
        setId("metrics-view");
        ComboBox<String> metric = new ComboBox<>(vm.metrics());
        metric.setId("metric-choice");
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        metric.setVisibleRowCount(20);
        ComboBox<RangePreset> range = new ComboBox<>();
        range.setId("range-choice");
        range.getItems().setAll(RangePreset.values());
        range.valueProperty().bindBidirectional(vm.presetProperty());
        ToggleButton multiples = new ToggleButton("Small multiples");
        multiples.setId("small-multiples");
        multiples.setTooltip(new Tooltip("One chart per host instead of all hosts overlaid on one chart"));
        multiples.setSelected(!vm.overlayProperty().get());
        multiples.selectedProperty().addListener((o, a, b) -> vm.overlayProperty().set(!b));
        vm.overlayProperty().addListener((o, a, over) -> multiples.setSelected(!over));
        sharedY.setId("shared-y");
        sharedY.setTooltip(new Tooltip("Small multiples on one y scale, so the hosts' heights compare at a glance"));
        sharedY.disableProperty().bind(vm.overlayProperty());
        sharedY.selectedProperty().addListener((o, a, b) -> groupScales());
        Label hosts = new Label();
        hosts.textProperty().bind(Bindings.createStringBinding(
                () -> vm.hosts().isEmpty() ? "all hosts with data" : String.join(", ", vm.hosts()), vm.hosts()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("metrics-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("pane-message");
        // a wrapping bar, not a ToolBar: at the tab's usual width a ToolBar hides its last controls in an overflow menu
        bar = new FlowPane(6, 4, new Label("Metric"), metric, range, liveState(), liveButton(), multiples, sharedY, busy,
                new Label("Hosts:"), hosts);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("tool-bar");
        top = new VBox(bar);
        setTop(top);
        status.setPadding(new Insets(2, 6, 2, 6));
        setBottom(status);
        charts.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setFocusTraversable(false); // a click on a chart must leave the focus (End, arrows) on the chart
        setCenter(scroll);
        vm.panels().addListener((ListChangeListener<ChartPanel>) c -> show(vm.panels()));
        markers.addListener((ListChangeListener<ChartMarker>) c -> canvases().forEach(cv -> cv.setMarkers(markers)));
        dark.addListener((o, a, d) -> {
            style = (d ? ChartStyle.DARK : ChartStyle.LIGHT).withColorsOf(style);
            canvases().forEach(cv -> cv.setStyle(style));
        });
        style = dark.get() ? ChartStyle.DARK : ChartStyle.LIGHT;
        widthProperty().addListener((o, a, w) -> vm.setPixels((int) w.doubleValue()));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        show(vm.panels());
    }

    /**
     * Offers "Load 7 days of history from sysstat" for the selected hosts ({@code loadSelected}), with its
     * progress and, under the toolbar, what it loaded or why it could not (which package, how to turn
     * collection on).
     */
    public void offerHistory(SarHistoryViewModel history, Runnable loadSelected) {
        Button load = new Button("Load " + SarHistoryViewModel.DAYS + " days of history from sysstat");
        load.setId("load-sar-history");
        load.setTooltip(new Tooltip("Reads the selected hosts' sysstat archives (sar) over SSH into the store, as"
                + " 'workbench history sar' does; the charts then show that history beside the samples, marked source=sar"));
        load.disableProperty().bind(Bindings.isEmpty(vm.hosts()).or(history.busyProperty()));
        load.setOnAction(e -> loadSelected.run());
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.setId("sar-history-progress");
        progress.setPrefWidth(90);
        progress.progressProperty().bind(history.progressProperty());
        progress.visibleProperty().bind(history.busyProperty());
        progress.managedProperty().bind(history.busyProperty());
        bar.getChildren().addAll(load, progress);
        Label said = new Label();
        said.setId("sar-history-message");
        said.setWrapText(true);
        said.getStyleClass().add("pane-message");
        said.setPadding(new Insets(0, 6, 4, 6));
        said.textProperty().bind(history.messageProperty());
        said.visibleProperty().bind(history.messageProperty().isNotEmpty());
        said.managedProperty().bind(said.visibleProperty());
        top.getChildren().add(said);
    }

    /** "Live", "Paused" or the fixed preset, always in view, so a paused chart is never mistaken for now. */
    private Label liveState() {
        Label state = new Label();
        state.setId("live-state");
        ChartAxis axis = vm.axis();
        state.textProperty().bind(Bindings.createStringBinding(() -> !axis.liveProperty().get() ? "\u275A\u275A Paused"
                : vm.presetProperty().get().live() ? "\u25CF Live" : "Fixed: " + vm.presetProperty().get(),
                axis.liveProperty(), vm.presetProperty()));
        Runnable styleIt = () -> {
            state.getStyleClass().removeAll("chart-live", "chart-paused");
            state.getStyleClass().add(axis.liveProperty().get() ? "chart-live" : "chart-paused");
        };
        axis.liveProperty().addListener(o -> styleIt.run());
        styleIt.run();
        state.setTooltip(new Tooltip("A pan or zoom pauses the charts. Press End or L on a chart, double-click it,"
                + " or click Live to go back to the chosen range (following now when it is a live range)."));
        return state;
    }

    private Button liveButton() {
        Button live = new Button();
        live.setId("go-live");
        live.textProperty().bind(Bindings.when(Bindings.createBooleanBinding(() -> vm.presetProperty().get().live(), vm.presetProperty()))
                .then("\u25B6 Live").otherwise("\u21BA Reset range"));
        live.disableProperty().bind(vm.axis().liveProperty());
        live.setOnAction(e -> vm.resetRange());
        return live;
    }

    /** Shows the panels, reusing charts so a live refresh repaints instead of rebuilding nodes. */
    private void show(List<ChartPanel> panels) {
        while (boxes.size() > Math.max(1, panels.size())) {
            boxes.remove(boxes.size() - 1);
        }
        while (boxes.size() < Math.max(1, panels.size())) {
            TimeSeriesCanvas c = new TimeSeriesCanvas(vm.axis(), style);
            c.setOnReset(vm::resetRange);
            boxes.add(new ChartWithLegend(c));
        }
        boolean single = panels.size() <= 1;
        long now = System.currentTimeMillis();
        for (int i = 0; i < boxes.size(); i++) {
            TimeSeriesCanvas c = boxes.get(i).chart();
            ChartPanel p = i < panels.size() ? panels.get(i) : new ChartPanel(vm.metricProperty().get(), "", List.of());
            c.setTitle(p.title());
            c.setUnit(p.unit());
            c.setSeries(p.series());
            c.setForecasts(p.forecasts());
            c.setMarkers(markers);
            c.setNow(now);
            c.setPrefHeight(single ? 420 : 190);
            c.setMinHeight(single ? 200 : 150);
            VBox.setVgrow(boxes.get(i), single ? Priority.ALWAYS : Priority.NEVER);
        }
        groupScales();
        if (!charts.getChildren().equals(boxes)) {
            charts.getChildren().setAll(boxes); // charts taken out leave the scene and stop watching the axis
        }
    }

    private void groupScales() {
        List<TimeSeriesCanvas> all = canvases();
        boolean share = sharedY.isSelected() && all.size() > 1;
        all.forEach(c -> c.setSharedYScale(share ? all : List.of()));
    }

    /** The charts shown, top to bottom. */
    public List<TimeSeriesCanvas> canvases() {
        return boxes.stream().map(ChartWithLegend::chart).toList();
    }

    /** The charts with their legends, top to bottom. */
    public List<ChartWithLegend> panels() {
        return List.copyOf(boxes);
    }

    public ToggleButton sharedYScale() {
        return sharedY;
    }

    public void stop() {
        ticker.stop();
    }
}
