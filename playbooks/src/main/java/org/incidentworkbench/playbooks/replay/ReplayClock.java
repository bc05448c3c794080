package org.incidentworkbench.playbooks.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;

/**
 * Plays an incident back on its own timeline: play, pause, speed from 0.5× to 100×, skipping idle
 * time, seek, and step to the next or previous event. The clock never sleeps and owns no thread:
 * its driver (the UI's animation timer, the CLI's loop, a test) calls {@link #tick()}, and the clock
 * advances the incident time by the {@link TickSource}'s elapsed nanoseconds times the speed.
 * Listeners then receive the {@link ReplayState} as of the new time; the state is a pure function of
 * the time, so a seek always gives the same state however the clock got there.
 *
 * <p>Skipping idle time: while playing, a quiet stretch before the next event is cut so that it
 * lasts at most {@link #maxIdle()} of wall time at the current speed (default one second).
 *
 * <pre>{@code
 * ReplayClock clock = ReplayClock.over(IncidentBundle.open(file), TickSource.SYSTEM);
 * clock.addListener(state -> view.show(state));
 * clock.setSpeed(10); clock.setSkipIdle(true); clock.play();
 * // on every frame: clock.tick();
 * }</pre>
 *
 * <p>Not thread-safe: drive it from one thread (the FX thread in the UI).
 */
public final class ReplayClock {

    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 100;

    private final IncidentTimeline timeline;
    private final TickSource ticks;
    private final long endOffset;
    private final List<Consumer<ReplayState>> listeners = new CopyOnWriteArrayList<>();
    private long position;
    private boolean playing;
    private double speed = 1;
    private boolean skipIdle;
    private Duration maxIdle = Duration.ofSeconds(1);
    private long lastTick;
    private ReplayState state;

    private ReplayClock(IncidentTimeline timeline, TickSource ticks) {
        this.timeline = timeline;
        this.ticks = Objects.requireNonNull(ticks, "ticks");
        this.endOffset = Duration.between(timeline.start(), timeline.end()).toNanos();
        this.state = ReplayState.at(timeline, timeline.start());
    }

    /** A paused clock at the incident's first event. */
    public static ReplayClock over(IncidentTimeline timeline, TickSource ticks) {
        return new ReplayClock(timeline, ticks);
    }

    public static ReplayClock over(IncidentBundle bundle, TickSource ticks) {
        return over(IncidentTimeline.of(bundle), ticks);
    }

    /** Registers a listener; the returned handle removes it. */
    public Runnable addListener(Consumer<ReplayState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void play() {
        if (position >= endOffset) {
            position = 0;
            publish();
        }
        playing = true;
        lastTick = ticks.nanoTime();
    }

    public void pause() {
        playing = false;
    }

    public boolean playing() {
        return playing;
    }

    /** True when the clock stands at the last event. */
    public boolean atEnd() {
        return position >= endOffset;
    }

    public double speed() {
        return speed;
    }

    /** Sets the playback speed, from {@value #MIN_SPEED}× to {@value #MAX_SPEED}×. */
    public void setSpeed(double speed) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("A replay plays from " + MIN_SPEED + "x to " + (int) MAX_SPEED + "x; " + speed
                    + "x is outside that range.");
        }
        tick();
        this.speed = speed;
    }

    public boolean skipIdle() {
        return skipIdle;
    }

    public void setSkipIdle(boolean skipIdle) {
        this.skipIdle = skipIdle;
    }

    public Duration maxIdle() {
        return maxIdle;
    }

    /** The longest quiet stretch, in wall time, that plays when idle time is skipped. */
    public void setMaxIdle(Duration maxIdle) {
        if (maxIdle.isNegative()) {
            throw new IllegalArgumentException("The longest idle stretch cannot be negative.");
        }
        this.maxIdle = maxIdle;
    }

    /** Advances by the wall time since the last tick (times the speed) when playing; returns the state. */
    public ReplayState tick() {
        long now = ticks.nanoTime();
        if (!playing) {
            lastTick = now;
            return state;
        }
        long wall = now - lastTick;
        lastTick = now;
        if (wall <= 0) {
            return state;
        }
        long remaining = (long) Math.min(Long.MAX_VALUE / 4.0, wall * speed);
        long idleLimit = (long) Math.min(Long.MAX_VALUE / 4.0, maxIdle.toNanos() * speed);
        while (remaining > 0 && position < endOffset) {
            long next = nextEventOffsetAfter(position);
            if (skipIdle && next - position > idleLimit) {
                position = next - idleLimit;
            }
            long step = Math.min(remaining, next - position);
            position += step;
            remaining -= step;
        }
        if (position >= endOffset) {
            position = endOffset;
            playing = false;
        }
        publish();
        return state;
    }

    /** Moves to {@code time} (clamped to the incident's first and last event). */
    public ReplayState seek(Instant time) {
        long offset = Duration.between(timeline.start(), time).toNanos();
        position = Math.max(0, Math.min(endOffset, offset));
        lastTick = ticks.nanoTime();
        publish();
        return state;
    }

    /** Pauses and moves to the next event (all events of that same instant become visible). */
    public ReplayState stepNext() {
        playing = false;
        int visible = timeline.countAtOrBefore(time());
        if (visible < timeline.events().size()) {
            position = offsetOf(timeline.events().get(visible).time());
            publish();
        }
        return state;
    }

    /** Pauses and moves back so that the latest visible event (and those of its instant) is hidden again. */
    public ReplayState stepPrevious() {
        playing = false;
        int visible = timeline.countAtOrBefore(time());
        if (visible <= 1) {
            position = 0;
        } else {
            Instant last = timeline.events().get(visible - 1).time();
            int i = visible - 1;
            while (i > 0 && !timeline.events().get(i - 1).time().isBefore(last)) {
                i--;
            }
            position = i == 0 ? 0 : offsetOf(timeline.events().get(i - 1).time());
        }
        publish();
        return state;
    }

    public Instant time() {
        return timeline.start().plusNanos(position);
    }

    public ReplayState state() {
        return state;
    }

    public IncidentTimeline timeline() {
        return timeline;
    }

    /**
     * Wall time until the next event plays at the current speed (with idle time skipped if set);
     * zero at the end. A driver can sleep this long (bounded) between ticks.
     */
    public Duration wallTimeToNextEvent() {
        if (position >= endOffset) {
            return Duration.ZERO;
        }
        long gap = nextEventOffsetAfter(position) - position;
        if (skipIdle) {
            gap = Math.min(gap, (long) (maxIdle.toNanos() * speed));
        }
        return Duration.ofNanos((long) Math.ceil(gap / speed));
    }

    private long nextEventOffsetAfter(long offset) {
        int visible = timeline.countAtOrBefore(timeline.start().plusNanos(offset));
        if (visible >= timeline.events().size()) {
            return endOffset;
        }
        return offsetOf(timeline.events().get(visible).time());
    }

    private long offsetOf(Instant t) {
        return Duration.between(timeline.start(), t).toNanos();
    }

    private void publish() {
        ReplayState next = ReplayState.at(timeline, time());
        state = next;
        for (Consumer<ReplayState> l : listeners) {
            l.accept(next);
        }
    }
}
