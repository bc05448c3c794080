package org.incidentworkbench.findings;

import java.util.List;

/**
 * A rule's thresholds: a small record, one component per number, each annotated with its
 * {@link Reason}, with a {@code DEFAULTS} constant. Tests build one directly
 * ({@code new FilesystemFullRule(new FilesystemFullRule.Limits(20, 95))}).
 */
public interface RuleLimits {

    /** The unit of each component, in component order, for the documented table. */
    List<String> units();
}
