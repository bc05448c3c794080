package org.incidentworkbench.parse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Field conversions every parser shares, as jc's {@code utils.py} does: numbers, percentages and
 * sizes with units, where a blank ({@code -}, {@code ?} or nothing) becomes an empty value and a
 * value that cannot be read becomes an empty value plus one warning naming the field. Nothing here
 * throws on odd text: parsers call these on whatever the server printed.
 *
 * <p>Sizes: {@code df -h}, {@code free -h} and {@code top} print binary multiples (procps and
 * coreutils use 1024, whether the suffix is {@code G} or {@code Gi}), so {@code 1.9G} is
 * 1.9 × 1024³ bytes. Stateless and thread-safe.
 */
final class Units {

    static final long KIB = 1024L;
    static final long MIB = 1024L * 1024;

    private Units() {
    }

    /** True for what commands print when they have no value: nothing, {@code -}, {@code ?}. */
    static boolean blank(String raw) {
        return raw == null || raw.isBlank() || raw.equals("-") || raw.equals("?") || raw.equals("*");
    }

    static Optional<Long> longValue(String raw, String field, List<String> warnings) {
        if (blank(raw)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            // kernels print some counters beyond Long.MAX_VALUE (BSD df's ifree): keep the table, drop the field
            warnings.add(field + " is \"" + raw.strip() + "\", not a whole number; left empty");
            return Optional.empty();
        }
    }

    static Optional<Integer> intValue(String raw, String field, List<String> warnings) {
        return longValue(raw, field, warnings).flatMap(v -> {
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                warnings.add(field + " is " + v + ", out of range; left empty");
                return Optional.empty();
            }
            return Optional.of(v.intValue());
        });
    }

    static Optional<Double> doubleValue(String raw, String field, List<String> warnings) {
        if (blank(raw)) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            double d = Double.parseDouble(s.replace(',', '.'));
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return Optional.of(d);
        } catch (NumberFormatException e) {
            warnings.add(field + " is \"" + raw.strip() + "\", not a number; left empty");
            return Optional.empty();
        }
    }

    /** {@code 22%} or {@code 22} as 22; {@code -} as empty. */
    static Optional<Integer> percent(String raw, String field, List<String> warnings) {
        if (blank(raw)) {
            return Optional.empty();
        }
        String s = raw.strip();
        return intValue(s.endsWith("%") ? s.substring(0, s.length() - 1) : s, field, warnings);
    }

    /** A count of KiB (procps and coreutils' default unit) as bytes. */
    static Optional<Long> kibAsBytes(String raw, String field, List<String> warnings) {
        return longValue(raw, field, warnings).map(v -> v * KIB);
    }

    /** A number in {@code unitBytes} units (1024 for KiB, 1 for bytes) as bytes, fractions allowed. */
    static Optional<Long> scaledBytes(String raw, long unitBytes, String field, List<String> warnings) {
        return doubleValue(raw, field, warnings).map(v -> Math.round(v * unitBytes));
    }

    /**
     * A human size as {@code df -h}, {@code free -h} or {@code top} print it ({@code 1.9G}, {@code 233M},
     * {@code 4.0K}, {@code 0B}, {@code 3.7Gi}, {@code 125.1m}) as bytes; a bare number is taken in
     * {@code bareUnitBytes}.
     */
    static Optional<Long> humanBytes(String raw, long bareUnitBytes, String field, List<String> warnings) {
        if (blank(raw)) {
            return Optional.empty();
        }
        String s = raw.strip();
        int end = s.length();
        while (end > 0 && Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        String number = s.substring(0, end);
        String suffix = s.substring(end).toUpperCase(Locale.ROOT);
        if (suffix.endsWith("IB")) {
            suffix = suffix.substring(0, suffix.length() - 2);
        } else if (suffix.endsWith("I")) {
            suffix = suffix.substring(0, suffix.length() - 1);
        } else if (suffix.length() == 2 && suffix.endsWith("B")) {
            suffix = suffix.substring(0, 1);
        }
        long multiplier;
        switch (suffix) {
            case "" -> multiplier = bareUnitBytes;
            case "B" -> multiplier = 1;
            case "K" -> multiplier = KIB;
            case "M" -> multiplier = MIB;
            case "G" -> multiplier = MIB * KIB;
            case "T" -> multiplier = MIB * MIB;
            case "P" -> multiplier = MIB * MIB * KIB;
            case "E" -> multiplier = MIB * MIB * MIB;
            default -> {
                warnings.add(field + " is \"" + s + "\", a size with an unknown unit; left empty");
                return Optional.empty();
            }
        }
        return doubleValue(number, field, warnings).map(v -> Math.round(v * multiplier));
    }

    /**
     * A duration as {@code ps etime} ({@code [[dd-]hh:]mm:ss}), {@code ps time} or {@code top TIME+}
     * ({@code m:ss.hh}) print it, as whole seconds; a bare number is seconds.
     */
    static Optional<Long> clockSeconds(String raw, String field, List<String> warnings) {
        if (blank(raw)) {
            return Optional.empty();
        }
        String s = raw.strip();
        try {
            long days = 0;
            int dash = s.indexOf('-');
            if (dash > 0) {
                days = Long.parseLong(s.substring(0, dash));
                s = s.substring(dash + 1);
            }
            long total = 0;
            for (String part : s.split(":")) {
                total = total * 60 + (long) Double.parseDouble(part);
            }
            return Optional.of(days * 86400 + total);
        } catch (NumberFormatException e) {
            warnings.add(field + " is \"" + raw.strip() + "\", not a duration; left empty");
            return Optional.empty();
        }
    }

    static Optional<String> text(String raw) {
        return blank(raw) ? Optional.empty() : Optional.of(raw.strip());
    }
}
