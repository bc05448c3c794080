package org.incidentworkbench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.json.Json;

/**
 * Reads a {@link TriageReport} back from the JSON {@link Json#mapper()} wrote (the journal and
 * incident bundles store reports that way). Plain Jackson gives each {@link ProbeResult.Parsed}'s
 * {@code data} as a map; this types it again with the record class of the probe's parser, so the
 * fleet view, findings and triage view read a replayed report exactly as a live one.
 *
 * <p>The record class is the probe's own ({@link Probe#type()} in {@link Probes}), so there is no
 * second list to keep in step. A result whose probe has no known parser, or whose data does not fit its record (a report
 * from another version), becomes {@link ProbeResult.ParseFailed} with its raw text and the reason:
 * reading never throws for one bad result.
 */
public final class TriageReportJson {

    private TriageReportJson() {
    }

    /** The record class of the named probe ({@link Probe#type()}), if this version has that probe. */
    public static Optional<Class<?>> recordTypeOfProbe(String probe) {
        return Probes.byName(probe).map(Probe::type);
    }

    /**
     * The report in {@code json}, with every parsed result's data typed.
     *
     * @throws IllegalArgumentException when the JSON is not a triage report at all
     */
    public static TriageReport read(JsonNode json) {
        TriageReport plain;
        try {
            plain = Json.mapper().treeToValue(json, TriageReport.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("This JSON is not a triage report this version can read: " + e.getMessage(), e);
        }
        List<ProbeResult> typed = new ArrayList<>(plain.results().size());
        for (ProbeResult r : plain.results()) {
            typed.add(r instanceof ProbeResult.Parsed p ? typed(p) : r);
        }
        return new TriageReport(plain.host(), plain.target(), plain.startedAt(), plain.duration(), plain.failure(),
                typed, plain.findings());
    }

    /** Reads a report from JSON text (as {@code workbench triage --json} prints one report). */
    public static TriageReport read(String json) {
        try {
            return read(Json.mapper().readTree(json));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("This text is not JSON: " + e.getMessage(), e);
        }
    }

    private static ProbeResult typed(ProbeResult.Parsed p) {
        Optional<Class<?>> type = recordTypeOfProbe(p.probe());
        if (type.isEmpty()) {
            return new ProbeResult.ParseFailed(p.probe(), p.raw(), p.exitStatus(), p.duration(),
                    "This version has no parser for the probe " + p.probe() + "; showing the raw text instead.");
        }
        if (p.data() == null || type.get().isInstance(p.data())) {
            return p;
        }
        try {
            Object data = Json.mapper().convertValue(p.data(), type.get());
            return new ProbeResult.Parsed(p.probe(), p.raw(), p.exitStatus(), p.duration(), data, p.warnings(), p.notes());
        } catch (RuntimeException e) {
            return new ProbeResult.ParseFailed(p.probe(), p.raw(), p.exitStatus(), p.duration(),
                    "The stored " + p.probe() + " data does not fit this version's " + type.get().getSimpleName()
                    + " (" + e.getMessage() + "); showing the raw text instead.");
        }
    }
}
