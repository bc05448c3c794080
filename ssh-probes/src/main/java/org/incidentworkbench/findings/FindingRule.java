package org.incidentworkbench.findings;

import java.util.List;
import org.incidentworkbench.probe.TriageReport;

/** A pure function from a triage report to the findings of one USE rule. */
public interface FindingRule {
    List<Finding> apply(TriageReport report);
}
