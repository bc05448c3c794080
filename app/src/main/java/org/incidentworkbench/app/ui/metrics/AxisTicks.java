package org.incidentworkbench.app.ui.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.incidentworkbench.app.format.Bytes;

/**
 * Where a chart puts its grid lines and what they read. Values: "nice" steps (1, 2 or 5 times a power
 * of ten) in one unit chosen for the whole axis (GiB, MiB/s, k), with as many decimals as the step
 * needs, so that no two labels read the same however little the data varies (22.400, 22.405, 22.410
 * GiB for memory moving by 0.1 %). Time: steps from a second to a quarter, on the local clock's
 * round minutes, hours and days. Pure arithmetic; thread-safe.
 */
public final class AxisTicks {

    private AxisTicks() {
    }

    /**
     * The value axis: tick positions (in the data's unit), their labels (numbers in {@link #unit}),
     * and the decimals that make neighbouring ticks differ.
     */
    public record ValueAxis(double[] values, List<String> labels, double scale, String unit, int decimals) {

        /** A value in the axis's unit with {@code extraDecimals} more than the ticks, and the unit ("22.4031 GiB"). */
        public String format(double v, int extraDecimals) {
            if (Double.isNaN(v)) {
                return "no data";
            }
            String n = number(v / scale, decimals + extraDecimals);
            return unit.isEmpty() ? n : unit.length() == 1 && "kMGT".contains(unit) ? n + unit : n + " " + unit;
        }
    }

    /** Time ticks: instants and their labels on the local clock. */
    public record TimeAxis(long[] times, List<String> labels) {
    }

    /** The unit a metric's values are scaled into, chosen once per axis from its largest magnitude. */
    record Scale(double factor, String unit) {

        static Scale of(String metricUnit, double magnitude) {
            String u = metricUnit == null ? "" : metricUnit.trim();
            String lower = u.toLowerCase(Locale.ROOT);
            if (lower.startsWith("byte")) {
                // the app's one byte scaler; the factor is exact (a power of 1024 divides without rounding)
                Bytes.Scaled b = Bytes.scale(magnitude);
                double f = magnitude == 0 ? 1 : magnitude / Math.abs(b.value());
                return new Scale(f, b.unit() + (lower.contains("/s") ? "/s" : ""));
            }
            if (u.equals("%") || lower.startsWith("percent")) {
                return new Scale(1, "%");
            }
            String rest = u.equals("1") ? "" : u; // "1": a plain count
            String[] prefixes = {"", "k", "M", "G", "T"};
            int i = 0;
            double f = 1;
            // counts stay whole below 10,000 (as the readouts always showed them)
            while (magnitude >= (i == 0 ? 1e4 : f * 1000) && i < prefixes.length - 1) {
                f *= 1000;
                i++;
            }
            String p = prefixes[i];
            if (rest.isEmpty()) {
                return new Scale(f, p);
            }
            return new Scale(f, rest.startsWith("/") ? p + rest : (p.isEmpty() ? rest : p + " " + rest));
        }
    }

    /**
     * Ticks for values from {@code min} to {@code max} with about {@code approxCount} grid lines (never
     * more than twice that), in {@code metricUnit} ("bytes", "bytes/s", "%", "/s", "1", "ms").
     */
    public static ValueAxis values(double min, double max, int approxCount, String metricUnit) {
        if (!(max > min) || Double.isInfinite(max - min)) {
            throw new IllegalArgumentException("A value axis needs max > min; got " + min + " to " + max + ".");
        }
        Scale scale = Scale.of(metricUnit, Math.max(Math.abs(min), Math.abs(max)));
        double lo = min / scale.factor();
        double hi = max / scale.factor();
        double step = nearestNiceStep((hi - lo) / Math.max(1, approxCount));
        int decimals = decimalsFor(step);
        long k0 = (long) Math.ceil(lo / step - 1e-9);
        long k1 = (long) Math.floor(hi / step + 1e-9);
        List<String> labels = new ArrayList<>();
        double[] vs = new double[(int) Math.max(0, k1 - k0 + 1)];
        for (long k = k0; k <= k1; k++) {
            vs[(int) (k - k0)] = k * step * scale.factor();
        }
        // the step's decimals already separate neighbours; one more while rounding still collides (it does not, but labels are promised distinct)
        for (int d = decimals; d < decimals + 4; d++) {
            labels.clear();
            for (long k = k0; k <= k1; k++) {
                labels.add(number(k * step, d));
            }
            if (labels.stream().distinct().count() == labels.size()) {
                decimals = d;
                break;
            }
        }
        return new ValueAxis(vs, List.copyOf(labels), scale.factor(), scale.unit(), decimals);
    }

    /** 1, 2 or 5 times a power of ten, the smallest such at or above {@code raw}. */
    public static double niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10) * mag;
    }

    /** The 1-2-5 step nearest to {@code raw} (on a log scale): between two thirds and twice the ticks asked for. */
    static double nearestNiceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < Math.sqrt(2) ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10) * mag;
    }

    /** Decimals that show a multiple of {@code step} exactly: 0 for 1, 2, 5, 10; 1 for 0.5; 3 for 0.005. */
    static int decimalsFor(double step) {
        return Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    }

    static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    private static final long[] TIME_STEPS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
        900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000L, 172_800_000L, 604_800_000L,
        2_592_000_000L, 7_776_000_000L};

    /** A time step that leaves about 90 px between labels. */
    public static long timeStep(long spanMillis, double widthPx) {
        double minStep = spanMillis / Math.max(1, widthPx / 90);
        for (long s : TIME_STEPS) {
            if (s >= minStep) {
                return s;
            }
        }
        return TIME_STEPS[TIME_STEPS.length - 1];
    }

    /** Time ticks for the range on a {@code widthPx} wide axis, at round local times. */
    public static TimeAxis times(long fromMillis, long toMillis, double widthPx, ZoneId zone) {
        long span = toMillis - fromMillis;
        long step = timeStep(span, widthPx);
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(fromMillis)).getTotalSeconds() * 1000L;
        long first = Math.floorDiv(fromMillis + offset, step) * step + step - offset;
        DateTimeFormatter tf = step >= 86_400_000L ? DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
                : step >= 60_000 ? (span > 86_400_000L ? DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
                : DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT))
                : DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
        List<Long> ts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (long t = first; t <= toMillis; t += step) {
            ts.add(t);
            labels.add(tf.format(Instant.ofEpochMilli(t).atZone(zone)));
        }
        return new TimeAxis(ts.stream().mapToLong(Long::longValue).toArray(), List.copyOf(labels));
    }
}
