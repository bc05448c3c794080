package org.incidentworkbench.sample;

import java.util.HashMap;
import java.util.Map;
import org.incidentworkbench.sample.source.ProcSource;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.Sections;

/**
 * Reads one {@link StreamEvent.Frame} of the {@link SamplerScript} loop into a raw {@link ProcSnapshot}: the
 * body is split into its {@code ==> NAME <==} sections (as {@code head} prints several files) and each
 * registered {@link ProcSource} reads its own; structure only, no rates (those are {@link RateCalculator}'s).
 * Sections no source claims (a newer loop's) are ignored. The bash loop sends only the lines the sources read of
 * {@code /proc/stat}, {@code /proc/meminfo}, {@code /proc/vmstat} and {@code /proc/pressure}; the POSIX sh loop
 * sends whole files: both read the same. A required source without a reading adds a sentence to the
 * snapshot's warnings; the parser never throws on remote text.
 *
 * <p>Thread-safe (stateless).
 */
public final class FrameParser {

    private FrameParser() {
    }

    /** Parses a frame (the greeting's page size is kept with the snapshot). */
    public static ProcSnapshot parse(StreamEvent.Frame frame, long pageSizeBytes) {
        Sections sections = new Sections(frame.sequence(), frame.body());
        Map<ProcSource<?>, Object> readings = new HashMap<>();
        for (ProcSource<?> source : ProcSources.ALL) {
            Object reading = source.read(sections);
            if (reading != null) {
                readings.put(source, reading);
            } else if (source.required()) {
                sections.missing(source.label());
            }
        }
        return new ProcSnapshot(frame.sequence(), frame.serverTimeMicros(), pageSizeBytes, readings, sections.warnings());
    }
}
