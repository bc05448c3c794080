package org.incidentworkbench.app.ui.metrics;

import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A chart with its legend underneath: what the metrics view shows per panel, and what a postmortem
 * exports as a picture (legend included). FX thread only.
 */
public final class ChartWithLegend extends VBox {

    private final TimeSeriesCanvas chart;
    private final ChartLegend legend;

    public ChartWithLegend(TimeSeriesCanvas chart) {
        this.chart = chart;
        this.legend = new ChartLegend(chart);
        getStyleClass().add("chart-with-legend");
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(chart, legend);
    }

    public TimeSeriesCanvas chart() {
        return chart;
    }

    public ChartLegend legend() {
        return legend;
    }
}
