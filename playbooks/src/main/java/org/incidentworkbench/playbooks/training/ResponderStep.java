package org.incidentworkbench.playbooks.training;

import java.time.Duration;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * One piece of evidence the responders reached: a triage, a chart, a command, or a hypothesis they
 * confirmed. The responders' path is these steps in time order.
 *
 * @param number  1-based position on the responders' path
 * @param event   the journal event that holds the evidence
 * @param elapsed time since the incident was opened
 */
public record ResponderStep(int number, JournalEvent event, Duration elapsed) {

    /** One line, for example "triaged web-1" or "confirmed: Application logs filled /var". */
    public String describe() {
        if (event instanceof JournalEvent.TriageRun t) {
            return "triaged " + t.host();
        } else if (event instanceof JournalEvent.ChartViewed c) {
            return "charted " + c.metric() + " on " + String.join(", ", c.hosts());
        } else if (event instanceof JournalEvent.CommandOutput c) {
            return "ran '" + c.command() + "' on " + c.host();
        } else if (event instanceof JournalEvent.Hypothesis h) {
            return "confirmed: " + h.text();
        }
        return event.kind();
    }
}
