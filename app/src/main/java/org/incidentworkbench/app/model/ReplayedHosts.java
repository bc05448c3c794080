package org.incidentworkbench.app.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.incidentworkbench.probe.TriageReport;

/**
 * What the hosts pane and the fleet view show during a replay: the latest recorded triage of each
 * host as of the replay time. A host without a triage by then is absent.
 *
 * @param time    the replay clock's time
 * @param reports typed reports by host name, in the order the hosts were first triaged
 */
public record ReplayedHosts(Instant time, Map<String, TriageReport> reports) {

    public ReplayedHosts {
        reports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    }
}
