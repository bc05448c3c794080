package org.incidentworkbench.findings;

import java.util.Optional;

/**
 * Where a host's filling resources are heading, from its recorded history (sampled, or read from sysstat or
 * Prometheus). The application builds one per triaged host from its metrics store; the rules that judge a
 * level (a 91 % filesystem) read it to say when the resource runs out and to let the forecast set the severity:
 * 85 % and full within the hour is worse than 95 % and flat. {@link #NONE} when there is no history.
 */
public interface Trends {

    /** No history: rules judge the level alone. */
    Trends NONE = new Trends() {
    };

    /** The filesystem mounted on {@code mount} reaching 100 % of its space. */
    default Optional<TimeToLimit> filesystem(String mount) {
        return Optional.empty();
    }

    /** The filesystem mounted on {@code mount} reaching 100 % of its inodes. */
    default Optional<TimeToLimit> inodes(String mount) {
        return Optional.empty();
    }

    /** Available memory (MemAvailable) reaching 0. */
    default Optional<TimeToLimit> memoryAvailable() {
        return Optional.empty();
    }
}
