package org.incidentworkbench.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one probe on one host. Every case keeps the raw text, so nothing the server
 * printed is ever lost, whatever the parser made of it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonIgnoreProperties(value = {"error"}, allowGetters = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ProbeResult.Parsed.class, name = "parsed"),
    @JsonSubTypes.Type(value = ProbeResult.ParseFailed.class, name = "parse_failed"),
    @JsonSubTypes.Type(value = ProbeResult.CommandFailed.class, name = "command_failed"),
    @JsonSubTypes.Type(value = ProbeResult.TimedOut.class, name = "timed_out")
})
public sealed interface ProbeResult {

    /** The probe's name: w, uptime, ps, ip, df, top, iostat, ss or logs. */
    String probe();

    /** Everything the commands printed (capped), as received. */
    String raw();

    /** The exit status of the probe's main command, -1 when there was none. */
    int exitStatus();

    Duration duration();

    /**
     * Parsed data, with notes such as "iostat is not installed (package sysstat); rates from
     * /proc/diskstats instead" and parser warnings about single fields.
     */
    record Parsed(String probe, String raw, int exitStatus, Duration duration, Object data,
                  List<String> warnings, List<String> notes) implements ProbeResult {
        public Parsed {
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
        }
    }

    /** The command ran but its output was not recognised; the raw text is shown instead. */
    record ParseFailed(String probe, String raw, int exitStatus, Duration duration, String reason)
            implements ProbeResult {
    }

    /** The command failed or is missing (and had no fallback); {@code message} says what to install or do. */
    record CommandFailed(String probe, String raw, int exitStatus, Duration duration, String message)
            implements ProbeResult {
    }

    /** The probe exceeded its timeout; {@code raw} holds what arrived before. */
    record TimedOut(String probe, String raw, int exitStatus, Duration duration, Duration limit)
            implements ProbeResult {
    }

    /** The parsed data when this result is {@link Parsed} and its data is of the given type. */
    default <T> Optional<T> data(Class<T> type) {
        if (this instanceof Parsed p && type.isInstance(p.data())) {
            return Optional.of(type.cast(p.data()));
        }
        return Optional.empty();
    }

    /**
     * Why there is no parsed data, in one sentence for the user; empty for {@link Parsed}. Written to
     * JSON as {@code error} so every probe carries the same fields (docs/triage-json.md).
     */
    @JsonProperty("error")
    default Optional<String> error() {
        if (this instanceof ParseFailed f) {
            return Optional.of(f.reason());
        }
        if (this instanceof CommandFailed f) {
            return Optional.of(f.message());
        }
        if (this instanceof TimedOut t) {
            return Optional.of("The " + probe() + " probe did not finish within its limit of " + t.limit().toMillis()
                    + " ms; what it printed before is kept.");
        }
        return Optional.empty();
    }

    @JsonIgnore
    default boolean isParsed() {
        return this instanceof Parsed;
    }
}
