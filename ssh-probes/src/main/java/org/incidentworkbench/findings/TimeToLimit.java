package org.incidentworkbench.findings;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a host's recorded history says about one filling resource (a filesystem, its inodes, available memory):
 * when the fitted trend reaches the resource's limit, with its 95 % interval. Made by the application from the
 * metrics store (this library cannot read it) and handed to the finding rules through {@link Trends}.
 *
 * @param in           time from the triage until the trend reaches the limit; zero when it is there already;
 *                     empty when the trend does not head there (flat, or going the other way)
 * @param earliest     the early end of the interval (empty with {@code in})
 * @param latest       the late end; empty when the interval is open (the trend might as well be flat)
 * @param slopePerHour the fitted change per hour in the metric's unit (% for filesystems, bytes for memory)
 * @param points       points fitted
 * @param fittedOver   the span of history fitted (since the last step change, when one was found)
 * @param stepDetected whether a step change (a cleanup, a restart) cut the window
 */
public record TimeToLimit(Optional<Duration> in, Optional<Duration> earliest, Optional<Duration> latest,
                          double slopePerHour, int points, Duration fittedOver, boolean stepDetected) {

    /** Whether the trend reaches the limit at all. */
    public boolean reaches() {
        return in.isPresent();
    }

    /** "42 min (35 min to 51 min)" or "3.2 days (2.9 days to open-ended)"; empty when it never reaches it. */
    public Optional<String> whenText() {
        return in.map(d -> duration(d) + " (" + earliest.map(TimeToLimit::duration).orElse(duration(d)) + " to "
                + latest.map(TimeToLimit::duration).orElse("no upper bound") + ")");
    }

    /** The fit in words: "over the last 2.0 h (240 points), since a step change". */
    public String basis() {
        return "over the last " + duration(fittedOver) + " (" + points + " points" + (stepDetected ? ", since a step change" : "")
                + ")";
    }

    /** A span as people say it: "45 s", "42 min", "5.3 h", "3.2 days". */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 120 * 60) {
            return (s / 60) + " min";
        }
        if (s < 48 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f days", s / 86400.0);
    }
}
