package org.incidentworkbench.sample.source;

import java.util.List;

/**
 * One source of the sampler ({@code /proc/stat}, {@code /proc/meminfo}, {@code df}, ...): what the remote loop
 * prints for it, how its sections read, the metrics it yields and how they are derived. Adding a metric is one
 * implementation plus its line in {@link ProcSources#ALL} (see docs/extending.md). Implementations are
 * stateless and thread-safe.
 *
 * @param <R> what one frame's sections read into (a record of raw counters and gauges)
 */
public interface ProcSource<R> {

    /** Its part of the remote loop. */
    ShellPart shell();

    /** The metrics {@link #gauges} and {@link #rates} yield. */
    List<SampledMetric> metrics();

    /**
     * Reads this source's sections of one frame; null when they are absent or do not read. Lines that do not
     * read are named with {@link Sections#warn}; the reader never throws on remote text.
     */
    R read(Sections frame);

    /**
     * Whether a frame without a reading is worth a warning ("its metrics are missing"). False for sources that
     * are not in every frame ({@code df}) or not on every kernel (pressure stall information).
     */
    default boolean required() {
        return true;
    }

    /** The name a warning gives for a missing reading: the first file, else the first command section. */
    default String label() {
        ShellPart s = shell();
        return s.files().isEmpty() ? s.everyNth().keySet().iterator().next() : s.files().get(0);
    }

    /** Values that need only this frame (memory, load). */
    default void gauges(R now, MetricOut out) {
    }

    /**
     * Values derived from two frames {@code seconds} apart on the server's monotonic clock (counters since
     * boot into rates). A counter that went down (a wrap, a reset) yields nothing for that series in that step.
     */
    default void rates(R before, R now, double seconds, MetricOut out) {
    }
}
