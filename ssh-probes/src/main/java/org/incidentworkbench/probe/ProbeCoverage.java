package org.incidentworkbench.probe;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one probe could see on one host, and what it could not and why: a triage that could not read the
 * kernel log must not read like one that found the kernel log clean. Derived from the probe's result
 * (its raw text, notes and error) by {@link Probe#coverage}, so a stored report gives the same coverage.
 *
 * @param probe      the probe's name
 * @param level      {@code full}: everything there was to read was read; {@code partial}: some of it was not
 *                   (permission, a missing tool read through a weaker fallback, sudo that would prompt);
 *                   {@code none}: the probe gave no data
 * @param reasons    one sentence per thing not seen, with why; empty when full
 * @param blindSpots the error sources among them (kernel log, journal), which become findings of their own
 *                   ({@code coverage.kernel-log}, {@code coverage.journal})
 * @param variant    how the probe read it ({@link Probe#variant}): its main command, a BusyBox variant
 *                   ({@code busybox top -b -n 1}) or a {@code /proc} fallback; empty when unknown
 */
public record ProbeCoverage(String probe, Level level, List<String> reasons, List<BlindSpot> blindSpots, String variant) {

    public ProbeCoverage {
        reasons = List.copyOf(reasons);
        blindSpots = List.copyOf(blindSpots);
        variant = variant == null ? "" : variant;
    }

    /** A coverage whose variant is not known yet (see {@link #withVariant}). */
    public ProbeCoverage(String probe, Level level, List<String> reasons, List<BlindSpot> blindSpots) {
        this(probe, level, reasons, blindSpots, "");
    }

    /** The same coverage, stating the variant the probe used. */
    public ProbeCoverage withVariant(String newVariant) {
        return new ProbeCoverage(probe, level, reasons, blindSpots, newVariant);
    }

    /** How much of what the probe looks at it saw. */
    public enum Level {
        FULL, PARTIAL, NONE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * An error source the triage could not read.
     *
     * @param source {@code kernel-log} or {@code journal}
     * @param reason why, in words for the user (what could not be read, as whom)
     * @param fix    what makes it readable
     */
    public record BlindSpot(String source, String reason, String fix) {
        public static final String KERNEL_LOG = "kernel-log";
        public static final String JOURNAL = "journal";
    }

    /**
     * What any probe can say from its result alone: no data is none (with the result's error), a missing
     * tool read through its fallback or a sudo fallback is partial, anything else parsed is full.
     */
    public static ProbeCoverage basic(ProbeResult result) {
        if (!(result instanceof ProbeResult.Parsed parsed)) {
            return new ProbeCoverage(result.probe(), Level.NONE, List.of(result.error().orElse("no data")), List.of());
        }
        List<String> reasons = new ArrayList<>();
        for (String note : parsed.notes()) {
            if (note.contains(" is not installed") || note.startsWith("sudo -n ")) {
                reasons.add(note);
            }
        }
        return new ProbeCoverage(result.probe(), reasons.isEmpty() ? Level.FULL : Level.PARTIAL, reasons, List.of());
    }

    /** This coverage with more reasons and blind spots (partial at least, unless it was none). */
    public ProbeCoverage with(List<String> moreReasons, List<BlindSpot> moreBlindSpots) {
        if (moreReasons.isEmpty() && moreBlindSpots.isEmpty()) {
            return this;
        }
        List<String> r = new ArrayList<>(reasons);
        r.addAll(moreReasons);
        List<BlindSpot> b = new ArrayList<>(blindSpots);
        b.addAll(moreBlindSpots);
        return new ProbeCoverage(probe, level == Level.NONE ? Level.NONE : Level.PARTIAL, r, b, variant);
    }
}
