package org.incidentworkbench.app.ui.triage;

import java.util.function.Consumer;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.probe.TriageReport;

/**
 * The window's triage is the app's {@link TriageService}, as {@code workbench triage} uses it: "local"
 * goes to the local service, every other host to the SSH one, named as the host list names it.
 *
 * @param ssh   triage over SSH (the window's transport and prompter, the ssh config re-read per host)
 * @param local triage of this machine without SSH
 */
public record ServiceTriager(TriageService ssh, TriageService local) implements HostTriager {

    @Override
    public TriageReport triage(HostEntry host, Consumer<String> progress) {
        return (host.isLocal() ? local : ssh).triage(host.name(), host.connectTarget(), host.sudo(), progress);
    }
}
