package org.incidentworkbench.playbooks.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalHosts;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ReplayState;

/**
 * A "Wheel of Misfortune" over a recorded incident: the trainee sees the incident only up to the
 * current step, says what to do next (triage a host, view a chart, run a command, state a
 * hypothesis), and gets the recorded evidence back when the responders had it. At the end
 * {@link #finish()} compares the trainee's path with the responders'.
 *
 * <p><b>The path.</b> The responders' path is their evidence in time order: triages, charts,
 * commands, and hypotheses they confirmed ({@link ResponderStep}). The session starts just before
 * the first step. A move that reaches evidence the trainee did not have yet keeps the clock where it
 * is; a move that reaches nothing new lets time pass: the responders' next step is revealed (and
 * counts as missed unless the trainee reached it). The session is finished when every step has
 * been reached or revealed.
 *
 * <p><b>No future.</b> Everything the trainee sees is dated at or before {@link #now()}: evidence
 * reached early is shown as the trainee's own, dated at its move; a step after an action the responders
 * took (and the trainee has not seen) cannot be reached early, since its result shows that action; a
 * repeated move reaches nothing new; and a hypothesis gets the same answer whether or not the
 * responders confirmed it.
 *
 * <p><b>Matching.</b> A triage matches the responders' triage of the same host; a chart the same
 * metric (on one of its hosts, or any host if none is given); a command the same program (first
 * word after {@code sudo}) on the same host; a hypothesis a confirmed one when they share at least
 * 40 % of its significant words (compared without an -s, -es, -ed or -ing ending and on their
 * first five letters, so "logs" meets "log" and "filling" meets "filled").
 *
 * <p>Not thread-safe: one trainee, one thread.
 */
