package org.incidentworkbench.timeseries.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.incidentworkbench.timeseries.MetricResolution;
import org.incidentworkbench.timeseries.synthetic.SyntheticFleet;
import org.junit.jupiter.api.Test;

/**
 * Bytes per point of sampler-like data, encoded as the chunk tier does (2-hour windows, one timestamp block
 * per host and window shared by its series), asserted against the 1.0 byte budget so a regression shows.
 */
class FleetCompressionTest {

    @Test
    void samplerLikeDataStaysUnderOneBytePerPoint() {
        SyntheticFleet fleet = new SyntheticFleet(5);
        long from = 1_767_571_200_000L;
        long to = from + 86_400_000L;
        long window = 7_200_000L;
        long bytes = 0;
        long points = 0;
        long valueBytes = 0;
        long gorillaBytes = 0;
        long[] perSeries = new long[SyntheticFleet.SERIES_PER_HOST];
        for (int h = 0; h < fleet.hosts(); h++) {
            SyntheticFleet.HostData d = fleet.generate(h, from, to, 1);
            for (long ws = from; ws < to; ws += window) {
                int a = lower(d.ts(), ws);
                int b = lower(d.ts(), ws + window);
                int n = b - a;
                long[] ts = Arrays.copyOfRange(d.ts(), a, b);
                int tsLen = TimestampCodec.encode(ts, n).length;
                bytes += tsLen;
                for (int s = 0; s < SyntheticFleet.SERIES_PER_HOST; s++) {
                    double[] v = Arrays.copyOfRange(d.values()[s], a, b);
                    String metric = fleet.keys(h).get(s).metric();
                    for (int i = 0; i < n; i++) {
                        v[i] = MetricResolution.round(v[i], SyntheticFleet.RESOLUTION.decimals(metric));
                    }
                    int len = ValueCodec.encode(v, n).length;
                    // Gorilla: XOR values and a timestamp stream per series
                    gorillaBytes += ValueCodec.encodeGorilla(v, n).length + tsLen;
                    bytes += len;
                    valueBytes += len;
                    perSeries[s] += len;
                    points += n;
                }
            }
        }
        double perPoint = (double) bytes / points;
        System.out.printf("synthetic fleet: %d points, %.3f bytes/point (values %.3f); Gorilla-style on the same data"
                + " (XOR values, own timestamps per series): %.3f%n", points, perPoint, (double) valueBytes / points,
                (double) gorillaBytes / points);
        for (int s = 0; s < perSeries.length; s++) {
            System.out.printf("  %-28s %.3f%n", fleet.keys(0).get(s), perSeries[s] * 1.0 / (points / SyntheticFleet.SERIES_PER_HOST));
        }
        assertTrue(perPoint <= 1.0, "bytes per point " + perPoint);
        assertTrue(perPoint * 2 < (double) gorillaBytes / points, "at least twice as small as XOR on this data");
    }

    private static int lower(long[] a, long key) {
        int i = Arrays.binarySearch(a, key);
        return i >= 0 ? i : -i - 1;
    }
}
