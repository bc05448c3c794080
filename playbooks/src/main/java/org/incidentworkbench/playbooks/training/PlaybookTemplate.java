package org.incidentworkbench.playbooks.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * A checklist for a common kind of incident (disk full, high load...) whose steps tick themselves
 * when the journal holds their evidence. Templates are JSON (see {@link PlaybookTemplates}):
 * <pre>
 * {"id": "disk-full", "title": "Disk full", "description": "...",
 *  "steps": [{"id": "find-full-fs", "title": "Find the full filesystem", "hint": "...",
 *             "evidence": [{"kind": "triage", "where": {"report.findings[].rule": "fs.full"}}]}]}
 * </pre>
 * A step ticks with the first event that any of its matchers accepts. Immutable.
 */
public record PlaybookTemplate(String id, String title, String description, List<Step> steps) {

    public PlaybookTemplate {
        steps = List.copyOf(steps);
    }

    /** One checklist item; {@code evidence} matchers are alternatives. */
    public record Step(String id, String title, String hint, List<EvidenceMatcher> evidence) {
        public Step {
            evidence = List.copyOf(evidence);
        }

        public boolean isEvidence(JournalEvent event) {
            return evidence.stream().anyMatch(m -> m.matches(event));
        }
    }

    /** A step and the event that ticked it, if the journal holds its evidence. */
    public record StepProgress(Step step, Optional<JournalEvent> tickedBy) {
        public boolean ticked() {
            return tickedBy.isPresent();
        }
    }

    /** Each step, ticked by the first event that is its evidence. */
    public List<StepProgress> progress(List<JournalEvent> events) {
        List<StepProgress> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(new StepProgress(s, events.stream().filter(s::isEvidence).findFirst()));
        }
        return out;
    }

    public int tickedCount(List<JournalEvent> events) {
        return (int) progress(events).stream().filter(StepProgress::ticked).count();
    }

    public static PlaybookTemplate fromJson(JsonNode node) {
        String id = required(node, "id");
        List<Step> steps = new ArrayList<>();
        JsonNode list = node.path("steps");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the template " + id + " has no 'steps' list");
        }
        for (JsonNode s : list) {
            List<EvidenceMatcher> evidence = new ArrayList<>();
            s.path("evidence").forEach(e -> evidence.add(EvidenceMatcher.fromJson(e)));
            if (evidence.isEmpty()) {
                throw new IllegalArgumentException("step " + s.path("id").asText("?") + " of " + id + " has no evidence matchers");
            }
            steps.add(new Step(required(s, "id"), required(s, "title"), s.path("hint").asText(""), evidence));
        }
        return new PlaybookTemplate(id, required(node, "title"), node.path("description").asText(""), steps);
    }

    private static String required(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new IllegalArgumentException("a playbook template needs a '" + field + "' string: " + node);
        }
        return node.get(field).asText();
    }
}
