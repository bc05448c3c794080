package org.incidentworkbench.app.model;

import java.time.Duration;
import java.time.Instant;
import org.incidentworkbench.app.format.Durations;

/**
 * How old a host's figures are, and whether they are too old to be read as the present: a triage from an hour
 * ago says little about now, so the fleet board marks it instead of showing it beside fresh ones as if current.
 * Pure.
 *
 * @param age   time from the triage's start to {@code now} (zero when the clock is behind the triage)
 * @param stale older than {@link #STALE_AFTER}, or the host's latest triage failed so these figures are an older one's
 * @param text  for the board: "40 s ago", "stale: 2 h 5 min ago"
 */
public record DataAge(Duration age, boolean stale, String text) {

    /**
     * Fifteen minutes: a triage is a snapshot, and incidents move in minutes; the sampler's charts, not an old
     * triage, say what happens now. Long enough that one round of triaging twenty hosts is not stale before it is read.
     */
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);

    public static DataAge of(Instant taken, Instant now) {
        return of(taken, now, false);
    }

    /** @param failedSince the host's latest triage failed, so these figures are stale whatever their age */
    public static DataAge of(Instant taken, Instant now, boolean failedSince) {
        Duration age = now.isBefore(taken) ? Duration.ZERO : Duration.between(taken, now);
        boolean stale = failedSince || age.compareTo(STALE_AFTER) > 0;
        String ago = age.toSeconds() < 1 ? "just now" : Durations.human(Duration.ofSeconds(age.toSeconds())) + " ago";
        return new DataAge(age, stale, stale ? "stale: " + ago : ago);
    }
}
