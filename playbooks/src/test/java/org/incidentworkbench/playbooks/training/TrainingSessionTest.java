package org.incidentworkbench.playbooks.training;

import static org.incidentworkbench.playbooks.testing.DiskFullIncident.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ReplayState;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.incidentworkbench.playbooks.training.TrainingReport.Verdict;
import org.junit.jupiter.api.Test;

class TrainingSessionTest {

    final IncidentTimeline timeline = new IncidentTimeline(DiskFullIncident.events(), DiskFullIncident.metrics());

    @Test
    void respondersPathIsTheirEvidenceInTimeOrder() {
        List<String> path = TrainingSession.responderPath(timeline).stream().map(ResponderStep::describe).toList();
        assertEquals(List.of("triaged web-1", "triaged web-2", "charted fs.used_pct on web-1, web-2",
                "ran 'du -xsh /var/log/* | sort -h | tail -3' on web-1", "confirmed: Application logs filled /var"), path);
    }

    @Test
    void traineeSeesNothingAfterTheCurrentStep() {
        TrainingSession s = TrainingSession.over(timeline);
        ReplayState v = s.visible();
        assertEquals(at(30).minusMillis(1), v.time());
        assertEquals(2, v.eventCount(), "the opening and the detection note only");
        assertTrue(v.latestTriage().isEmpty());
        long now = v.time().toEpochMilli();
        v.metrics().forEach(m -> assertTrue(m.timestampAt(m.size() - 1) <= now));
    }

    @Test
    void aTraineeWhoFollowsTheRespondersMatchesEveryStep() {
        TrainingSession s = TrainingSession.over(timeline);
        MoveOutcome first = s.answer(new TraineeMove.TriageHost("WEB-1"));
        assertEquals(1, first.matched().orElseThrow().number());
        JournalEvent.TriageRun triage = (JournalEvent.TriageRun) first.evidence().orElseThrow();
        assertEquals(List.of("fs.full"), triage.findingRules());
        assertTrue(s.visible().latestTriage().containsKey("web-1"), "the trainee's own evidence is visible");
        s.answer(new TraineeMove.TriageHost("web-2"));
        MoveOutcome chart = s.answer(new TraineeMove.ViewChart("fs.used_pct", Optional.of("web-1")));
        assertEquals(1, chart.metrics().size());
        assertTrue(chart.metrics().get(0).timestampAt(chart.metrics().get(0).size() - 1) < at(90).toEpochMilli(),
                "chart data stops at the current moment");
        MoveOutcome du = s.answer(new TraineeMove.RunCommand("web-1", "sudo du -sh /var/*"));
        assertTrue(((JournalEvent.CommandOutput) du.evidence().orElseThrow()).output().contains("38G\t/var/log/app"));
        MoveOutcome h = s.answer(new TraineeMove.StateHypothesis("the app's log files are filling /var"));
        assertTrue(h.matched().isPresent(), h.message());
        assertTrue(h.evidence().isEmpty(), "a hypothesis is not confirmed to the trainee before the end");
        assertTrue(s.finished());
        assertThrows(IllegalStateException.class, () -> s.answer(new TraineeMove.TriageHost("web-1")));

        TrainingReport r = s.finish();
        assertEquals(5, r.reachedCount());
        assertTrue(r.steps().stream().allMatch(c -> c.verdict() == Verdict.SAME_STEP));
        assertTrue(r.unmatched().isEmpty());
        TrainingReport.PlaybookCheck p = r.playbook().orElseThrow();
        assertEquals("disk-full", p.template().id());
        assertEquals(List.of("find-full-fs", "watch-growth", "find-what-grew", "name-cause"), p.tickedByTrainee());
        assertEquals(List.of("find-full-fs", "watch-growth", "find-what-grew", "name-cause", "free-space"), p.tickedByResponders());
    }

