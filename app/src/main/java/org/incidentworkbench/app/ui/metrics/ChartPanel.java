package org.incidentworkbench.app.ui.metrics;

import java.util.List;

/**
 * What one chart shows: a title, the unit of its values, its series (one per host, or per host and
 * device), and the forecasts drawn ahead of now (filesystems filling up).
 */
public record ChartPanel(String title, String unit, List<ChartSeries> series, List<ChartForecast> forecasts) {
    public ChartPanel {
        series = List.copyOf(series);
        forecasts = List.copyOf(forecasts);
    }

    public ChartPanel(String title, String unit, List<ChartSeries> series) {
        this(title, unit, series, List.of());
    }
}
