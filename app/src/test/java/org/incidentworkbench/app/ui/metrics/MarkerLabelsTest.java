package org.incidentworkbench.app.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event labels stack into rows and are thinned, never overlapping. */
class MarkerLabelsTest {

    @Test
    void closeMarkersStackAndTheRestAreThinnedWithoutOverlap() {
        int n = 30;
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 100 + i * 12; // far closer than a label's width
            w[i] = 90;
        }
        List<MarkerLabels.Placed> placed = MarkerLabels.layout(x, w, Collections.nCopies(n, "label"), 64, 900, 24, 14, 3);
        assertTrue(placed.size() >= 3 && placed.size() < n, "some stacked, some thinned: " + placed.size());
        for (MarkerLabels.Placed a : placed) {
            assertTrue(a.x() >= 64 && a.x() + a.width() <= 900, "inside the plot: " + a);
            for (MarkerLabels.Placed b : placed) {
                assertFalse(a != b && a.overlaps(b), a + " overlaps " + b);
            }
        }
        assertEquals(3, placed.stream().mapToDouble(MarkerLabels.Placed::y).distinct().count(), "three rows used");
    }

    @Test
    void aLabelAtTheRightEdgeGoesLeftOfItsLine() {
        List<MarkerLabels.Placed> placed = MarkerLabels.layout(new double[] {880}, new double[] {100}, List.of("late"), 64, 900, 24, 14, 2);
        assertEquals(1, placed.size());
        assertEquals(880 - 3 - 100, placed.get(0).x(), 1e-9);
    }
}
