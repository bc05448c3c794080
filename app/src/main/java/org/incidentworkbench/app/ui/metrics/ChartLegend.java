package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.collections.SetChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The legend under a chart, always shown: one row per series with its colour, name, source and step
 * ("sar, 10 min step", "sampled, 1 s step": history and live samples share one axis), and last, min,
 * max and mean over the visible range, in the axis's unit. A click hides or shows the series; a
 * Ctrl-, Cmd- or Shift-click shows it alone (again: all back); hovering a row highlights its line.
 * Figures follow the chart at most every 150 ms, so a pan does not relayout text every frame.
 * FX thread only.
 */
public final class ChartLegend extends ScrollPane {

    private static final int MAX_ROWS_SHOWN = 6;
    private static final double ROW_HEIGHT = 19;
    private static final String[] HEADERS = {"", "Series", "Source", "Last", "Min", "Max", "Mean"};
    private static final int FIRST_FIGURE = 3;

    private final TimeSeriesCanvas chart;
    private final GridPane grid = new GridPane();
    private final List<Row> rows = new ArrayList<>();
    private final PauseTransition throttle = new PauseTransition(Duration.millis(150));
    private List<String> labels = List.of();
    private List<String> sources = List.of();
    private boolean pending;

    /** One series' row: its cells, so hiding greys them all. */
    private record Row(String label, Rectangle swatch, Label name, Label source, Label[] figures) {

        List<Node> cells() {
            List<Node> out = new ArrayList<>(List.of(swatch, name, source));
            out.addAll(List.of(figures));
            return out;
        }
    }

    public ChartLegend(TimeSeriesCanvas chart) {
        this.chart = chart;
        getStyleClass().add("chart-legend");
        grid.setHgap(14);
        grid.setVgap(1);
        grid.setPadding(new Insets(2, 6, 2, 6));
        for (int c = 0; c < HEADERS.length; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c >= FIRST_FIGURE ? HPos.RIGHT : HPos.LEFT);
            cc.setHgrow(c == 1 ? Priority.ALWAYS : Priority.NEVER);
            grid.getColumnConstraints().add(cc);
        }
        setContent(grid);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setFocusTraversable(false);
        throttle.setOnFinished(e -> applyNow());
        chart.setOnStats(s -> {
            pending = true;
            if (!sameLabels()) {
                applyNow(); // new series: rows at once
            } else if (throttle.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                throttle.playFromStart();
            }
        });
        chart.hiddenSeries().addListener((SetChangeListener<String>) c -> restyle());
        applyNow();
    }

    private boolean sameLabels() {
        return labels.equals(chart.series().stream().map(ChartSeries::label).toList())
                && sources.equals(chart.series().stream().map(ChartSeries::source).toList());
    }

    /** Brings rows and figures up to date now (an exported chart calls it before its snapshot). */
    public void applyNow() {
        pending = false;
        if (!sameLabels()) {
            rebuild();
        }
        AxisTicks.ValueAxis axis = chart.valueAxis();
        List<SeriesStats> stats = chart.stats();
        for (int i = 0; i < rows.size(); i++) {
            SeriesStats s = i < stats.size() ? stats.get(i) : SeriesStats.EMPTY;
            double[] v = {s.last(), s.min(), s.max(), s.mean()};
            for (int k = 0; k < 4; k++) {
                String text = Double.isNaN(v[k]) ? "–" : axis == null ? String.valueOf(v[k]) : axis.format(v[k], 1);
                if (!text.equals(rows.get(i).figures()[k].getText())) {
                    rows.get(i).figures()[k].setText(text);
                }
            }
        }
    }

    private void rebuild() {
        labels = chart.series().stream().map(ChartSeries::label).toList();
        sources = chart.series().stream().map(ChartSeries::source).toList();
        grid.getChildren().clear();
        rows.clear();
        for (int c = 0; c < HEADERS.length; c++) {
            Label h = new Label(HEADERS[c]);
            h.getStyleClass().add("legend-header");
            grid.add(h, c, 0);
        }
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            Rectangle swatch = new Rectangle(14, 3, chart.style().colorFor(label));
            Label name = new Label(label);
            name.getStyleClass().add("legend-name");
            name.setUserData(label);
            name.setTooltip(new Tooltip(label + ": click to hide or show; Ctrl- or Shift-click to show it alone"));
            Label source = new Label(sources.get(i));
            source.getStyleClass().add("legend-source");
            Label[] figures = new Label[4];
            for (int k = 0; k < 4; k++) {
                figures[k] = new Label("–");
                figures[k].getStyleClass().add("legend-figure");
            }
            Row row = new Row(label, swatch, name, source, figures);
            rows.add(row);
            int r = i + 1;
            List<Node> cells = row.cells();
            for (int c = 0; c < cells.size(); c++) {
                Node n = cells.get(c);
                grid.add(n, c, r);
                n.setOnMouseEntered(e -> chart.setHighlighted(label));
                n.setOnMouseExited(e -> chart.setHighlighted(null));
                n.setOnMouseClicked(e -> clicked(label, e));
                n.setCursor(javafx.scene.Cursor.HAND);
            }
        }
        int shown = Math.min(MAX_ROWS_SHOWN, Math.max(1, labels.size()));
        setPrefViewportHeight((shown + 1) * ROW_HEIGHT + 4);
        setMinViewportHeight(Math.min(2, labels.size() + 1) * ROW_HEIGHT);
        setVbarPolicy(labels.size() > MAX_ROWS_SHOWN ? ScrollBarPolicy.AS_NEEDED : ScrollBarPolicy.NEVER);
        restyle();
    }

    private void clicked(String label, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (e.isShortcutDown() || e.isShiftDown() || e.isControlDown()) {
            solo(label);
        } else {
            toggle(label);
        }
        e.consume();
    }

    /** Hides a shown series or shows a hidden one. */
    public void toggle(String label) {
        Set<String> hidden = chart.hiddenSeries();
        if (!hidden.remove(label)) {
            hidden.add(label);
        }
    }

    /** Shows {@code label} alone; when it already is, shows every series again. */
    public void solo(String label) {
        Set<String> hidden = chart.hiddenSeries();
        List<String> others = labels.stream().filter(l -> !l.equals(label)).toList();
        boolean alone = !hidden.contains(label) && hidden.containsAll(others);
        if (alone) {
            hidden.clear();
        } else {
            hidden.remove(label);
            hidden.addAll(others);
        }
    }

    private void restyle() {
        for (Row r : rows) {
            boolean off = chart.hiddenSeries().contains(r.label());
            r.cells().forEach(n -> n.setOpacity(off ? 0.4 : 1));
        }
    }

    /** The series named in the legend, in row order (for tests and the screenshot check). */
    public List<String> rowLabels() {
        return rows.stream().map(Row::label).toList();
    }

    /** The source column, in row order ("sar, 10 min step"), for tests and the screenshot check. */
    public List<String> rowSources() {
        return rows.stream().map(r -> r.source().getText()).toList();
    }

    boolean hasPendingFigures() {
        return pending;
    }
}
