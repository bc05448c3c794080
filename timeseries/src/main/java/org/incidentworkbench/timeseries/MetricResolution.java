package org.incidentworkbench.timeseries;

/**
 * How many decimals a metric's values mean: the store rounds each appended value to its metric's resolution.
 * Sources are no finer (/proc/loadavg prints two decimals, /proc/meminfo whole kB, a rate over a few seconds is
 * not meaningful below 0.1/s) and decimal values compress to a fraction of a byte per point, where
 * full-precision doubles take several. The store knows no metric names: the application supplies this through
 * {@link StoreConfig#withResolution} from the sampler's catalogue.
 */
@FunctionalInterface
public interface MetricResolution {

    /** Every value kept exactly as given. */
    MetricResolution EXACT = metric -> -1;

    /** The decimals of {@code metric} (0 to 9), or a negative number to keep its values exactly. */
    int decimals(String metric);

    /** {@code value} rounded half away from zero to {@code decimals} places (values beyond 1e15, NaN and infinities unchanged). */
    static double round(double value, int decimals) {
        if (decimals < 0 || !Double.isFinite(value) || Math.abs(value) >= 1e15) {
            return value;
        }
        double scale = Pow10.OF[Math.min(decimals, 9)];
        double r = Math.round(Math.abs(value) * scale) / scale;
        return value < 0 ? -r : r == 0 ? 0.0 : r;
    }
}

/** Powers of ten for {@link MetricResolution#round}, exact as doubles. */
final class Pow10 {
    static final double[] OF = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private Pow10() {
    }
}