public final class TrainingSession {

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "was", "were", "are", "is", "has", "had",
            "that", "this", "with", "from", "into", "its", "it's", "too", "because", "all", "not", "but", "after", "off");

    private final IncidentTimeline timeline;
    private final List<ResponderStep> path;
    private final Map<Integer, Integer> reachedBy = new LinkedHashMap<>();
    private final List<MoveOutcome> moves = new ArrayList<>();
    /** Responders' evidence the trainee reached, each with its copy dated at the trainee's move, in move order. */
    private final Map<JournalEvent, JournalEvent> reached = new LinkedHashMap<>();
    private int revealed;

    private TrainingSession(IncidentTimeline timeline) {
        this.timeline = timeline;
        this.path = responderPath(timeline);
    }

    public static TrainingSession over(IncidentTimeline timeline) {
        return new TrainingSession(timeline);
    }

    /** The responders' evidence in time order. */
    public static List<ResponderStep> responderPath(IncidentTimeline timeline) {
        List<ResponderStep> steps = new ArrayList<>();
        for (JournalEvent e : timeline.events()) {
            boolean evidence = e instanceof JournalEvent.TriageRun || e instanceof JournalEvent.ChartViewed
                    || e instanceof JournalEvent.CommandOutput
                    || (e instanceof JournalEvent.Hypothesis h && h.state() == HypothesisState.CONFIRMED);
            if (evidence) {
                steps.add(new ResponderStep(steps.size() + 1, e, Duration.between(timeline.start(), e.time())));
            }
        }
        return List.copyOf(steps);
    }

    public List<ResponderStep> responderPath() {
        return path;
    }

    public boolean finished() {
        return revealed >= path.size();
    }

    /** The moment the trainee stands at: just before the responders' next unrevealed step. */
    public Instant now() {
        if (finished()) {
            return timeline.end();
        }
        Instant next = path.get(revealed).event().time();
        return next.minusMillis(1).isBefore(timeline.start()) ? timeline.start() : next.minusMillis(1);
    }

    /**
     * What the trainee may see: the incident up to {@link #now()}, plus the evidence its own moves reached,
     * dated at the move (the responders' later event itself stays hidden until the clock passes it, so no
     * time, marker or line from the future shows). A confirmed hypothesis is never shown before its time:
     * the trainee's hypotheses are compared at the end.
     */
    public ReplayState visible() {
        Instant now = now();
        List<JournalEvent> events = new ArrayList<>(timeline.events().subList(0, timeline.countAtOrBefore(now)));
        reached.forEach((original, seen) -> {
            if (!events.contains(original)) {
                events.add(seen);
            }
        });
        events.sort(Comparator.comparing(JournalEvent::time));
        return ReplayState.of(now, events, timeline.metrics());
    }

    /** Who the evidence a trainee reached is credited to in the journal. */
    public static final String TRAINEE = "you (training)";

    /** A responders' event as the trainee's own: same evidence, dated at the trainee's move. */
    static JournalEvent seenAt(JournalEvent e, Instant t) {
        if (e instanceof JournalEvent.TriageRun r) {
            // the report's header time too, or the window would show when the responders triaged
            com.fasterxml.jackson.databind.JsonNode report = r.report();
            if (report instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("startedAt")) {
                report = o.deepCopy().put("startedAt", t.toString());
            }
            return new JournalEvent.TriageRun(t, TRAINEE, r.host(), report);
        }
        if (e instanceof JournalEvent.CommandOutput c) {
            return new JournalEvent.CommandOutput(t, TRAINEE, c.host(), c.command(), c.exitStatus(), c.output(), c.duration());
        }
        if (e instanceof JournalEvent.ChartViewed v) {
            Instant to = v.to().isAfter(t) ? t : v.to();
            return new JournalEvent.ChartViewed(t, TRAINEE, v.metric(), v.hosts(), v.from().isAfter(to) ? to : v.from(), to);
        }
        throw new IllegalArgumentException("Only triages, charts and commands are evidence a trainee sees early, not " + e.kind());
    }

    /** Hosts the trainee can name: every host the recording mentions. */
    public List<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        for (JournalEvent e : timeline.events()) {
            // kept as it was: hosts named only by actions taken are not offered to the trainee
            if (!(e instanceof JournalEvent.ActionTaken)) {
                hosts.addAll(JournalHosts.named(e));
            }
        }
        timeline.metrics().forEach(m -> hosts.add(m.host()));
        return List.copyOf(hosts);
    }

    /** Metric names the trainee can chart: those recorded in the bundle or charted by the responders. */
    public List<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        timeline.metrics().forEach(m -> names.add(m.metric()));
        timeline.events().stream().filter(JournalEvent.ChartViewed.class::isInstance)
                .forEach(e -> names.add(((JournalEvent.ChartViewed) e).metric()));
        return List.copyOf(names);
    }

    public List<MoveOutcome> moves() {
        return List.copyOf(moves);
    }

    /**
     * Plays one move and says what it found. A move reaches the earliest responders' step it matches that
     * the clock has not passed, unless the responders acted on the system before it (its result would
     * show the effect of an action the trainee has not seen) or an earlier move reached it already: a
     * repeated move finds nothing new, and time passes. A hypothesis always lets time pass, matched or
     * not, so that the answer does not tell whether the responders confirmed it.
     */
    public MoveOutcome answer(TraineeMove move) {
        if (finished()) {
            throw new IllegalStateException("The training session is over; call finish() for the comparison.");
        }
        int number = moves.size() + 1;
        Instant now = now();
        Optional<ResponderStep> next = path.stream().filter(s -> s.number() > revealed && matches(move, s.event())).findFirst();
        Optional<ResponderStep> fresh = next.filter(s -> !reachedBy.containsKey(s.number()) && !actedBefore(s, now));
        List<MetricSlice> metrics = move instanceof TraineeMove.ViewChart c ? chart(c) : List.of();
        MoveOutcome outcome;
        if (move instanceof TraineeMove.StateHypothesis) {
            fresh.ifPresent(s -> reachedBy.put(s.number(), number));
            outcome = new MoveOutcome(move, number, fresh, Optional.empty(), metrics,
                    "Noted: your hypothesis will be compared with the responders' conclusions at the end; time passes.");
            passTime();
        } else if (fresh.isPresent()) {
            ResponderStep s = fresh.get();
            reachedBy.put(s.number(), number);
            JournalEvent seen = seenAt(s.event(), now);
            reached.put(s.event(), seen);
            outcome = new MoveOutcome(move, number, fresh, Optional.of(seen), metrics,
                    "The responders had this evidence too; here is what they saw.");
            skipReached();
        } else {
            Optional<JournalEvent> known = known(move, now);
            String message;
            if (known.isPresent()) {
                message = "You have this evidence already; time passes.";
            } else if (move instanceof TraineeMove.ViewChart && !metrics.isEmpty()) {
                message = "The responders did not chart this by now, but the recording holds the data; time passes.";
            } else {
                message = "The responders did not do this by now, so the recording has no result for it; time passes.";
            }
            outcome = new MoveOutcome(move, number, Optional.empty(), known, metrics, message);
            passTime();
        }
        moves.add(outcome);
        return outcome;
    }

    /** Reveals the responders' next step the trainee did not reach (and any reached ones after it). */
    private void passTime() {
        skipReached();
        if (revealed < path.size()) {
            revealed++;
        }
        skipReached();
    }

    private void skipReached() {
        while (revealed < path.size() && reachedBy.containsKey(path.get(revealed).number())) {
            revealed++;
        }
    }

    /** Whether the responders acted on the system after {@code now} and before {@code step}. */
    private boolean actedBefore(ResponderStep step, Instant now) {
        return timeline.events().stream().anyMatch(e -> e instanceof JournalEvent.ActionTaken
                && e.time().isAfter(now) && e.time().isBefore(step.event().time()));
    }

    /** The evidence of this move the trainee holds already: reached by an earlier move, or in the past. */
    private Optional<JournalEvent> known(TraineeMove move, Instant now) {
        Optional<JournalEvent> earlier = reached.entrySet().stream().filter(e -> matches(move, e.getKey()))
                .map(Map.Entry::getValue).reduce((a, b) -> b);
        if (earlier.isPresent()) {
            return earlier;
        }
        return path.stream().map(ResponderStep::event).filter(e -> !(e instanceof JournalEvent.Hypothesis))
                .filter(e -> !e.time().isAfter(now) && matches(move, e)).reduce((a, b) -> b);
    }

    /** Ends the session (early, or when finished) and compares the paths. */
    public TrainingReport finish() {
        revealed = path.size();
        List<TrainingReport.StepComparison> steps = new ArrayList<>();
        for (ResponderStep s : path) {
            Integer move = reachedBy.get(s.number());
            TrainingReport.Verdict verdict = move == null ? TrainingReport.Verdict.MISSED
                    : move < s.number() ? TrainingReport.Verdict.SOONER
                    : move == s.number() ? TrainingReport.Verdict.SAME_STEP : TrainingReport.Verdict.LATER;
            steps.add(new TrainingReport.StepComparison(s, Optional.ofNullable(move), verdict));
        }
        // a move that found evidence the trainee had already is not one the responders never made
        List<MoveOutcome> unmatched = moves.stream().filter(m -> m.matched().isEmpty() && m.evidence().isEmpty()).toList();
        Optional<TrainingReport.PlaybookCheck> playbook = PlaybookTemplates.bestMatch(timeline.events()).map(t -> {
            List<String> byTrainee = t.progress(path.stream().filter(s -> reachedBy.containsKey(s.number())).map(ResponderStep::event).toList()).stream().filter(PlaybookTemplate.StepProgress::ticked)
                    .map(p -> p.step().id()).toList();
            List<String> byResponders = t.progress(timeline.events()).stream().filter(PlaybookTemplate.StepProgress::ticked)
                    .map(p -> p.step().id()).toList();
            return new TrainingReport.PlaybookCheck(t, byTrainee, byResponders);
        });
        return new TrainingReport(steps, moves, unmatched, playbook);
    }

    private List<MetricSlice> chart(TraineeMove.ViewChart c) {
        long now = now().toEpochMilli();
        return timeline.metrics().stream()
                .filter(m -> m.metric().equals(c.metric()) && c.host().map(h -> h.equalsIgnoreCase(m.host())).orElse(true))
                .map(m -> m.upTo(now)).toList();
    }

    static boolean matches(TraineeMove move, JournalEvent event) {
        if (move instanceof TraineeMove.TriageHost t && event instanceof JournalEvent.TriageRun r) {
            return t.host().trim().equalsIgnoreCase(r.host());
        }
        if (move instanceof TraineeMove.ViewChart c && event instanceof JournalEvent.ChartViewed v) {
            return c.metric().trim().equals(v.metric())
                    && c.host().map(h -> v.hosts().stream().anyMatch(h.trim()::equalsIgnoreCase)).orElse(true);
        }
        if (move instanceof TraineeMove.RunCommand c && event instanceof JournalEvent.CommandOutput o) {
            return (c.host().isBlank() || c.host().trim().equalsIgnoreCase(o.host()))
                    && program(c.command()).equals(program(o.command())) && !program(c.command()).isEmpty();
        }
        if (move instanceof TraineeMove.StateHypothesis h && event instanceof JournalEvent.Hypothesis r
                && r.state() == HypothesisState.CONFIRMED) {
            Set<String> theirs = stems(r.text());
            Set<String> mine = stems(h.text());
            long shared = theirs.stream().filter(mine::contains).count();
            return !theirs.isEmpty() && shared >= Math.max(1, Math.ceil(theirs.size() * 0.4));
        }
        return false;
    }

    /** The program a command line runs: its first word after {@code sudo} and {@code VAR=value} assignments. */
    static String program(String command) {
        for (String word : command.trim().split("\\s+")) {
            if (word.equals("sudo") || word.matches("[A-Za-z_][A-Za-z0-9_]*=.*") || word.startsWith("-")) {
                continue;
            }
            int slash = word.lastIndexOf('/');
            return slash >= 0 ? word.substring(slash + 1) : word;
        }
        return "";
    }

    static Set<String> stems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9./_-]+")) {
            w = w.replaceAll("^[./_-]+|[./_-]+$", "");
            if (w.length() < 3 || STOP_WORDS.contains(w)) {
                continue;
            }
            String stem = w.replaceAll("(ing|ed|es|s)$", "");
            stem = stem.length() >= 3 ? stem : w;
            stems.add(stem.length() > 5 ? stem.substring(0, 5) : stem);
        }
        return stems;
    }
}
