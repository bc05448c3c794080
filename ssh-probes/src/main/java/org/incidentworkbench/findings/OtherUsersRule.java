package org.incidentworkbench.findings;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.incidentworkbench.parse.WReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Someone else is logged in: triage runs over an exec channel without a terminal, so every session
 * {@code w} lists is another person (or an old forgotten one; with {@code --local}, possibly the user's own
 * terminal). Info: coordinate before changing things.
 */
final class OtherUsersRule implements FindingRule {

    @Override
    public List<Finding> apply(TriageReport report) {
        return report.get(Probes.W).filter(w -> !w.sessions().isEmpty()).map(w -> {
            Set<String> who = new LinkedHashSet<>();
            for (WReport.Session s : w.sessions()) {
                who.add(s.user() + "@" + s.tty() + s.from().map(f -> " from " + f).orElse("")
                        + s.idle().map(i -> " idle " + i).orElse(""));
            }
            return List.of(new Finding(Severity.INFO, "users.logged-in", "w",
                    w.sessions().size() + (w.sessions().size() == 1 ? " login session is" : " login sessions are") + " open",
                    String.join("; ", who),
                    "Triage itself opens no terminal session, so these are people (or forgotten sessions; with --local, "
                            + "possibly your own): check with them before restarting or changing anything."));
        }).orElse(List.of());
    }
}
