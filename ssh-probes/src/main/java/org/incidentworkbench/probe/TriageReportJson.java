package org.incidentworkbench.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.Parsers;

/**
 * Reads a {@link TriageReport} back from the JSON {@link Json#mapper()} wrote (the journal and
 * incident bundles store reports that way). Plain Jackson gives each {@link ProbeResult.Parsed}'s
 * {@code data} as a map; this types it again with the record class of the probe's parser, so the
 * fleet view, findings and triage view read a replayed report exactly as a live one.
 *
 * <p>The record class is taken from the parser's own declaration ({@code DfParser implements
 * OutputParser<DfReport>}) in the {@link Parsers} registry, so there is no second list to keep in
 * step. A result whose probe has no known parser, or whose data does not fit its record (a report
 * from another version), becomes {@link ProbeResult.ParseFailed} with its raw text and the reason:
 * reading never throws for one bad result.
 */
public final class TriageReportJson {

    private static final Map<String, Class<?>> RECORD_TYPES = recordTypes();

    private TriageReportJson() {
    }

    /** The record class each parser returns, by parser name (w → WReport, df → DfReport, ...). */
    public static Map<String, Class<?>> recordTypes() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (OutputParser<?> p : Parsers.all()) {
            recordType(p.getClass()).ifPresent(t -> out.put(p.info().name(), t));
        }
        return out;
    }

    /** The record class of the named probe's parser, if known. */
    public static Optional<Class<?>> recordTypeOfProbe(String probe) {
        String parser = Probes.byName(probe).map(Probe::parserName).orElse(probe);
        return Optional.ofNullable(RECORD_TYPES.get(parser));
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

    private static Optional<Class<?>> recordType(Class<?> parser) {
        for (Class<?> c = parser; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType pt && pt.getRawType() == OutputParser.class
                        && pt.getActualTypeArguments()[0] instanceof Class<?> record) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }
}
