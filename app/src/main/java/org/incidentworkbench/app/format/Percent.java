package org.incidentworkbench.app.format;

import java.util.Locale;

/**
 * Renders percentages as the tools print them, with a space before the sign as in our findings
 * ({@code 97 %}, {@code 0.4 %}): one decimal below 10, none above. Stateless.
 */
public final class Percent {

    private Percent() {
    }

    public static String of(double percent) {
        if (Double.isNaN(percent)) {
            return "?";
        }
        double a = Math.abs(percent);
        String n = a > 0 && a < 10 ? String.format(Locale.ROOT, "%.1f", percent) : String.valueOf(Math.round(percent));
        return n + " %";
    }
}
