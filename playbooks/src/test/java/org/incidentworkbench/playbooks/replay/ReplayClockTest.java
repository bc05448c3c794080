package org.incidentworkbench.playbooks.replay;

import static org.incidentworkbench.playbooks.testing.DiskFullIncident.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;

class ReplayClockTest {

    final IncidentTimeline timeline = new IncidentTimeline(DiskFullIncident.events(), DiskFullIncident.metrics());
    final ManualTickSource ticks = new ManualTickSource();
    final ReplayClock clock = ReplayClock.over(timeline, ticks);

    @Test
    void startsPausedAtTheOpening() {
        assertEquals(at(0), clock.time());
        assertEquals(1, clock.state().eventCount());
        assertFalse(clock.playing());
        ticks.advance(Duration.ofMinutes(5));
        clock.tick();
        assertEquals(at(0), clock.time(), "a paused clock does not move");
    }

    @Test
    void playsAtTheChosenSpeedAndStopsAtTheEnd() {
        clock.setSpeed(10);
        clock.play();
        ticks.advance(Duration.ofSeconds(3));
        clock.tick();
        assertEquals(at(30), clock.time());
        assertEquals(3, clock.state().eventCount(), "opened, note at 5 s, triage at 30 s");
        clock.pause();
        ticks.advance(Duration.ofSeconds(100));
        clock.tick();
        assertEquals(at(30), clock.time(), "paused time does not count");
        clock.play();
        clock.setSpeed(0.5);
        ticks.advance(Duration.ofSeconds(10));
        clock.tick();
        assertEquals(at(35), clock.time());
        clock.setSpeed(100);
        ticks.advance(Duration.ofHours(1));
        clock.tick();
        assertEquals(at(600), clock.time());
        assertTrue(clock.atEnd());
        assertFalse(clock.playing(), "the clock stops at the last event");
        assertTrue(clock.state().closed());
    }

