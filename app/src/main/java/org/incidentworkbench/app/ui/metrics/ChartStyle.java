package org.incidentworkbench.app.ui.metrics;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * Colours of the charts for one theme, and a palette that gives each series label (a host) the same
 * colour in every chart, overlaid or small multiples. FX thread only.
 */
public final class ChartStyle {

    private static final Color[] PALETTE = {
        Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#2ca02c"), Color.web("#d62728"), Color.web("#9467bd"),
        Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#7f7f7f"), Color.web("#bcbd22"), Color.web("#17becf"),
        Color.web("#393b79"), Color.web("#ad494a"), Color.web("#637939"), Color.web("#8c6d31"), Color.web("#843c39"),
        Color.web("#5254a3"), Color.web("#6b6ecf"), Color.web("#b5cf6b"), Color.web("#e7ba52"), Color.web("#d6616b")};

    public static final ChartStyle LIGHT = new ChartStyle(Color.WHITE, Color.web("#e6e8eb"), Color.web("#24292f"), Color.web("#cf6a00"), Color.web("#6e7781"));
    public static final ChartStyle DARK = new ChartStyle(Color.web("#1e2227"), Color.web("#30363d"), Color.web("#c9d1d9"), Color.web("#f0883e"), Color.web("#8b949e"));

    final Color background;
    final Color grid;
    final Color text;
    final Color marker;
    final Color muted;
    private final Map<String, Color> assigned = new HashMap<>();

    private ChartStyle(Color background, Color grid, Color text, Color marker, Color muted) {
        this.background = background;
        this.grid = grid;
        this.text = text;
        this.marker = marker;
        this.muted = muted;
    }

    /** The colour of a series label; labels get palette colours in the order they are first seen. */
    public Color colorFor(String label) {
        return assigned.computeIfAbsent(label, l -> PALETTE[assigned.size() % PALETTE.length]);
    }

    /** These colours with an assignment of its own, starting from the palette's first colour (tests, exports). */
    public ChartStyle withOwnPalette() {
        return new ChartStyle(background, grid, text, marker, muted);
    }

    /** The same label-to-colour assignment under another theme's colours. */
    public ChartStyle withColorsOf(ChartStyle other) {
        ChartStyle s = new ChartStyle(background, grid, text, marker, muted);
        s.assigned.putAll(other.assigned);
        return s;
    }
}