    @Test
    void comparisonSaysWhatWasReachedSoonerLaterOrMissed() {
        TrainingSession s = TrainingSession.over(timeline);
        // move 1 goes straight to the command the responders ran fourth
        MoveOutcome m1 = s.answer(new TraineeMove.RunCommand("web-1", "du -xh /var | sort -h"));
        assertEquals(4, m1.matched().orElseThrow().number());
        assertEquals(at(30).minusMillis(1), s.now(), "reaching new evidence does not move the clock");
        // move 2 leads nowhere: time passes, the responders' triage of web-1 is revealed and missed
        MoveOutcome m2 = s.answer(new TraineeMove.RunCommand("web-1", "systemctl status nginx"));
        assertTrue(m2.matched().isEmpty());
        assertTrue(m2.message().contains("time passes"), m2.message());
        assertEquals(at(35).minusMillis(1), s.now());
        assertTrue(s.visible().latestTriage().containsKey("web-1"), "the revealed step is visible");
        // move 3 triages web-2 (responders' step 2 at the trainee's move 3: later)
        assertEquals(2, s.answer(new TraineeMove.TriageHost("web-2")).matched().orElseThrow().number());
        // move 4: a wrong hypothesis; time passes, the chart (step 3) is revealed and missed
        assertTrue(s.answer(new TraineeMove.StateHypothesis("a DNS outage")).matched().isEmpty());
        // move 5: the right hypothesis
        assertTrue(s.answer(new TraineeMove.StateHypothesis("logs filled the disk")).matched().isPresent());
        assertTrue(s.finished());

        TrainingReport r = s.finish();
        assertEquals(List.of(Verdict.MISSED, Verdict.LATER, Verdict.MISSED, Verdict.SOONER, Verdict.SAME_STEP),
                r.steps().stream().map(TrainingReport.StepComparison::verdict).toList());
        assertEquals(List.of(Optional.empty(), Optional.of(3), Optional.empty(), Optional.of(1), Optional.of(5)),
                r.steps().stream().map(TrainingReport.StepComparison::reachedAt).toList());
        assertEquals(2, r.unmatched().size());
        List<String> text = r.describe();
        assertEquals("You reached 3 of 5 pieces of evidence the responders reached, in 5 moves.", text.get(0));
        assertTrue(text.contains("  - missed   triaged web-1 (responders: step 1, 30 s in)"), text.toString());
        assertTrue(text.contains("  + sooner   ran 'du -xsh /var/log/* | sort -h | tail -3' on web-1 (responders: step 4, 1 min 30 s in): you at move 1"),
                text.toString());
        assertTrue(text.stream().anyMatch(l -> l.startsWith("Moves the responders did not make") && l.contains("systemctl status nginx")),
                text.toString());
    }

    @Test
    void finishingEarlyCountsTheRestAsMissed() {
        TrainingSession s = TrainingSession.over(timeline);
        s.answer(new TraineeMove.TriageHost("web-1"));
        TrainingReport r = s.finish();
        assertEquals(1, r.reachedCount());
        assertEquals(4, r.missed().size());
    }

    @Test
    void chartOfUnchartedMetricShowsRecordedDataButMatchesNothing() {
        TrainingSession s = TrainingSession.over(timeline);
        MoveOutcome m = s.answer(new TraineeMove.ViewChart("fs.used_pct", Optional.of("web-3")));
        assertTrue(m.matched().isEmpty());
        assertTrue(m.metrics().isEmpty());
        assertTrue(m.message().contains("no result"), m.message());
    }

    @Test
    void hostsAndMetricsOfferedAreThoseRecorded() {
        TrainingSession s = TrainingSession.over(timeline);
        assertEquals(List.of("web-1", "web-2"), s.hosts());
        assertEquals(List.of("fs.used_pct"), s.metrics());
    }

    @Test
    void hypothesisMatchingNeedsSharedWords() {
        JournalEvent.Hypothesis confirmed = (JournalEvent.Hypothesis) DiskFullIncident.events().get(7);
        assertTrue(TrainingSession.matches(new TraineeMove.StateHypothesis("Application log filling /var"), confirmed));
        assertTrue(TrainingSession.matches(new TraineeMove.StateHypothesis("logs"), confirmed) == false);
        assertFalse(TrainingSession.matches(new TraineeMove.StateHypothesis("the database is slow"), confirmed));
        assertEquals("du", TrainingSession.program("sudo LC_ALL=C /usr/bin/du -sh /var"));
    }

