package org.incidentworkbench.playbooks.replay;

/**
 * A source of monotonic nanoseconds for the replay clock, as Guava's {@code Ticker}: the UI and the
 * CLI pass {@link #SYSTEM}; tests pass a {@link ManualTickSource} and advance it by hand, so play,
 * pause and speed are tested without sleeping.
 */
@FunctionalInterface
public interface TickSource {

    TickSource SYSTEM = System::nanoTime;

    long nanoTime();
}
