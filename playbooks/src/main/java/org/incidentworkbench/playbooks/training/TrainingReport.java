package org.incidentworkbench.playbooks.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Optional;

/**
 * The comparison at the end of a training session between the trainee's path and the responders':
 * which evidence the trainee reached and how soon (its move number against the responders' step
 * number), what it missed, and which moves led nowhere the responders went.
 *
 * @param steps      one comparison per responders' step, in their order
 * @param moves      the trainee's moves in order
 * @param unmatched  moves that reached no evidence the responders had
 * @param playbook   the built-in playbook that fits the incident best, with the trainee's ticked steps
 */
public record TrainingReport(List<StepComparison> steps, List<MoveOutcome> moves, List<MoveOutcome> unmatched,
                             Optional<PlaybookCheck> playbook) {

    public TrainingReport {
        steps = List.copyOf(steps);
        moves = List.copyOf(moves);
        unmatched = List.copyOf(unmatched);
    }

    public enum Verdict { SOONER, SAME_STEP, LATER, MISSED }

    /**
     * @param step      the responders' step
     * @param reachedAt the trainee's move number that reached it, if it did before the replay showed it
     * @param verdict   sooner, at the same step, later than the responders, or missed
     */
    public record StepComparison(ResponderStep step, Optional<Integer> reachedAt, Verdict verdict) {
    }

    /** @param template the playbook; @param tickedByTrainee its steps the trainee's own evidence ticks */
    public record PlaybookCheck(PlaybookTemplate template, List<String> tickedByTrainee, List<String> tickedByResponders) {
        public PlaybookCheck {
            tickedByTrainee = List.copyOf(tickedByTrainee);
            tickedByResponders = List.copyOf(tickedByResponders);
        }
    }

    public long reachedCount() {
        return steps.stream().filter(s -> s.verdict() != Verdict.MISSED).count();
    }

    public List<StepComparison> missed() {
        return steps.stream().filter(s -> s.verdict() == Verdict.MISSED).toList();
    }

    /** The comparison as lines of text, for the terminal. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("You reached " + reachedCount() + " of " + steps.size() + " pieces of evidence the responders reached, in "
                + moves.size() + (moves.size() == 1 ? " move." : " moves."));
        for (StepComparison c : steps) {
            String what = c.step().describe() + " (responders: step " + c.step().number() + ", "
                    + formatElapsed(c.step().elapsed()) + " in)";
            switch (c.verdict()) {
                case SOONER -> lines.add("  + sooner   " + what + ": you at move " + c.reachedAt().orElseThrow());
                case SAME_STEP -> lines.add("  + same     " + what + ": you at move " + c.reachedAt().orElseThrow());
                case LATER -> lines.add("  + later    " + what + ": you at move " + c.reachedAt().orElseThrow());
                case MISSED -> lines.add("  - missed   " + what);
            }
        }
        if (!unmatched.isEmpty()) {
            // the same move made again is listed once, with how often
            Map<String, Long> times = unmatched.stream().collect(Collectors.groupingBy(m -> m.move().describe(),
                    LinkedHashMap::new, Collectors.counting()));
            lines.add("Moves the responders did not make (no recorded evidence): " + String.join("; ", times.entrySet().stream()
                    .map(e -> e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + " times)" : "")).toList()) + ".");
        }
        playbook.ifPresent(p -> lines.add("Playbook '" + p.template().title() + "': you ticked " + p.tickedByTrainee().size()
                + " of " + p.template().steps().size() + " steps, the responders " + p.tickedByResponders().size() + "."));
        return lines;
    }

    static String formatElapsed(java.time.Duration d) {
        long s = d.getSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
