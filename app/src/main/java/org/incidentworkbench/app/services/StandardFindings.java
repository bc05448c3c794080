package org.incidentworkbench.app.services;

import org.incidentworkbench.findings.FindingRule;
import org.incidentworkbench.findings.Findings;

/** The findings every triage in the product uses: all rules at their default thresholds ({@code Findings.RULES}). */
final class StandardFindings {

    static final FindingRule RULES = Findings::evaluate;

    private StandardFindings() {
    }
}
