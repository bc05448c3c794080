package org.incidentworkbench.playbooks.replay;

import java.util.List;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * One hypothesis as of some moment: its latest text and state, and every update so far.
 *
 * @param id      the hypothesis id shared by its updates
 * @param text    the latest text
 * @param state   the latest state
 * @param updates every {@code hypothesis} event with this id so far, oldest first
 */
public record HypothesisStatus(String id, String text, HypothesisState state, List<JournalEvent.Hypothesis> updates) {

    public HypothesisStatus {
        updates = List.copyOf(updates);
    }
}
