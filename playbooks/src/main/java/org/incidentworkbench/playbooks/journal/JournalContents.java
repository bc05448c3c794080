package org.incidentworkbench.playbooks.journal;

import java.util.List;
import java.util.Optional;

/**
 * What a journal holds: its events in file order and the lines that were skipped.
 *
 * @param events         every complete, valid event, in the order written
 * @param problems       skipped lines, in file order; empty for a healthy journal
 * @param committedBytes length of the prefix that ends with the last complete line (a writer that
 *                       resumes the journal cuts a torn tail back to here)
 */
public record JournalContents(List<JournalEvent> events, List<JournalProblem> problems, long committedBytes) {

    public JournalContents {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /** The torn last line, if the previous writer died in the middle of writing it. */
    public Optional<JournalProblem> tornLastLine() {
        return problems.stream().filter(p -> p.kind() == JournalProblem.Kind.TORN_LAST_LINE).findFirst();
    }

    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The opening event, if the journal starts as a journal should. */
    public Optional<JournalEvent.IncidentOpened> opened() {
        return events.stream().filter(JournalEvent.IncidentOpened.class::isInstance)
                .map(JournalEvent.IncidentOpened.class::cast).findFirst();
    }

    public boolean closed() {
        return events.stream().anyMatch(JournalEvent.IncidentClosed.class::isInstance);
    }
}
