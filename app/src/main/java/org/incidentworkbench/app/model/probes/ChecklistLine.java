package org.incidentworkbench.app.model.probes;

import java.util.Optional;
import org.incidentworkbench.probe.Severity;

/**
 * One row of the kernel probe's checklist view: a resource, what was checked on it, the reading, and how the
 * finding rules judge it.
 *
 * @param resource the USE resource: CPU, memory, network, file handles
 * @param check    what is measured ("run queue", "cpu1 busy", "TCP retransmits")
 * @param reading  the numbers, in words ("5 runnable on 2 CPUs (2.5 per CPU)")
 * @param percent  a share in 0..100 drawn as a bar, or -1 for a reading that is not a share
 * @param level    the severity the rule gives this reading, empty when it is fine
 * @param judged   false when no rule judges the reading (a total since boot, a value without a threshold)
 */
public record ChecklistLine(String resource, String check, String reading, double percent, Optional<Severity> level,
                           boolean judged) {

    /** "ok", "warning", "critical", or "not judged". */
    public String verdict() {
        return !judged ? "not judged" : level.map(s -> s == Severity.CRITICAL ? "critical" : "warning").orElse("ok");
    }
}
