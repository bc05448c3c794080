package org.incidentworkbench.app.ui.metrics;

import java.util.List;

/** What one chart shows: a title, the unit of its values, and its series (one per host, or per host and device). */
public record ChartPanel(String title, String unit, List<ChartSeries> series) {
    public ChartPanel {
        series = List.copyOf(series);
    }
}
