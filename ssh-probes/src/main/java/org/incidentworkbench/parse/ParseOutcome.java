package org.incidentworkbench.parse;

import java.util.List;

/**
 * The result of parsing one command's output. A parser never throws to its caller: output it
 * recognises becomes {@link Parsed} (with a warning per field it could not read), anything else
 * becomes {@link Unrecognised} with a sentence saying why, and the caller shows the raw text.
 */
public sealed interface ParseOutcome<T> {

    record Parsed<T>(T value, List<String> warnings) implements ParseOutcome<T> {
        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    record Unrecognised<T>(String reason) implements ParseOutcome<T> {
    }

    static <T> ParseOutcome<T> parsed(T value) {
        return new Parsed<>(value, List.of());
    }

    static <T> ParseOutcome<T> parsed(T value, List<String> warnings) {
        return new Parsed<>(value, warnings);
    }

    static <T> ParseOutcome<T> unrecognised(String reason) {
        return new Unrecognised<>(reason);
    }
}
