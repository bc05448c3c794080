package org.incidentworkbench.app.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.TriageReport;

/**
 * The display tables of each parsed probe, computed on the triage thread right after the report
 * arrives, so that showing a report costs the FX thread only the building of nodes (the JSON walk of a
 * ps table with hundreds of processes is measurable). Weakly keyed by result; thread-safe.
 */
public final class ReportTables {

    private static final Map<ProbeResult, List<DataTable>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private ReportTables() {
    }

    public static void precompute(TriageReport report) {
        for (ProbeResult r : report.results()) {
            if (r instanceof ProbeResult.Parsed p && p.data() != null) {
                CACHE.put(r, DataTable.of(p.data()));
            }
        }
    }

    public static List<DataTable> of(ProbeResult.Parsed p) {
        List<DataTable> t = CACHE.get(p);
        return t != null ? t : DataTable.of(p.data());
    }
}
