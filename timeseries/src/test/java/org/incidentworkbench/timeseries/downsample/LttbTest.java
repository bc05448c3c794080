package org.incidentworkbench.timeseries.downsample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.junit.jupiter.api.Test;

class LttbTest {

    @Test
    void keepsEndsAndSpikesAndAtMostThresholdPoints() {
        int n = 10_000;
        long[] x = new long[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 1000L;
            y[i] = Math.sin(i / 300.0);
        }
        y[4321] = 50;
        y[7777] = -40;
        int[] keep = Lttb.select(x, y, 200);
        assertEquals(200, keep.length);
        assertEquals(0, keep[0]);
        assertEquals(n - 1, keep[keep.length - 1]);
        assertTrue(Arrays.stream(keep).anyMatch(i -> i == 4321), "the spike survives");
        assertTrue(Arrays.stream(keep).anyMatch(i -> i == 7777), "the dip survives");
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1]);
        }
    }

    @Test
    void smallInputsAndThresholdsAreLeftAlone() {
        long[] x = {1, 2, 3};
        double[] y = {1, 5, 2};
        assertArrayEquals(new int[] {0, 1, 2}, Lttb.select(x, y, 10));
        assertArrayEquals(new int[] {0, 2}, Lttb.select(x, y, 2));
        assertArrayEquals(new int[0], Lttb.select(new long[0], new double[0], 5));
    }

    @Test
    void gapMarkersAreAlwaysKept() {
        int n = 1000;
        long[] x = new long[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 17;
        }
        y[500] = Double.NaN;
        int[] keep = Lttb.select(x, y, 50);
        assertTrue(Arrays.stream(keep).anyMatch(i -> i == 500));
        assertTrue(keep.length <= 51);
    }

    @Test
    void thinsQueryBucketsKeepingTheirAggregates() {
        int n = 100;
        long[] ts = new long[n];
        double[] v = new double[n];
        long[] c = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * 60_000L;
            v[i] = i == 40 ? 99 : 1;
            c[i] = 12;
        }
        SeriesData d = new SeriesData(SeriesKey.of("h", "m"), "1m", ts, v, v, v, c);
        SeriesData thin = Lttb.thin(d, 10);
        assertEquals(10, thin.size());
        int at = Arrays.binarySearch(thin.timestamps(), 40 * 60_000L);
        assertTrue(at >= 0, "the peak bucket is kept");
        assertEquals(99, thin.max()[at]);
        assertEquals(12, thin.count()[at]);
    }
}
