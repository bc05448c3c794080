package org.incidentworkbench.app.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;

/**
 * When one resource of a host runs out, from the store's forecast ({@link ThresholdForecast}, the same fit the
 * metrics chart draws): a filesystem reaching 100 % or available memory reaching 0. Pure.
 *
 * @param what     the resource: "/var", "inodes of /var", "memory"
 * @param forecast the fit, with its interval and its one-sentence explanation
 * @param now      the time the forecast was made for
 */
public record TimeToFull(String what, ThresholdForecast.Forecast forecast, Instant now) {

    /** Beyond this a "full in 40 days" from minutes of samples is noise for an incident, not news. */
    public static final Duration HORIZON = Duration.ofDays(7);

    public Instant crossing() {
        return Instant.ofEpochMilli(forecast.crossingMillis().orElseThrow());
    }

    public Duration in() {
        Duration d = Duration.between(now, crossing());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** "/var full in 3 h 10 min", "memory exhausted now". */
    public String text() {
        String verb = what.equals("memory") ? " exhausted" : " full";
        return in().isZero() ? what + verb + " now" : what + verb + " in " + Durations.human(Duration.ofSeconds(Math.max(1, in().toSeconds())));
    }

    /**
     * The soonest of these forecasts that reaches its limit within {@link #HORIZON} with a closed interval (a trend
     * that could as well be flat, {@code latestMillis} empty, is not a forecast worth a cell); empty when none does.
     */
    public static Optional<TimeToFull> soonest(List<TimeToFull> candidates) {
        return candidates.stream()
                .filter(t -> t.forecast.crossingMillis().isPresent() && t.forecast.latestMillis().isPresent())
                .filter(t -> t.in().compareTo(HORIZON) <= 0)
                .min(Comparator.comparing(TimeToFull::in));
    }
}
