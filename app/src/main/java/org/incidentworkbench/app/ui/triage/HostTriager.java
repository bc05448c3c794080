package org.incidentworkbench.app.ui.triage;

import java.util.function.Consumer;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.probe.TriageReport;

/**
 * Triages one host for the window: the app's triage service behind a one-method seam, so the
 * view-model runs against the real service in the window and in TestFX tests, with whichever
 * transport (SSH with the window's prompter, or local) the host needs.
 */
@FunctionalInterface
public interface HostTriager {

    /**
     * Triages {@code host}, reporting steps in words ("connecting", "running probes") to {@code progress}
     * from the calling thread. A host that cannot be reached is a report with a failure, not an exception.
     */
    TriageReport triage(HostEntry host, Consumer<String> progress) throws InterruptedException;
}
