package org.incidentworkbench.app.format;

import java.util.Locale;

/**
 * Renders byte counts for people, in binary units as {@code free -h} and {@code df -h} print them
 * ({@code 512 B}, {@code 1.5 KiB}, {@code 40 GiB}), the same in the CLI and the window: the one byte formatter
 * of the app (chart axes take {@link #scale} and print the number at their own precision). ssh-probes'
 * findings cannot depend on app and keep their own copy in {@code Findings.bytes}. Stateless.
 */
public final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Bytes() {
    }

    /** A byte count as a number of the largest binary unit it reaches: 1536 is 1.5 KiB. */
    public record Scaled(double value, String unit) {
    }

    /** {@code bytes} in the largest binary unit (up to EiB) in which it is at least 1; the sign is kept. */
    public static Scaled scale(double bytes) {
        double v = Math.abs(bytes);
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return new Scaled(Math.copySign(v, bytes), UNITS[unit]);
    }

    /** One decimal below 10 units, none above: {@code 1.2 GiB}, {@code 37 GiB}. */
    public static String human(double bytes) {
        if (Double.isNaN(bytes)) {
            return "?";
        }
        Scaled s = scale(bytes);
        double v = Math.abs(s.value());
        String sign = bytes < 0 ? "-" : "";
        if (s.unit().equals("B")) {
            return sign + Math.round(v) + " B";
        }
        return sign + (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.valueOf(Math.round(v))) + " " + s.unit();
    }

    /** A rate: {@code 12 KiB/s}. */
    public static String perSecond(double bytesPerSecond) {
        return human(bytesPerSecond) + "/s";
    }
}
