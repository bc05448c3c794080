package org.incidentworkbench.playbooks.replay;

import java.time.Duration;

/** A tick source that moves only when told to; for tests and for stepping a replay by hand. Not thread-safe. */
public final class ManualTickSource implements TickSource {

    private long nanos;

    @Override
    public long nanoTime() {
        return nanos;
    }

    public ManualTickSource advance(Duration d) {
        nanos += d.toNanos();
        return this;
    }
}
