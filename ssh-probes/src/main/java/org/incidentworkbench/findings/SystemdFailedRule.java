package org.incidentworkbench.findings;

import java.util.List;
import org.incidentworkbench.parse.SystemdReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Failed systemd units ({@code systemd.failed-units}, warning): a service that crashed or did not start is
 * often the incident itself. One finding naming them all. No threshold: one failed unit is worth saying.
 * Where systemd is not running the probe's coverage says so, and there is no finding.
 */
final class SystemdFailedRule implements FindingRule {

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.get(Probes.SYSTEMD).filter(s -> s.running() && !s.failed().isEmpty()).map(s -> {
            List<String> names = s.failed().stream().map(SystemdReport.FailedUnit::unit).toList();
            String title = names.size() == 1 ? "systemd unit " + names.get(0) + " failed"
                    : names.size() + " systemd units failed: " + String.join(", ", names.subList(0, Math.min(3, names.size())))
                    + (names.size() > 3 ? ", ..." : "");
            String evidence = String.join("; ", s.failed().stream().map(u -> u.unit() + " " + u.load() + " " + u.active() + " "
                    + u.sub() + (u.description().isEmpty() ? "" : " (" + u.description() + ")")).toList());
            return List.of(new Finding(Severity.WARNING, "systemd.failed-units", "systemd", title, evidence,
                    "systemctl status " + names.get(0) + " and journalctl -u " + names.get(0) + " -n 50 say why; "
                            + "systemctl reset-failed clears the list once it is understood."));
        }).orElse(List.of());
    }
}
