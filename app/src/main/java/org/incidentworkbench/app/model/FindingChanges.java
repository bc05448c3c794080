package org.incidentworkbench.app.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.findings.FindingRanking;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.TriageReport;

/**
 * What changed on a host between its previous triage and this one: findings that appeared and findings that went
 * away, matched as the triage's own ranking matches them ({@link FindingRanking#key}: rule and title with numbers
 * masked, so "/var 97 % full" then "98 % full" is one finding that stayed). Pure.
 *
 * @param added      findings of this triage that the previous one lacked
 * @param resolved   findings of the previous triage that this one lacks
 * @param comparable whether there was a previous triage to compare with; when not, {@code added} holds what the
 *                   triage itself marked new ({@link Finding#newSincePrevious}) and nothing is known resolved
 */
public record FindingChanges(List<Finding> added, List<Finding> resolved, boolean comparable) {

    public FindingChanges {
        added = List.copyOf(added);
        resolved = List.copyOf(resolved);
    }

    public static FindingChanges between(Optional<TriageReport> previous, TriageReport current) {
        if (previous.isEmpty()) {
            List<Finding> flagged = current.findings().stream().filter(f -> f.newSincePrevious().orElse(false)).toList();
            return new FindingChanges(flagged, List.of(), false);
        }
        Set<String> before = previous.get().findings().stream().map(FindingRanking::key).collect(Collectors.toSet());
        Set<String> now = current.findings().stream().map(FindingRanking::key).collect(Collectors.toSet());
        List<Finding> added = new ArrayList<>();
        current.findings().forEach(f -> {
            if (!before.contains(FindingRanking.key(f))) {
                added.add(f);
            }
        });
        Map<String, Finding> gone = new LinkedHashMap<>();
        previous.get().findings().forEach(f -> {
            if (!now.contains(FindingRanking.key(f))) {
                gone.putIfAbsent(FindingRanking.key(f), f);
            }
        });
        return new FindingChanges(added, new ArrayList<>(gone.values()), true);
    }

    /** "+2 new, 1 resolved", "no change", "+1 new" (no previous triage to compare with: "first triage"). */
    public String summary() {
        if (!comparable) {
            return added.isEmpty() ? "first triage" : "+" + added.size() + " new";
        }
        if (added.isEmpty() && resolved.isEmpty()) {
            return "no change";
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("+" + added.size() + " new");
        }
        if (!resolved.isEmpty()) {
            parts.add(resolved.size() + " resolved");
        }
        return String.join(", ", parts);
    }

    /** One line per change, for the tooltip: "new: /var is 97 % full", "resolved: load 3.2 per core". */
    public String details() {
        List<String> lines = new ArrayList<>();
        added.forEach(f -> lines.add("new: " + f.title()));
        resolved.forEach(f -> lines.add("resolved: " + f.title()));
        if (!comparable) {
            lines.add(added.isEmpty() ? "No previous triage of this host is known: nothing to compare with."
                    : "The previous triage is not at hand here: findings it had that are gone are not known.");
        } else if (lines.isEmpty()) {
            lines.add("The same findings as the previous triage.");
        }
        return String.join("\n", lines);
    }
}
