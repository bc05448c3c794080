package org.incidentworkbench.playbooks.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * One line of text per journal event ("triaged web-1: critical /var is 99 % full (`fs.full`)"), shared
 * by the postmortem's timeline and the CLI's replay so an event reads the same in both. The caller
 * passes how recorded text is cleaned (redacted, made single-line) and how times are written.
 * Thread-safe (stateless).
 */
public final class EventText {

    private EventText() {
    }

    /** The findings of a triage report payload: "critical /var is 99 % full (`fs.full`); ...". */
    public static String findings(JsonNode report, UnaryOperator<String> inline) {
        List<String> parts = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            parts.add(f.path("severity").asText("?") + " " + inline.apply(f.path("title").asText("")) + " (`" + f.path("rule").asText("") + "`)");
        }
        return parts.isEmpty() ? "no findings" : String.join("; ", parts);
    }

    public static String oneLine(JournalEvent e, UnaryOperator<String> inline, Function<Instant, String> time) {
        if (e instanceof JournalEvent.IncidentOpened o) {
            return "opened the incident \"" + inline.apply(o.title()) + "\"" + (o.severity().isBlank() ? "" : " (" + inline.apply(o.severity()) + ")")
                    + (o.hosts().isEmpty() ? "" : " on " + String.join(", ", o.hosts()));
        } else if (e instanceof JournalEvent.IncidentClosed) {
            return "closed the incident";
        } else if (e instanceof JournalEvent.TriageRun t) {
            if (!t.report().path("failure").isMissingNode() && !t.report().path("failure").isNull()) {
                return "triaged " + t.host() + ": failed (" + inline.apply(t.report().path("failure").path("message").asText("unreachable")) + ")";
            }
            return "triaged " + t.host() + ": " + findings(t.report(), inline);
        } else if (e instanceof JournalEvent.CommandOutput c) {
            return "ran `" + inline.apply(c.command()).replace("`", "'") + "` on " + c.host() + " (exit " + c.exitStatus() + ")";
        } else if (e instanceof JournalEvent.ChartViewed c) {
            return "viewed " + c.metric() + " for " + String.join(", ", c.hosts()) + " (" + time.apply(c.from()) + " to " + time.apply(c.to()) + ")";
        } else if (e instanceof JournalEvent.Note n) {
            return "note: " + inline.apply(n.text()) + (n.tags().isEmpty() ? "" : " [" + String.join(", ", n.tags()) + "]");
        } else if (e instanceof JournalEvent.Hypothesis h) {
            return "hypothesis " + h.id() + " " + h.state().id() + ": " + inline.apply(h.text()) + h.reason().map(r -> " (" + inline.apply(r) + ")").orElse("");
        } else if (e instanceof JournalEvent.ActionTaken a) {
            return "action" + a.host().map(h -> " on " + h).orElse("") + ": " + inline.apply(a.action())
                    + a.outcome().map(o -> " → " + inline.apply(o)).orElse("");
        } else if (e instanceof JournalEvent.Marker m) {
            return "marker: " + inline.apply(m.label());
        }
        return e.kind();
    }
}
