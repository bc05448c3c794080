package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.incidentworkbench.app.model.JournalLine;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.app.ui.incident.IncidentViewModel;
import org.incidentworkbench.app.ui.metrics.ChartMarker;
import org.incidentworkbench.app.ui.metrics.ChartSeries;
import org.incidentworkbench.app.ui.replay.ReplayViewModel;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Replay and training kept apart from live work, checked on everything the window shows (every label,
 * text, field, tooltip, list, tree and table row, chart marker and series): a replayed bundle never
 * shows in the live hosts pane, Triage tab or journal, closing it leaves them as they were, and
 * training never shows an event later than its clock. The sample's host, {@code lab-1}, is also a live
 * host here, so that a replay leaking into the live screens has a row to show in.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayKeptApartTest {

    private static final String SAMPLE = "disk-full.iwbundle";
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture();
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void aReplayNeverShowsInTheLiveScreensAndClosingItLeavesThemAsTheyWere(FxRobot robot) throws Exception {
        // live work: this machine triaged, an incident recording with a note, the sample's host in the list
        WindowFixture.waitFor(10, "the host list", () -> fx.view.hosts().find("local").isPresent());
        HostRow local = fx.view.hosts().find("local").orElseThrow();
        WindowFixture.runFx(() -> {
            fx.view.hosts().addTyped("lab-1");
            fx.view.hostsView().select(List.of("local"));
            fx.view.startIncident("live: the API is slow");
        });
        WindowFixture.waitFor(10, "the live incident recording", () -> fx.view.incident().isRecording());
        WindowFixture.runFx(fx.view::triageSelected);
        WindowFixture.waitFor(30, "the live triage of this machine", () -> local.report().isPresent() && !local.triagingProperty().get());
        WindowFixture.runFx(() -> fx.view.incident().add(IncidentViewModel.EntryKind.NOTE, "live note: users see 502s"));
        WindowFixture.waitFor(10, "the live journal", () -> fx.view.incident().events().stream()
                .anyMatch(e -> e instanceof JournalEvent.TriageRun) && fx.view.incident().events().size() >= 3);
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of("local")));
        WindowFixture.waitFor(10, "the live triage shown", () -> robot.lookup("#probe-tabs").tryQuery().isPresent());
        Live before = live();
        assertTrue(before.triage().stream().anyMatch(t -> t.contains("local")), before.triage().toString());

        ReplayViewModel vm = fx.view.replay();
        java.nio.file.Path sample = org.incidentworkbench.app.model.SampleBundles.extract(SAMPLE);
        WindowFixture.runFx(() -> fx.view.openBundle(sample));
        WindowFixture.waitFor(20, "the sample open", vm::isOpen);
        WindowFixture.runFx(() -> vm.seekFraction(1));
        WindowFixture.waitFor(5, "the replay at its end", () -> vm.stateProperty().get().closed());
        assertLiveUnchanged(before, "with the replay tab in front, at the replay's end");
        // (not the Metrics tab: showing it records a chart in the live incident, as it should)
        for (String tab : List.of("tab-triage", "tab-fleet", "tab-replay")) {
            selectTab(tab);
            assertLiveUnchanged(before, "with " + tab + " in front during the replay");
        }
        WindowFixture.runFx(vm::startTraining);
        WindowFixture.runFx(() -> vm.answer(new TraineeMove.TriageHost("lab-1")));
        assertLiveUnchanged(before, "during training");

        WindowFixture.runFx(() -> robot.lookup("#replay-close").queryButton().fire());
        WindowFixture.waitFor(5, "the replay closed", () -> !vm.isOpen());
        selectTab("tab-triage");
        assertLiveUnchanged(before, "after Close replay");
    }

    @Test
    void trainingShowsNothingLaterThanItsClockAnywhereInTheWindow(FxRobot robot) throws Exception {
        ReplayViewModel vm = fx.view.replay();
        java.nio.file.Path sample = org.incidentworkbench.app.model.SampleBundles.extract(SAMPLE);
        WindowFixture.runFx(() -> fx.view.openBundle(sample));
        WindowFixture.waitFor(20, "the sample open", vm::isOpen);
        WindowFixture.runFx(() -> robot.lookup("#replay-training").queryAs(javafx.scene.control.ToggleButton.class).fire());
        WindowFixture.waitFor(5, "training", () -> vm.trainingProperty().get());
        assertNothingLaterThanTheClock(robot, "at the start");
        List<TraineeMove> moves = List.of(
                new TraineeMove.RunCommand("lab-1", "df -h /srv/iw-lab/exports"), // the responders' fourth step: reached early
                new TraineeMove.TriageHost("lab-1"),
                new TraineeMove.TriageHost("lab-1"), // again: nothing new, time passes
                new TraineeMove.StateHypothesis("old export files are never removed and filled the exports"),
                new TraineeMove.ViewChart("fs.used_pct", Optional.of("lab-1")),
                new TraineeMove.RunCommand("lab-1", "ls /srv/iw-lab/exports"),
                new TraineeMove.TriageHost("lab-1"));
        for (TraineeMove m : moves) {
            if (!vm.comparisonProperty().get().isEmpty()) {
                break;
            }
            WindowFixture.runFx(() -> vm.answer(m));
            for (String tab : List.of("Triage", "Metrics", "Journal")) {
                WindowFixture.runFx(() -> {
                    var tabs = (javafx.scene.control.TabPane) robot.lookup("#replay-tabs").query();
                    tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
                });
                assertNothingLaterThanTheClock(robot, "after '" + m.describe() + "' with the replay's " + tab + " tab in front");
            }
        }
    }

    /** Fails naming what it found when any text of an event after the training clock shows anywhere. */
    private void assertNothingLaterThanTheClock(FxRobot robot, String when) throws Exception {
        ReplayViewModel vm = fx.view.replay();
        List<String> problems = new ArrayList<>();
        WindowFixture.runFx(() -> {
            Instant clock = vm.stateProperty().get().time();
            List<SceneTexts.Found> texts = SceneTexts.of(fx.view.getScene().getRoot());
            // what the trainee may see: every event dated up to the clock (its own moves' evidence included)
            Set<String> visible = new HashSet<>();
            vm.events().forEach(e -> visible.add(JournalLine.summary(e)));
            List<String> future = new ArrayList<>();
            for (JournalEvent e : vm.timeline().orElseThrow().events()) {
                if (!e.time().isAfter(clock)) {
                    continue;
                }
                String summary = JournalLine.summary(e);
                if (!visible.contains(summary)) {
                    future.add(summary);
                }
                if (e instanceof JournalEvent.Note n) {
                    future.add(n.text());
                } else if (e instanceof JournalEvent.ActionTaken a) {
                    future.add(a.action());
                } else if (e instanceof JournalEvent.IncidentClosed c) {
                    c.summary().ifPresent(future::add);
                } else if (e instanceof JournalEvent.Hypothesis h && vm.events().stream()
                        .noneMatch(v -> v instanceof JournalEvent.Hypothesis w && w.text().equals(h.text()))) {
                    future.add(h.text());
                }
            }
            for (SceneTexts.Found f : texts) {
                for (String s : future) {
                    if (f.text().contains(s)) {
                        problems.add("a later event's text '" + s + "' in " + f);
                    }
                }
                Matcher m = DATE_TIME.matcher(f.text());
                while (m.find()) {
                    Instant t = LocalDateTime.parse(m.group(), SHOWN).atZone(ZoneId.systemDefault()).toInstant();
                    if (t.isAfter(clock.truncatedTo(ChronoUnit.SECONDS))) {
                        problems.add("the time " + m.group() + " after the clock " + clock + " in " + f);
                    }
                }
                if (f.text().matches("(?s).*their step \\d.*")) {
                    problems.add("a hint naming the responders' step in " + f);
                }
            }
            // any list of journal events (the replay's journal, the journal pane), scrolled into view or not
            fx.view.getScene().getRoot().lookupAll(".list-view").forEach(n -> ((javafx.scene.control.ListView<?>) n).getItems().forEach(i -> {
                if (i instanceof JournalEvent e && e.time().isAfter(clock)) {
                    problems.add("an event after the clock in the list " + n.getId() + ": " + JournalLine.summary(e) + " at " + e.time());
                }
            }));
            var chart = fx.view.replayView().chart();
            for (ChartMarker mk : chart.markers()) {
                if (mk.timeMillis() > clock.toEpochMilli()) {
                    problems.add("a chart marker after the clock: " + mk);
                }
            }
            for (ChartSeries s : chart.series()) {
                if (s.size() > 0 && s.time(s.size() - 1) > clock.toEpochMilli()) {
                    problems.add("chart data after the clock in " + s.label());
                }
            }
        });
        if (!problems.isEmpty()) {
            fail("Training shows the future " + when + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** What the live screens show: the hosts pane, the live Triage tab, the journal pane, and the live fleet's hosts. */
    record Live(List<String> hosts, List<String> triage, List<String> journal, List<String> fleet) {
    }

    private Live live() throws Exception {
        Live[] out = new Live[1];
        WindowFixture.runFx(() -> {
            Node triage = fx.view.tabs().getTabs().stream().filter(t -> "tab-triage".equals(t.getId())).findFirst().orElseThrow().getContent();
            out[0] = new Live(SceneTexts.textsOf(fx.view.hostsView()), SceneTexts.textsOf(triage), SceneTexts.textsOf(fx.view.journalView()),
                    fx.view.fleet().rows().stream().map(r -> r.host().name() + " " + r.figures()).toList());
        });
        return out[0];
    }

    private void assertLiveUnchanged(Live before, String when) throws Exception {
        Live now = live();
        assertEquals(before.hosts(), now.hosts(), "the hosts pane " + when);
        assertEquals(before.triage(), now.triage(), "the live Triage tab " + when);
        assertEquals(before.journal(), now.journal(), "the journal pane " + when);
        assertEquals(before.fleet(), now.fleet(), "the live fleet " + when);
        assertFalse(now.journal().stream().anyMatch(t -> t.contains("lab-1")), "nothing of the replay in the journal pane " + when);
    }

    private void selectTab(String id) throws Exception {
        WindowFixture.runFx(() -> fx.view.tabs().getSelectionModel().select(fx.view.tabs().getTabs().stream()
                .filter(t -> id.equals(t.getId())).findFirst().orElseThrow()));
    }
}
