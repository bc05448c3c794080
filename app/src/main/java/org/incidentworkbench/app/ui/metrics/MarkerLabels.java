package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the labels of a chart's event marks go so that none overlaps another: each label takes the
 * first row (from the top) where it fits right of its line (or, at the right edge, left of it); a
 * label that fits in no row is left out, its line stays, and its full text shows on hover. Pure
 * geometry in the chart's pixels; thread-safe.
 */
final class MarkerLabels {

    /** Space kept free between two labels on a row. */
    static final double GAP = 6;

    /** One label placed: the marker's index, its box (left, top, width, height) and its text. */
    record Placed(int marker, double x, double y, double width, double height, String text) {

        boolean overlaps(Placed o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }
    }

    private MarkerLabels() {
    }

    /**
     * @param lineX   the markers' x, in drawing order (sorted by time)
     * @param widths  each label's width (already shortened to the widest allowed)
     * @param texts   each label's text as drawn
     * @param left    the plot's left edge; {@code right} its right edge
     * @param top     the first row's top; rows are {@code rowHeight} apart, at most {@code rows}
     */
    static List<Placed> layout(double[] lineX, double[] widths, List<String> texts, double left, double right, double top,
                               double rowHeight, int rows) {
        double[] rowEnd = new double[Math.max(0, rows)];
        java.util.Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
        List<Placed> out = new ArrayList<>();
        for (int i = 0; i < lineX.length; i++) {
            double w = widths[i];
            double x = lineX[i] + 3;
            if (x + w > right) {
                x = lineX[i] - 3 - w; // at the right edge the label goes left of its line
            }
            if (x < left) {
                continue;
            }
            for (int r = 0; r < rowEnd.length; r++) {
                if (x >= rowEnd[r] + GAP) {
                    out.add(new Placed(i, x, top + r * rowHeight, w, rowHeight, texts.get(i)));
                    rowEnd[r] = x + w;
                    break;
                }
            }
        }
        return out;
    }
}
