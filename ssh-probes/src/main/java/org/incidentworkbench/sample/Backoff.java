package org.incidentworkbench.sample;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: {@code min} doubled per failed attempt up to {@code max}, each with up to 20 % taken
 * off at random so that a hundred hosts dropped by one network blip do not all reconnect in the same
 * instant. Thread-safe when its random generator is.
 */
public final class Backoff {

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(0, attempt - 1), 30);
        long millis = Math.min(max.toMillis(), min.toMillis() << Math.min(doublings, 62 - 10));
        long jitter = (long) (millis * 0.2 * random.nextDouble());
        return Duration.ofMillis(Math.max(1, millis - jitter));
    }
}
