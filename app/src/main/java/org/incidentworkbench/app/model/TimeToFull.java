package org.incidentworkbench.app.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.findings.TimeToLimit;

/**
 * When one resource of a host runs out, as the triage's findings and {@code workbench forecast} say it (the same
 * {@link TimeToLimit}, made by {@code services.HistoryTrends} from the store): a filesystem or its inodes reaching
 * 100 %, or available memory reaching 0. Pure.
 *
 * @param what   the resource: "/var", "inodes of /var", "memory"
 * @param limit  the forecast: when, its interval, what it was fitted on
 * @param now    the time the forecast was made for
 */
public record TimeToFull(String what, TimeToLimit limit, Instant now) {

    /** Time until the limit (zero when there already); only for a forecast that {@link TimeToLimit#reaches}. */
    public Duration in() {
        return limit.in().orElseThrow();
    }

    public Instant crossing() {
        return now.plus(in());
    }

    /** "/var full in 42 min", "memory runs out now". */
    public String text() {
        String verb = what.equals("memory") ? " runs out" : " full";
        return in().isZero() ? what + verb + " now" : what + verb + " in " + TimeToLimit.duration(in());
    }

    /** The forecast in words for the tooltip: "in 42 min (35 min to 51 min), over the last 2.0 h (240 points)". */
    public String explanation() {
        return "in " + limit.whenText().orElse("never") + " at 95 %, fitted " + limit.basis() + ".";
    }

    /** The soonest of these to reach its limit; empty when none does. */
    public static Optional<TimeToFull> soonest(List<TimeToFull> candidates) {
        return candidates.stream().filter(t -> t.limit.reaches()).min(Comparator.comparing(TimeToFull::in));
    }
}
