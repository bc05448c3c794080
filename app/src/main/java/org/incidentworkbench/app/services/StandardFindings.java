package org.incidentworkbench.app.services;

import org.incidentworkbench.findings.FindingRule;
import org.incidentworkbench.findings.Findings;

/** The findings every triage in the product uses: all rules at {@code Thresholds.DEFAULTS}. */
final class StandardFindings {

    static final FindingRule RULES = Findings::evaluate;

    private StandardFindings() {
    }
}