    @Test
    void speedOutsideTheRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.setSpeed(200));
        assertEquals("A replay plays from 0.5x to 100x; 200.0x is outside that range.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> clock.setSpeed(0.1));
        assertThrows(IllegalArgumentException.class, () -> clock.setSpeed(Double.NaN));
    }

    @Test
    void skippingIdleTimeCutsQuietStretches() {
        clock.setSkipIdle(true);
        clock.setMaxIdle(Duration.ofSeconds(1));
        clock.play();
        // at 1x every gap plays for at most 1 s: 13 gaps after the opening -> 13 s of wall time
        int seconds = 0;
        while (!clock.atEnd() && seconds < 1000) {
            ticks.advance(Duration.ofSeconds(1));
            clock.tick();
            seconds++;
        }
        assertEquals(13, seconds);
        assertEquals(at(600), clock.time());
    }

    @Test
    void oneBigTickEqualsManySmallOnes() {
        ManualTickSource otherTicks = new ManualTickSource();
        ReplayClock other = ReplayClock.over(timeline, otherTicks);
        for (ReplayClock c : List.of(clock, other)) {
            c.setSkipIdle(true);
            c.setSpeed(3);
            c.play();
        }
        ticks.advance(Duration.ofSeconds(7));
        clock.tick();
        for (int i = 0; i < 70; i++) {
            otherTicks.advance(Duration.ofMillis(100));
            other.tick();
        }
        assertEquals(clock.time(), other.time());
        assertEquals(clock.state(), other.state());
        assertTrue(clock.time().isAfter(at(90)), "idle stretches were skipped: " + clock.time());
    }

    @Test
    void seekIsDeterministicWhateverTheWayThere() {
        Random random = new Random(42);
        List<Instant> targets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            targets.add(at(random.nextInt(650) - 20));
        }
        for (Instant t : targets) {
            ReplayState direct = clock.seek(t);
            ReplayClock fresh = ReplayClock.over(timeline, new ManualTickSource());
            assertEquals(direct, fresh.seek(t), "seek to " + t);
            assertEquals(direct, ReplayState.at(timeline, clock.time()));
        }
        // playing to a moment gives the state a seek gives
        ReplayClock played = ReplayClock.over(timeline, ticks);
        played.setSpeed(4);
        played.play();
        for (int i = 0; i < 30; i++) {
            ticks.advance(Duration.ofSeconds(1));
            played.tick();
        }
        assertEquals(at(120), played.time());
        assertEquals(clock.seek(at(120)), played.state());
    }

    @Test
    void seekClampsToTheIncident() {
        assertEquals(at(0), clock.seek(at(-100)).time());
        assertEquals(at(600), clock.seek(at(10_000)).time());
    }

    @Test
    void stateHoldsTheLatestTriageNotesHypothesesAndMetricsUpToNow() {
        ReplayState s = clock.seek(at(100));
        assertEquals(List.of("web-1", "web-2"), List.copyOf(s.latestTriage().keySet()));
        assertEquals(1, s.notes().size());
        assertEquals(1, s.hypotheses().size());
        assertEquals(HypothesisState.OPEN, s.hypotheses().get(0).state());
        assertEquals(1, s.charts().size());
        assertEquals(1, s.commands().size());
        long now = at(100).toEpochMilli();
        for (var slice : s.metrics()) {
            assertTrue(slice.size() > 0);
            assertTrue(slice.timestampAt(slice.size() - 1) <= now, "no metric point after the current time");
        }
        assertEquals((1800 + 100) / 10 + 1, s.metrics().get(0).size(), "context before the incident is included");

        ReplayState later = clock.seek(at(130));
        assertEquals(HypothesisState.CONFIRMED, later.hypotheses().get(0).state());
        assertEquals(2, later.hypotheses().get(0).updates().size());
    }

    @Test
    void stepsMoveOneEventEachWayAndListenersSeeEveryState() {
        List<ReplayState> seen = new ArrayList<>();
        Runnable remove = clock.addListener(seen::add);
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            counts.add(clock.stepNext().eventCount());
        }
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 14, 14, 14, 14, 14, 14, 14), counts);
        assertEquals(13, seen.size(), "one notification per move; none when there is nowhere to go");
        assertEquals(at(215), clock.stepPrevious().time());
        assertEquals(13, clock.state().eventCount());
        assertEquals(at(210), clock.stepPrevious().time());
        clock.seek(at(95));
        assertEquals(at(70), clock.stepPrevious().time(), "from between events, back hides the last visible one");
        clock.seek(at(5));
        assertEquals(at(0), clock.stepPrevious().time());
        assertEquals(at(0), clock.stepPrevious().time());
        assertEquals(1, clock.state().eventCount());
        assertEquals(20, seen.size());
        assertEquals(clock.state(), seen.get(seen.size() - 1));
        remove.run();
        clock.stepNext();
        assertEquals(20, seen.size(), "a removed listener hears nothing more");
    }

    @Test
    void eventsAtTheSameInstantStepTogether() {
        List<JournalEvent> events = new ArrayList<>(DiskFullIncident.events());
        events.add(2, JournalEvent.Note.of(at(5), "bob", "same instant as the detection note"));
        ReplayClock c = ReplayClock.over(new IncidentTimeline(events, List.of()), new ManualTickSource());
        assertEquals(3, c.stepNext().eventCount());
        assertEquals(1, c.stepPrevious().eventCount());
    }

    @Test
    void wallTimeToNextEventFollowsSpeedAndIdleSkipping() {
        assertEquals(Duration.ofSeconds(5), clock.wallTimeToNextEvent());
        clock.setSpeed(10);
        assertEquals(Duration.ofMillis(500), clock.wallTimeToNextEvent());
        clock.seek(at(215));
        clock.setSkipIdle(true);
        assertEquals(Duration.ofSeconds(1), clock.wallTimeToNextEvent());
    }
}
