package org.incidentworkbench.findings;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.TriageReport;

/**
 * A pure function from a triage report to the findings of one USE rule. It is a {@link Function} so a
 * {@code TriageRunner} takes it without the probe package knowing this one (no package cycle).
 */
public interface FindingRule extends Function<TriageReport, List<Finding>> {
    @Override
    List<Finding> apply(TriageReport report);

    /**
     * The findings given what the host's history says about its filling resources; rules that judge a level
     * (a filesystem, memory) override this to add the time to the limit and let it set the severity.
     */
    default List<Finding> apply(TriageReport report, Trends trends) {
        return apply(report);
    }

    /** The rule's thresholds ({@link RuleLimits}), empty for a rule without numbers. */
    default Optional<RuleLimits> limits() {
        return Optional.empty();
    }
}
