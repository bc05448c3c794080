package org.incidentworkbench.app.format;

import java.util.Locale;

/**
 * Renders byte counts for people, in binary units as {@code free -h} and {@code df -h} print them
 * ({@code 512 B}, {@code 1.5 KiB}, {@code 40 GiB}), the same in the CLI and the window. Stateless.
 */
public final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Bytes() {
    }

    /** One decimal below 10 units, none above: {@code 1.2 GiB}, {@code 37 GiB}. */
    public static String human(double bytes) {
        if (Double.isNaN(bytes)) {
            return "?";
        }
        double v = Math.abs(bytes);
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        if (unit == 0) {
            return sign + Math.round(v) + " B";
        }
        return sign + (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v))) + " " + UNITS[unit];
    }

    /** A rate: {@code 12 KiB/s}. */
    public static String perSecond(double bytesPerSecond) {
        return human(bytesPerSecond) + "/s";
    }
}
