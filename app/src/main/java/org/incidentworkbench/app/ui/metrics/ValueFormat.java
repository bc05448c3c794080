package org.incidentworkbench.app.ui.metrics;

import java.util.Locale;
import java.util.function.DoubleFunction;
import org.incidentworkbench.app.format.Bytes;

/** Axis and readout numbers for a metric's unit: bytes in KiB/MiB/GiB, percentages, counts with k/M. */
public final class ValueFormat {

    private ValueFormat() {
    }

    public static DoubleFunction<String> forUnit(String unit) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("byte")) {
            String suffix = u.contains("/s") ? "/s" : "";
            return v -> bytes(v) + suffix;
        }
        if (u.equals("%") || u.startsWith("percent")) {
            return v -> trim(v) + " %";
        }
        return ValueFormat::si;
    }

    /** Bytes scaled as everywhere else ({@link Bytes#scale}), the number at the axis's precision. */
    static String bytes(double v) {
        Bytes.Scaled s = Bytes.scale(v);
        return trim(s.value()) + " " + s.unit();
    }

    static String si(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e4) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    static String trim(double v) {
        double a = Math.abs(v);
        String s = a >= 100 || a == Math.rint(a) ? String.format(Locale.ROOT, "%.0f", v)
                : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return s.equals("-0") ? "0" : s;
    }
}
