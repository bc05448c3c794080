package org.incidentworkbench.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/** One journal event as a short line for the timeline and for chart markers ("note: pager says web-1 slow"). */
public final class JournalLine {

    private JournalLine() {
    }

    public static String summary(JournalEvent e) {
        if (e instanceof JournalEvent.Note n) {
            return "note: " + n.text();
        }
        if (e instanceof JournalEvent.Hypothesis h) {
            return "hypothesis " + h.id() + " (" + h.state().name().toLowerCase(java.util.Locale.ROOT) + "): " + h.text();
        }
        if (e instanceof JournalEvent.Marker m) {
            return "marker: " + m.label();
        }
        if (e instanceof JournalEvent.TriageRun t) {
            JsonNode f = t.report().path("findings");
            int n = f.isArray() ? f.size() : 0;
            String first = n > 0 ? ": " + f.get(0).path("title").asText() : "";
            boolean failed = t.report().path("failure").isObject();
            return "triage " + t.host() + (failed ? " (unreachable)" : " (" + n + (n == 1 ? " finding" : " findings") + first + ")");
        }
        if (e instanceof JournalEvent.ChartViewed c) {
            return "chart " + c.metric() + " for " + (c.hosts().isEmpty() ? "all hosts" : String.join(", ", c.hosts()));
        }
        if (e instanceof JournalEvent.IncidentOpened o) {
            return "opened: " + o.title();
        }
        if (e instanceof JournalEvent.IncidentClosed c) {
            return "closed" + c.summary().map(s -> ": " + s).orElse("");
        }
        if (e instanceof JournalEvent.CommandOutput c) {
            return "command on " + c.host() + ": " + c.command();
        }
        if (e instanceof JournalEvent.ActionTaken a) {
            return "action: " + a.action();
        }
        return e.kind();
    }
}
