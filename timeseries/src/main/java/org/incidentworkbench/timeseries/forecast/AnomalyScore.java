package org.incidentworkbench.timeseries.forecast;

import java.util.Arrays;

/**
 * How unusual a host's recent values are, two ways: against the same host's own recent baseline, and
 * against the other hosts given for comparison (same metric, same window). Both are robust z-scores:
 * (recent median - reference median) / (1.4826 x median absolute deviation of the reference), so a few
 * spikes in the baseline or one odd peer do not hide an anomaly (Rousseeuw and Croux 1993; the same
 * median/MAD rule the fleet view uses for outliers).
 *
 * @param selfScore  z-score against the host's baseline; NaN when there is no baseline
 * @param peerScore  z-score against the peers' recent medians; NaN with fewer than 3 peers
 * @param recentMedian the host's recent median
 * @param baselineMedian the baseline's median
 * @param peerMedian the peers' median
 */
public record AnomalyScore(double selfScore, double peerScore, double recentMedian, double baselineMedian,
                           double peerMedian) {

    /** Scores at or above this (in absolute value) are worth showing. */
    public static final double NOTABLE = 3.5;

    /**
     * @param baseline  the host's values over a reference window before {@code recent} (NaN skipped)
     * @param recent    the host's values over the window being judged (NaN skipped)
     * @param peersRecent each other host's values over the same recent window (NaN skipped)
     */
    public static AnomalyScore of(double[] baseline, double[] recent, double[][] peersRecent) {
        double[] r = finite(recent);
        double[] b = finite(baseline);
        double recentMedian = r.length == 0 ? Double.NaN : ThresholdForecast.median(r);
        double baselineMedian = b.length == 0 ? Double.NaN : ThresholdForecast.median(b);
        double self = b.length < 3 || r.length == 0 ? Double.NaN
                : z(recentMedian, baselineMedian, ThresholdForecast.mad(b), b);
        double[] peerMedians = Arrays.stream(peersRecent).map(AnomalyScore::finite).filter(p -> p.length > 0)
                .mapToDouble(ThresholdForecast::median).toArray();
        double peerMedian = peerMedians.length == 0 ? Double.NaN : ThresholdForecast.median(peerMedians);
        double peer = peerMedians.length < 3 || r.length == 0 ? Double.NaN
                : z(recentMedian, peerMedian, ThresholdForecast.mad(peerMedians), peerMedians);
        return new AnomalyScore(self, peer, recentMedian, baselineMedian, peerMedian);
    }

    public boolean notable() {
        return Math.abs(selfScore) >= NOTABLE || Math.abs(peerScore) >= NOTABLE;
    }

    private static double z(double value, double median, double mad, double[] reference) {
        double scale = 1.4826 * mad;
        if (scale == 0) {
            // a flat reference: use the mean absolute deviation, then a tiny floor so a change still shows
            double mean = Arrays.stream(reference).map(v -> Math.abs(v - median)).average().orElse(0);
            scale = mean > 0 ? 1.2533 * mean : Math.max(Math.abs(median) * 1e-3, 1e-9);
        }
        return (value - median) / scale;
    }

    private static double[] finite(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
