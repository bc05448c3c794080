package org.incidentworkbench.sample;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.incidentworkbench.sample.source.ProcSource;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.StatSource;

/**
 * One frame's raw kernel counters and gauges, as read by each {@link ProcSource} (below's "sample": what is
 * collected, before any rate is derived). {@link RateCalculator} turns two of these into metrics. A source whose
 * sections were missing or unreadable has no reading; required ones are named in {@code warnings}.
 *
 * @param sequence         the loop's frame counter
 * @param serverTimeMicros the server's wall clock at the frame, epoch microseconds
 * @param pageSizeBytes    the server's page size (from the loop's greeting)
 * @param readings         each source's reading, by source (see {@link #get})
 * @param warnings         one sentence per section or line that could not be read
 */
public record ProcSnapshot(long sequence, long serverTimeMicros, long pageSizeBytes, Map<ProcSource<?>, Object> readings,
                           List<String> warnings) {

    public ProcSnapshot {
        readings = Map.copyOf(readings);
        warnings = List.copyOf(warnings);
    }

    /** What {@code source} read from this frame. */
    @SuppressWarnings("unchecked")
    public <R> Optional<R> get(ProcSource<R> source) {
        return Optional.ofNullable((R) readings.get(source));
    }

    /** The server's wall clock at the frame, epoch milliseconds (the points' timestamp). */
    public long serverTimeMillis() {
        return Math.floorDiv(serverTimeMicros, 1000);
    }

    /**
     * {@code /proc/uptime}'s first field: the server's monotonic clock (10 ms resolution), which rates are
     * measured against because it does not jump with the wall clock.
     */
    public OptionalDouble uptimeSeconds() {
        Optional<Double> u = get(ProcSources.UPTIME);
        return u.isPresent() ? OptionalDouble.of(u.get()) : OptionalDouble.empty();
    }

    /** {@code btime} of {@code /proc/stat}: wall clock at boot, recomputed by the kernel on every read. */
    public OptionalLong bootTimeSeconds() {
        return get(ProcSources.STAT).map(StatSource.Reading::bootTime).orElse(OptionalLong.empty());
    }
}
