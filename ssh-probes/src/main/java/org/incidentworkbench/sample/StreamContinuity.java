package org.incidentworkbench.sample;

import java.time.Duration;
import java.util.Locale;

/**
 * Decides whether two consecutive frames of one host belong to one unbroken stream, so that rates may
 * be taken between them: a pure function of the two snapshots and the sampling interval.
 *
 * <p>The step is broken when
 * <ul>
 * <li>the server rebooted: its monotonic clock ({@code /proc/uptime}) went backwards;</li>
 * <li>the server's wall clock was stepped: {@code btime} (which the kernel recomputes from the wall clock)
 *     moved by more than one second, or the wall clock advanced by more than {@link #CLOCK_TOLERANCE} more or
 *     less than the monotonic clock. Rates themselves are taken over the monotonic clock and would be right,
 *     but the points' timestamps would not line up with the ones before;</li>
 * <li>the frames are more than {@code 3} intervals apart (a stall), or not apart at all.</li>
 * </ul>
 * Without {@code /proc/uptime} the wall clock measures the step.
 */
public final class StreamContinuity {

    /** Wall and monotonic clocks may disagree by this much: {@code date +%s} has one-second resolution. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMillis(1500);
    /** Frames further apart than this many intervals count as a stall, as the sampler's stall detector does. */
    public static final int STALL_INTERVALS = 3;

    private StreamContinuity() {
    }

    /** The verdict on one step. */
    public sealed interface Verdict {
        /** Rates may be taken; {@code elapsed} is the server's time between the frames. */
        record Continuous(Duration elapsed) implements Verdict {
        }

        /** No rates across this step; a gap marker belongs between the frames. */
        record Broken(String reason) implements Verdict {
        }
    }

    public static Verdict between(ProcSnapshot previous, ProcSnapshot current, Duration interval) {
        long wallMicros = current.serverTimeMicros() - previous.serverTimeMicros();
        long elapsedMicros = wallMicros;
        if (previous.uptimeSeconds().isPresent() && current.uptimeSeconds().isPresent()) {
            double before = previous.uptimeSeconds().getAsDouble();
            double after = current.uptimeSeconds().getAsDouble();
            if (after < before) {
                return new Verdict.Broken(String.format(Locale.ROOT,
                        "the server rebooted (uptime went from %.0f s to %.0f s)", before, after));
            }
            elapsedMicros = Math.round((after - before) * 1e6);
            if (Math.abs(wallMicros - elapsedMicros) > CLOCK_TOLERANCE.toNanos() / 1000) {
                return new Verdict.Broken(String.format(Locale.ROOT,
                        "the server's clock jumped by %+.1f s", (wallMicros - elapsedMicros) / 1e6));
            }
        }
        if (previous.bootTimeSeconds().isPresent() && current.bootTimeSeconds().isPresent()) {
            long moved = current.bootTimeSeconds().getAsLong() - previous.bootTimeSeconds().getAsLong();
            if (Math.abs(moved) > 1) {
                boolean rebooted = current.uptimeSeconds().isEmpty() || previous.uptimeSeconds().isEmpty();
                return new Verdict.Broken(rebooted
                        ? "the server rebooted (its boot time changed by " + moved + " s)"
                        : "the server's clock was stepped by " + moved + " s");
            }
        }
        if (elapsedMicros <= 0) {
            return new Verdict.Broken("the server's clock did not advance between two frames");
        }
        long stallMicros = interval.toNanos() / 1000 * STALL_INTERVALS;
        if (elapsedMicros > stallMicros) {
            return new Verdict.Broken(String.format(Locale.ROOT, "%.1f s passed between two frames", elapsedMicros / 1e6));
        }
        return new Verdict.Continuous(Duration.ofNanos(elapsedMicros * 1000));
    }
}
