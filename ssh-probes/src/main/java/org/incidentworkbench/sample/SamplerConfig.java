package org.incidentworkbench.sample;

import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link Sampler} samples.
 *
 * @param interval       time between frames on every host (0.1-60 s; 1 s by default)
 * @param dfEvery        run {@code df} every N-th frame (see {@link SamplerScript#defaultDfEvery})
 * @param pollPeriod     how often the one scheduler thread looks for new bytes from every host
 * @param stallIntervals no frame for this many intervals counts as a dropped connection
 * @param firstFrameWait how long to wait for the first frame after a connect (the login shell's rc files)
 * @param backoffMin     first reconnect delay; doubled per failed attempt
 * @param backoffMax     longest reconnect delay
 * @param connectThreads at most this many connects (blocking, bounded by each host's connect timeout) at once
 * @param clock          the laptop's wall clock, for statuses and clock offsets
 */
public record SamplerConfig(Duration interval, int dfEvery, Duration pollPeriod, int stallIntervals, Duration firstFrameWait,
                            Duration backoffMin, Duration backoffMax, int connectThreads, Clock clock) {

    public SamplerConfig {
        SamplerScript.seconds(interval); // validates the range with a sentence
        if (dfEvery < 1 || stallIntervals < 2 || connectThreads < 1 || pollPeriod.isNegative() || pollPeriod.isZero()
                || backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("The sampler settings are inconsistent: " + interval + ", df every " + dfEvery
                    + ", poll " + pollPeriod + ", stall after " + stallIntervals + " intervals, backoff " + backoffMin + "-"
                    + backoffMax + ", " + connectThreads + " connect threads.");
        }
    }

    /**
     * The first frame follows the login shell's rc files, which can be slow: measured here, root's .bashrc
     * running pyenv took over 15 s when 100 logins raced for its rehash lock. Giving up sooner only repeats
     * the login.
     */
    public static final Duration FIRST_FRAME_WAIT = Duration.ofSeconds(30);

    /** Defaults for an interval: df about every 10 s, polls at a quarter interval (at most 250 ms), stall after 3. */
    public static SamplerConfig of(Duration interval) {
        Duration poll = interval.dividedBy(4).compareTo(Duration.ofMillis(250)) > 0 ? Duration.ofMillis(250) : interval.dividedBy(4);
        return new SamplerConfig(interval, SamplerScript.defaultDfEvery(interval), poll, StreamContinuity.STALL_INTERVALS,
                FIRST_FRAME_WAIT, Duration.ofSeconds(1), Duration.ofSeconds(60), 8, Clock.systemUTC());
    }

    public SamplerConfig withBackoff(Duration min, Duration max) {
        return new SamplerConfig(interval, dfEvery, pollPeriod, stallIntervals, firstFrameWait, min, max, connectThreads, clock);
    }

    public SamplerConfig withFirstFrameWait(Duration wait) {
        return new SamplerConfig(interval, dfEvery, pollPeriod, stallIntervals, wait, backoffMin, backoffMax, connectThreads, clock);
    }

    public SamplerConfig withDfEvery(int every) {
        return new SamplerConfig(interval, every, pollPeriod, stallIntervals, firstFrameWait, backoffMin, backoffMax, connectThreads, clock);
    }

    /** No frame for this long means the stream stalled. */
    public Duration stallTimeout() {
        return interval.multipliedBy(stallIntervals);
    }
}
