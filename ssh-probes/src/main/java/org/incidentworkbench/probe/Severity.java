package org.incidentworkbench.probe;

/** How urgent a finding is; ordered from most to least urgent so findings sort critical-first. */
public enum Severity {
    CRITICAL, WARNING, INFO
}
