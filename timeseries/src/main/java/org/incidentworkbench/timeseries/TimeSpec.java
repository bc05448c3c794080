package org.incidentworkbench.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the times people type for a range: {@code now}, relative ones such as {@code -2h}, {@code -30m},
 * {@code -7d}, {@code -90s} (before now), an ISO-8601 instant ({@code 2026-01-05T10:00:00Z}) or epoch
 * milliseconds. Used by {@code workbench store query --from -2h --to now}. Thread-safe: stateless.
 */
public final class TimeSpec {

    private TimeSpec() {
    }

    /** Epoch milliseconds for {@code text}, relative times counted back from {@code clock}'s now. */
    public static long parse(String text, Clock clock) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return clock.millis();
        }
        if (t.matches("[-+]?\\d+(ms|s|m|h|d|w)")) {
            int unitAt = t.endsWith("ms") ? t.length() - 2 : t.length() - 1;
            long amount = Long.parseLong(t.substring(0, unitAt).replace("+", ""));
            Duration d = switch (t.substring(unitAt)) {
                case "ms" -> Duration.ofMillis(Math.abs(amount));
                case "s" -> Duration.ofSeconds(Math.abs(amount));
                case "m" -> Duration.ofMinutes(Math.abs(amount));
                case "h" -> Duration.ofHours(Math.abs(amount));
                case "d" -> Duration.ofDays(Math.abs(amount));
                default -> Duration.ofDays(7 * Math.abs(amount));
            };
            return amount < 0 || t.startsWith("-") ? clock.millis() - d.toMillis() : clock.millis() + d.toMillis();
        }
        if (t.matches("\\d{10,}")) {
            return Long.parseLong(t);
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: use now, a relative time such as -2h, -30m"
                    + " or -7d, an ISO-8601 instant such as 2026-01-05T10:00:00Z, or epoch milliseconds.");
        }
    }
}
