package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The metrics tab: metric, range and layout choosers above one overlaid chart or a column of small
 * multiples, all on the view-model's shared axis (zoom, pan and crosshair move together). A timer
 * ticks the view-model every second so live ranges follow now. Binds to {@link MetricsViewModel}.
 */
public final class MetricsView extends BorderPane {

    private final MetricsViewModel vm;
    private final VBox charts = new VBox(6);
    private final List<TimeSeriesCanvas> canvases = new ArrayList<>();
    private final ObservableList<ChartMarker> markers;
    private final BooleanProperty dark;
    private ChartStyle style = ChartStyle.LIGHT;
    private final Timeline ticker;

    public MetricsView(MetricsViewModel vm, ObservableList<ChartMarker> markers, BooleanProperty dark) {
        this.vm = vm;
        this.markers = markers;
        this.dark = dark;
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
        multiples.selectedProperty().addListener((o, a, b) -> vm.overlayProperty().set(!b));
        Label hosts = new Label();
        hosts.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.hosts().isEmpty() ? "all hosts with data" : String.join(", ", vm.hosts()), vm.hosts()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("metrics-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("pane-message");
        ToolBar bar = new ToolBar(new Label("Metric"), metric, range, multiples, busy, new Label("Hosts:"), hosts);
        setTop(bar);
        status.setPadding(new Insets(2, 6, 2, 6));
        setBottom(status);
        charts.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        setCenter(scroll);
        vm.panels().addListener((ListChangeListener<ChartPanel>) c -> show(vm.panels()));
        markers.addListener((ListChangeListener<ChartMarker>) c -> canvases.forEach(cv -> cv.setMarkers(markers)));
        dark.addListener((o, a, d) -> {
            style = (d ? ChartStyle.DARK : ChartStyle.LIGHT).withColorsOf(style);
            canvases.forEach(cv -> cv.setStyle(style));
        });
        style = dark.get() ? ChartStyle.DARK : ChartStyle.LIGHT;
        widthProperty().addListener((o, a, w) -> vm.setPixels((int) w.doubleValue()));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        show(vm.panels());
    }

    /** Shows the panels, reusing canvases so a live refresh repaints instead of rebuilding nodes. */
    private void show(List<ChartPanel> panels) {
        while (canvases.size() > Math.max(1, panels.size())) {
            canvases.remove(canvases.size() - 1);
        }
        while (canvases.size() < Math.max(1, panels.size())) {
            TimeSeriesCanvas c = new TimeSeriesCanvas(vm.axis(), style);
            c.setOnReset(vm::resetRange);
            canvases.add(c);
        }
        boolean single = panels.size() <= 1;
        long now = System.currentTimeMillis();
        for (int i = 0; i < canvases.size(); i++) {
            TimeSeriesCanvas c = canvases.get(i);
            ChartPanel p = i < panels.size() ? panels.get(i) : new ChartPanel(vm.metricProperty().get(), "", List.of());
            c.setTitle(p.title());
            c.setUnit(p.unit());
            c.setSeries(p.series());
            c.setForecasts(p.forecasts());
            c.setMarkers(markers);
            c.setNow(now);
            c.setPrefHeight(single ? 420 : 190);
            VBox.setVgrow(c, single ? Priority.ALWAYS : Priority.NEVER);
        }
        if (!charts.getChildren().equals(canvases)) {
            charts.getChildren().setAll(canvases);
        }
    }

    public List<TimeSeriesCanvas> canvases() {
        return canvases;
    }

    public void stop() {
        ticker.stop();
    }
}
