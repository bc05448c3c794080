package org.incidentworkbench.app.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Which hosts stand out from their group on one number, by the modified z-score of Iglewicz and
 * Hoaglin (1993): {@code 0.6745 (x - median) / MAD}, an outlier above 3.5. Median and MAD are robust:
 * one sick host among ten does not drag the baseline toward itself, as a mean and standard
 * deviation would. When more than half the group is equal (MAD 0, as with CLOSE-WAIT counts that are
 * mostly zero) a value is an outlier when it differs from the median by more than 10 % of the
 * median's magnitude and by more than {@code minAbsolute}. Groups under three values have no
 * outliers. Pure; thread-safe.
 */
public final class Outliers {

    /** How a value compares with its group. */
    public enum Mark { NONE, HIGH, LOW }

    static final double THRESHOLD = 3.5;

    private Outliers() {
    }

    public static List<Mark> mark(List<OptionalDouble> values, double minAbsolute) {
        double[] present = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray();
        List<Mark> out = new ArrayList<>();
        if (present.length < 3) {
            values.forEach(v -> out.add(Mark.NONE));
            return out;
        }
        double median = median(present);
        double[] dev = Arrays.stream(present).map(v -> Math.abs(v - median)).toArray();
        double mad = median(dev);
        for (OptionalDouble v : values) {
            if (v.isEmpty()) {
                out.add(Mark.NONE);
                continue;
            }
            double x = v.getAsDouble();
            double diff = x - median;
            boolean outlier;
            if (mad > 0) {
                outlier = Math.abs(0.6745 * diff / mad) > THRESHOLD && Math.abs(diff) > minAbsolute;
            } else {
                outlier = Math.abs(diff) > Math.max(minAbsolute, 0.1 * Math.abs(median));
            }
            out.add(!outlier ? Mark.NONE : diff > 0 ? Mark.HIGH : Mark.LOW);
        }
        return out;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
