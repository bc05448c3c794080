package org.incidentworkbench.app.ui.metrics;

/** An incident event drawn on every chart as a vertical mark with a short label (a note, a triage, a marker). */
public record ChartMarker(long timeMillis, String label) {
}
