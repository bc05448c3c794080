package org.incidentworkbench.findings;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule with thresholds: it holds its {@link RuleLimits} record ({@code t}: the defaults, or what a test gives)
 * and reports them for the thresholds table (docs/findings.md) and the views' colours ({@code FindingLimits}).
 */
abstract class ThresholdRule<L extends RuleLimits> implements FindingRule {

    /** This rule's thresholds. */
    protected final L t;

    protected ThresholdRule(L limits) {
        this.t = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public final Optional<RuleLimits> limits() {
        return Optional.of(t);
    }
}
