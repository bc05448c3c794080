package org.incidentworkbench.timeseries.forecast;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * When will a series cross a threshold (a filesystem 100 % full, available memory down to 0)? A least-squares
 * line through the recent points, extended until it meets the threshold, with a prediction interval from
 * the regression's own uncertainty: the earliest time is where the 95 % prediction band first reaches the
 * threshold, the latest where the fitted line's far band does.
 *
 * <p>Robust to a step change: a cleanup that frees 30 % of a disk, or a deploy that doubles memory use, is
 * found as a jump in level far beyond the point-to-point noise that persists afterwards; only the points
 * since the last such step are fitted, as the trend before it says nothing about the trend after. Steps that
 * recur the same way (daily log rotation: a sawtooth) are not a change of trend: the fit runs through them.
 *
 * <pre>{@code
 * Forecast f = ThresholdForecast.forecast(ts, usedPct, 100.0, now);
 * f.crossingMillis().ifPresent(t -> ...);   // "disk full in 3 days (2.5 to 3.8)"
 * }</pre>
 *
 * Thread-safe: stateless.
 */
public final class ThresholdForecast {

    /** Points needed after the last step before a trend is believed. */
    public static final int MIN_POINTS = 8;
    /** Confidence of the prediction interval. */
    public static final double CONFIDENCE = 0.95;
    /**
     * How far ahead a crossing is searched for, as a multiple of the fitted span (and at most 5 years): further
     * out is noise extrapolated (bench forecast: 50 spans let a flat tmpfs with noise "fill" 44 spans ahead).
     */
    static final double HORIZON_SPANS = 20;

    private ThresholdForecast() {
    }

    /**
     * The forecast.
     *
     * @param crossingMillis    when the fitted line reaches the threshold (now when it is already there); empty
     *                          when the trend does not head towards the threshold within the horizon
     * @param earliestMillis    the early end of the prediction interval
     * @param latestMillis      the late end; empty when the trend might as well be flat (the interval is open)
     * @param slopePerHour      the fitted change per hour, in the series' unit
     * @param rSquared          how much of the variation the line explains
     * @param fitFromMillis     where the fitted data starts: the window's start, or the last step change
     * @param pointsUsed        points fitted
     * @param stepDetected      whether a step change cut the window
     * @param explanation       one sentence for the UI
     */
    public record Forecast(Optional<Long> crossingMillis, Optional<Long> earliestMillis, Optional<Long> latestMillis,
                           double slopePerHour, double rSquared, long fitFromMillis, int pointsUsed,
                           boolean stepDetected, String explanation) {
    }

