package org.incidentworkbench.probe;

/**
 * Told about each host as soon as its triage ends, so the CLI prints and the UI shows hosts in the
 * order they finish rather than waiting for the slowest. Called from the runner's threads, once per
 * host, never concurrently (the runner serialises the calls), so an implementation may print directly.
 */
@FunctionalInterface
public interface TriageListener {

    void finished(TriageReport report);

    TriageListener NONE = report -> { };
}
