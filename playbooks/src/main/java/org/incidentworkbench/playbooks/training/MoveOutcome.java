package org.incidentworkbench.playbooks.training;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * What the session answers to a trainee's move.
 *
 * @param move      the move
 * @param number    1-based move number
 * @param matched   the responders' step this move reached for the first time, if any
 * @param evidence  the recorded event the move reveals (a triage, a command's output), if one exists
 * @param metrics   for a chart: the recorded series up to the current moment
 * @param message   one or two sentences for the trainee
 */
public record MoveOutcome(TraineeMove move, int number, Optional<ResponderStep> matched, Optional<JournalEvent> evidence,
                          List<MetricSlice> metrics, String message) {

    public MoveOutcome {
        metrics = List.copyOf(metrics);
    }
}