    /** Forecast from points {@code (ts, values)} (time order; NaN gap markers are skipped). */
    public static Forecast forecast(long[] ts, double[] values, double threshold, long nowMillis) {
        int n = 0;
        long[] t = new long[ts.length];
        double[] y = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (Double.isFinite(values[i])) {
                t[n] = ts[i];
                y[n++] = values[i];
            }
        }
        t = Arrays.copyOf(t, n);
        y = Arrays.copyOf(y, n);
        if (n < MIN_POINTS) {
            return none(n == 0 ? nowMillis : t[0], n, false, "Too few points (" + n + ") to see a trend; at least "
                    + MIN_POINTS + " are needed.");
        }
        double typical = median(y);
        if ((y[n - 1] >= threshold && threshold >= typical) || (y[n - 1] <= threshold && threshold <= typical)) {
            return new Forecast(Optional.of(nowMillis), Optional.of(nowMillis), Optional.of(nowMillis), Double.NaN, 0,
                    t[0], n, false, "The series is already at the threshold.");
        }
        int start = lastStep(y);
        boolean step = start > 0;
        if (n - start < MIN_POINTS) {
            return none(t[start], n - start, step, "A step change " + (n - start) + " points ago leaves too few points"
                    + " since then to see a trend.");
        }
        SimpleRegression reg = new SimpleRegression(true);
        long t0 = t[start];
        for (int i = start; i < n; i++) {
            reg.addData((t[i] - t0) / 3_600_000.0, y[i]);
        }
        double slope = reg.getSlope();
        double r2 = Double.isNaN(reg.getRSquare()) ? 0 : reg.getRSquare();
        double lastFit = reg.predict((t[n - 1] - t0) / 3_600_000.0);
        boolean rising = threshold > lastFit;
        if ((rising && y[n - 1] >= threshold) || (!rising && y[n - 1] <= threshold)) {
            return new Forecast(Optional.of(nowMillis), Optional.of(nowMillis), Optional.of(nowMillis), slope, r2, t0,
                    n - start, step, "The series is already at the threshold.");
        }
        double nowH = (nowMillis - t0) / 3_600_000.0;
        double spanH = Math.max((t[n - 1] - t0) / 3_600_000.0, 1e-6);
        double horizonH = Math.min(nowH + spanH * HORIZON_SPANS, 5 * 365 * 24.0);
        int df = (int) reg.getN() - 2;
        double tq = new TDistribution(Math.max(1, df)).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        double s = Math.sqrt(reg.getMeanSquareError());
        double sumX = 0;
        for (int i = start; i < n; i++) {
            sumX += (t[i] - t0) / 3_600_000.0;
        }
        double meanX = sumX / (n - start);
        double sxx = reg.getXSumSquares();
        double nPts = n - start;
        // the band around the line for a new observation at x
        java.util.function.DoubleUnaryOperator half = x -> tq * s * Math.sqrt(1 + 1 / nPts + (x - meanX) * (x - meanX) / sxx);
        java.util.function.DoubleUnaryOperator line = reg::predict;
        java.util.function.DoublePredicate centre = x -> rising ? line.applyAsDouble(x) >= threshold : line.applyAsDouble(x) <= threshold;
        java.util.function.DoublePredicate early = x -> rising ? line.applyAsDouble(x) + half.applyAsDouble(x) >= threshold
                : line.applyAsDouble(x) - half.applyAsDouble(x) <= threshold;
        java.util.function.DoublePredicate late = x -> rising ? line.applyAsDouble(x) - half.applyAsDouble(x) >= threshold
                : line.applyAsDouble(x) + half.applyAsDouble(x) <= threshold;
        Optional<Long> crossing = firstTrue(centre, nowH, horizonH).map(h -> t0 + Math.round(h * 3_600_000));
        // a crossing falls between two points: it is not known closer than their spacing, however clean the line
        long spacing = spacing(t, start, n);
        Optional<Long> earliestLine = firstTrue(early, nowH, horizonH).map(h -> Math.max(nowMillis, t0 + Math.round(h * 3_600_000) - spacing));
        Optional<Long> latest = firstTrue(late, nowH, horizonH).map(h -> t0 + Math.round(h * 3_600_000) + spacing);
        Optional<Long> earliest = earliestLine;
        // growth that accelerates (a log flood ramping up) reaches the threshold before the line does: when a
        // parabola's bend towards it is significant, its crossing is the interval's early end (bench forecast:
        // the line's interval held the truth of no accelerating series)
        Optional<Long> bent = bentCrossing(t, y, start, n, threshold, rising, tq, nowH, horizonH);
        if (bent.isPresent() && earliest.map(e -> bent.get() < e).orElse(true)) {
            earliest = Optional.of(Math.max(nowMillis, bent.get()));
        }
        boolean towards = rising ? slope > 0 : slope < 0;
        // a slope within its own noise of zero is a flat series: extrapolating it would raise false alarms
        // (bench forecast: a flat tmpfs with noise "filled" within 8 hours from a few minutes of points)
        double slopeError = reg.getSlopeStdErr();
        if (towards && Double.isFinite(slopeError) && Math.abs(slope) < tq * slopeError) {
            return new Forecast(Optional.empty(), Optional.empty(), Optional.empty(), slope, r2, t0, n - start, step,
                    "The trend is not distinguishable from flat (" + String.format(java.util.Locale.ROOT, "%.3g", slope)
                            + " per hour, give or take " + String.format(java.util.Locale.ROOT, "%.3g", tq * slopeError) + ")"
                            + (step ? ", fitted since the step change." : "."));
        }
        if (!towards || crossing.isEmpty()) {
            return new Forecast(Optional.empty(), earliest, Optional.empty(), slope, r2, t0, n - start, step,
                    "The trend does not reach the threshold within " + Math.round(horizonH - nowH) + " hours"
                            + (step ? " (fitted since the step change)." : "."));
        }
        return new Forecast(crossing, earliest.or(() -> crossing), latest, slope, r2, t0, n - start, step,
                "Crosses the threshold in " + hours(crossing.get() - nowMillis)
                        + (latest.isPresent() ? " (" + hours(earliest.orElse(crossing.get()) - nowMillis) + " to "
                        + hours(latest.get() - nowMillis) + " at " + Math.round(CONFIDENCE * 100) + " %)" : " (no upper bound)")
                        + (step ? ", fitted since the step change." : "."));
    }

    /**
     * Index of the first point after the last step change, or 0 (also when two or more steps go the same way: a
     * sawtooth, whose net trend spans them): a jump between neighbours larger than 6
     * times the noise (1.4826 x the median absolute deviation of the point-to-point differences) whose new
     * level holds: the median of the next points differs from the median of the previous ones by more than
     * 4 times the noise.
     */
    static int lastStep(double[] y) {
        int n = y.length;
        if (n < 4) {
            return 0;
        }
        double[] d = new double[n - 1];
        for (int i = 1; i < n; i++) {
            d[i - 1] = y[i] - y[i - 1];
        }
        double typical = median(d);
        for (int i = 0; i < d.length; i++) {
            d[i] -= typical; // a steady trend is not a step
        }
        double noise = 1.4826 * mad(d);
        double range = Arrays.stream(y).max().orElse(0) - Arrays.stream(y).min().orElse(0);
        // noiseless data has no spread to compare with: a step must then be a few % of the range
        noise = Math.max(noise, range * 0.01 + 1e-12);
        int w = Math.max(3, Math.min(20, n / 10));
        int last = 0;
        double lastSign = 0;
        for (int i = n - 1; i >= 1; i--) {
            if (Math.abs(d[i - 1]) > 6 * noise) {
                double before = median(Arrays.copyOfRange(y, Math.max(0, i - w), i));
                double after = median(Arrays.copyOfRange(y, i, Math.min(n, i + w)));
                if (Math.abs(after - before) > 4 * noise) {
                    if (last == 0) {
                        last = i;
                        lastSign = Math.signum(after - before);
                        i -= w; // the same step seen again from its other side
                    } else if (Math.signum(after - before) == lastSign) {
                        // a second drop the same way: a sawtooth (log rotation, a cache that empties), whose net trend
                        // is the fit through the drops; fitting only the ramp since the last one overstates it
                        return 0;
                    }
                }
            }
        }
        return last;
    }

    /**
     * Where a least-squares parabola through points {@code [from, to)} reaches the threshold, when its bend towards
     * the threshold is significant at {@code tq} standard errors; empty otherwise.
     */
    private static Optional<Long> bentCrossing(long[] t, double[] y, int from, int to, double threshold, boolean rising,
                                               double tq, double nowH, double horizonH) {
        int n = to - from;
        if (n < MIN_POINTS + 2) {
            return Optional.empty();
        }
        long t0 = t[from];
        double[][] x = new double[n][2];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double h = (t[from + i] - t0) / 3_600_000.0;
            x[i][0] = h;
            x[i][1] = h * h;
            v[i] = y[from + i];
        }
        try {
            org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression ols =
                    new org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression();
            ols.newSampleData(v, x);
            double[] b = ols.estimateRegressionParameters();
            double[] se = ols.estimateRegressionParametersStandardErrors();
            double bend = rising ? b[2] : -b[2];
            if (!(bend > 0) || !(b[2] / se[2] > tq || -b[2] / se[2] > tq)) {
                return Optional.empty();
            }
            java.util.function.DoublePredicate reached = h -> rising ? b[0] + b[1] * h + b[2] * h * h >= threshold
                    : b[0] + b[1] * h + b[2] * h * h <= threshold;
            return firstTrue(reached, nowH, horizonH).map(h -> t0 + Math.round(h * 3_600_000));
        } catch (RuntimeException singular) {
            return Optional.empty(); // all points at one time, or too few distinct ones: no bend to see
        }
    }

    /** The median time between the fitted points. */
    private static long spacing(long[] t, int from, int to) {
        double[] d = new double[to - from - 1];
        for (int i = from + 1; i < to; i++) {
            d[i - from - 1] = t[i] - t[i - 1];
        }
        return d.length == 0 ? 0 : Math.round(median(d));
    }

    private static Optional<Double> firstTrue(java.util.function.DoublePredicate p, double from, double to) {
        if (p.test(from)) {
            return Optional.of(from);
        }
        if (!p.test(to)) {
            return Optional.empty();
        }
        double lo = from;
        double hi = to;
        for (int i = 0; i < 80; i++) {
            double mid = (lo + hi) / 2;
            if (p.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Optional.of(hi);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    static double mad(double[] v) {
        double m = median(v);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            dev[i] = Math.abs(v[i] - m);
        }
        return median(dev);
    }

    private static String hours(long millis) {
        double h = millis / 3_600_000.0;
        return h >= 48 ? String.format(java.util.Locale.ROOT, "%.1f days", h / 24)
                : String.format(java.util.Locale.ROOT, "%.1f hours", h);
    }

    private static Forecast none(long from, int points, boolean step, String why) {
        return new Forecast(Optional.empty(), Optional.empty(), Optional.empty(), Double.NaN, 0, from, points, step, why);
    }
}