    /** Whatever the trainee does, nothing it sees is dated after the session's clock. */
    @Test
    void noMoveShowsAnythingDatedAfterTheClock() {
        List<TraineeMove> moves = List.of(new TraineeMove.RunCommand("web-1", "du -sh /var"), new TraineeMove.TriageHost("web-2"),
                new TraineeMove.StateHypothesis("application logs filled /var"), new TraineeMove.ViewChart("fs.used_pct", Optional.empty()),
                new TraineeMove.TriageHost("web-1"), new TraineeMove.TriageHost("web-1"));
        TrainingSession s = TrainingSession.over(timeline);
        for (TraineeMove m : moves) {
            if (s.finished()) {
                break;
            }
            MoveOutcome o = s.answer(m);
            ReplayState v = s.visible();
            for (JournalEvent e : v.events()) {
                assertFalse(e.time().isAfter(v.time()), m.describe() + " shows " + e + " after " + v.time());
            }
            o.evidence().ifPresent(e -> assertFalse(e.time().isAfter(v.time()), "evidence dated in the future: " + e));
            assertTrue(v.hypotheses().stream().noneMatch(h -> h.state() == org.incidentworkbench.playbooks.journal.HypothesisState.CONFIRMED)
                    || !v.time().isBefore(at(120)), "the confirmation is not shown before its time");
            assertFalse(o.message().matches(".*step \\d.*"), "no step number of the responders' future: " + o.message());
        }
    }

    @Test
    void aRepeatedMoveReachesNothingNewAndIsListedOnce() {
        TrainingSession s = TrainingSession.over(timeline);
        assertEquals(1, s.answer(new TraineeMove.TriageHost("web-1")).matched().orElseThrow().number());
        MoveOutcome again = s.answer(new TraineeMove.TriageHost("web-1"));
        assertTrue(again.matched().isEmpty());
        assertEquals("You have this evidence already; time passes.", again.message());
        s.answer(new TraineeMove.RunCommand("web-1", "systemctl status nginx"));
        s.answer(new TraineeMove.RunCommand("web-1", "systemctl status nginx"));
        TrainingReport r = s.finish();
        assertEquals(1, r.reachedCount());
        List<String> text = r.describe();
        assertEquals("You reached 1 of 5 pieces of evidence the responders reached, in 4 moves.", text.get(0));
        assertTrue(text.contains("Moves the responders did not make (no recorded evidence): run 'systemctl status nginx' on web-1 (2 times)."),
                text.toString());
    }

    @Test
    void aHypothesisGetsTheSameAnswerWhetherConfirmedOrNot() {
        TrainingSession right = TrainingSession.over(timeline);
        TrainingSession wrong = TrainingSession.over(timeline);
        MoveOutcome r = right.answer(new TraineeMove.StateHypothesis("application logs filled /var"));
        MoveOutcome w = wrong.answer(new TraineeMove.StateHypothesis("a DNS outage"));
        assertTrue(r.matched().isPresent());
        assertTrue(w.matched().isEmpty());
        assertEquals(w.message(), r.message());
        assertEquals(wrong.now(), right.now(), "both let time pass");
        assertEquals(wrong.visible().events(), right.visible().events());
    }

    @Test
    void evidenceRecordedAfterAnActionCannotBeReachedBeforeIt() {
        List<JournalEvent> events = new java.util.ArrayList<>(DiskFullIncident.events());
        JournalEvent.TriageRun first = (JournalEvent.TriageRun) events.get(2);
        // the responders triage web-1 again after truncating the log (the action at 150 s)
        events.add(12, new JournalEvent.TriageRun(at(170), "alice", "web-1", first.report()));
        TrainingSession s = TrainingSession.over(new IncidentTimeline(events, DiskFullIncident.metrics()));
        s.answer(new TraineeMove.RunCommand("web-1", "systemctl status nginx")); // time passes: the first triage is revealed
        MoveOutcome again = s.answer(new TraineeMove.TriageHost("web-1"));
        assertTrue(again.matched().isEmpty(), "the triage after the action is not reached early");
        assertTrue(again.evidence().isPresent(), "the trainee has the earlier triage");
        assertFalse(again.evidence().get().time().isAfter(s.now()));
    }
}
