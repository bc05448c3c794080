package org.incidentworkbench.app.ui.fleet;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;
import org.incidentworkbench.app.model.Spark;

/**
 * A small line of a few minutes of one metric, drawn as a polyline (styled by CSS class {@code sparkline}, so both
 * themes colour it) on a fixed scale: 0-100 for percentages, so rows compare at a glance; 0 to the larger of the
 * series' maximum and {@code floor} otherwise (a load of 0.3 does not fill the cell). Gaps (NaN) break the line
 * into the points before and after. Not thread-safe: an FX node.
 */
final class Sparkline extends Region {

    static final double WIDTH = 36;
    static final double HEIGHT = 18;

    Sparkline() {
        getStyleClass().add("sparkline-box");
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
    }

    void show(Spark spark, double floor) {
        getChildren().clear();
        double[] v = spark.values();
        long[] t = spark.timestamps();
        if (v.length == 0) {
            return;
        }
        double top = "%".equals(spark.unit()) ? 100 : Math.max(floor, spark.max());
        long t0 = t[0];
        double span = Math.max(1, t[t.length - 1] - t0);
        Polyline line = new Polyline();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                if (!line.getPoints().isEmpty()) {
                    add(line);
                    line = new Polyline();
                }
                continue;
            }
            double x = 1 + (WIDTH - 2) * (t[i] - t0) / span;
            double y = 1 + (HEIGHT - 2) * (1 - Math.max(0, Math.min(1, v[i] / top)));
            line.getPoints().addAll(x, y);
        }
        if (!line.getPoints().isEmpty()) {
            add(line);
        }
    }

    private void add(Polyline line) {
        if (line.getPoints().size() == 2) {
            line.getPoints().addAll(line.getPoints().get(0) + 1, line.getPoints().get(1)); // one point: a dot
        }
        line.getStyleClass().add("sparkline");
        line.setManaged(false);
        getChildren().add(line);
    }
}
