package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.stage.Stage;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.IncidentService;
import org.incidentworkbench.app.services.StoreMetricSlices;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.app.ui.replay.ReplayViewModel;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Replay and training of a bundle recorded by the product's own services (a real triage of this
 * machine, a note, a confirmed hypothesis, metrics from a store): the scrubber steps through it and
 * the window shows the state as of each step; training hides the future and ends with the comparison.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayFlowTest {

    private static Path bundle;
    private WindowFixture fx;

    @BeforeAll
    static void record() throws Exception {
        Path dir = Files.createTempDirectory("replay-flow");
        IncidentService service = new IncidentService(dir.resolve("incidents"), Clock.systemUTC(), "alice", "test");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("m.mv.db"))) {
            long now = System.currentTimeMillis();
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                samples.add(new Sample(SeriesKey.of("local", SampleMetrics.CPU_USER), now - 120_000 + i * 1000L, 20 + i * 0.5));
                samples.add(new Sample(SeriesKey.of("local", SampleMetrics.MEMORY_USED), now - 120_000 + i * 1000L, 1e9 + i));
            }
            store.appendAll(samples);
            IncidentRecording r = service.open("local box is slow", "SEV-3", List.of("local"), Optional.empty());
            r.note("users say the box is slow", List.of());
            TriageReport report = TriageService.local(TriageSettings.standard()).triage("local", "local", s -> { });
            Thread.sleep(20);
            r.triage(report);
            r.chart(SampleMetrics.CPU_USER, List.of("local"), java.time.Instant.ofEpochMilli(now - 120_000), java.time.Instant.ofEpochMilli(now));
            JournalEvent.Hypothesis h = r.hypothesis("a runaway process eats the CPU");
            r.updateHypothesis(h.id(), HypothesisState.CONFIRMED, Optional.of("top shows it"));
            bundle = service.closeAndSeal(r, JournalEvent.IncidentClosed.plain(r.now(), "alice", "killed it"),
                    new StoreMetricSlices(store), List.of()).bundle();
        }
    }

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
    void scrubberStepsThroughTheIncidentAndTrainingEndsWithTheComparison(FxRobot robot) throws Exception {
        ReplayViewModel vm = fx.view.replay();
        WindowFixture.runFx(() -> fx.view.openBundle(bundle));
        WindowFixture.waitFor(10, "the bundle open", vm::isOpen);
        assertEquals(1, vm.events().size(), "at the start only the opening is visible");
        assertTrue(vm.latestReports().isEmpty());
        WindowFixture.runFx(vm::stepNext);
        WindowFixture.runFx(vm::stepNext);
        WindowFixture.waitFor(5, "the triage visible", () -> vm.latestReports().containsKey("local"));
        assertTrue(vm.events().stream().anyMatch(e -> e instanceof JournalEvent.Note));
        assertFalse(vm.events().stream().anyMatch(e -> e instanceof JournalEvent.IncidentClosed), "the future is not shown");
        assertFalse(vm.series(SampleMetrics.CPU_USER).isEmpty(), "the recorded metric is charted");
        WindowFixture.runFx(() -> vm.seekFraction(1));
        assertTrue(vm.events().stream().anyMatch(e -> e instanceof JournalEvent.IncidentClosed));
        WindowFixture.runFx(() -> vm.seekFraction(0));
        assertEquals(1, vm.events().size(), "seeking back is deterministic");

        WindowFixture.runFx(vm::startTraining);
        assertTrue(vm.trainingProperty().get());
        assertTrue(vm.trainingMessageProperty().get().startsWith("What would you do next?"));
        WindowFixture.runFx(() -> vm.answer(new TraineeMove.TriageHost("local")));
        WindowFixture.runFx(() -> vm.answer(new TraineeMove.StateHypothesis("a runaway process uses the CPU")));
        for (int i = 0; i < 5 && vm.comparisonProperty().get().isEmpty(); i++) {
            WindowFixture.runFx(() -> vm.answer(new TraineeMove.StateHypothesis("the disk is full")));
        }
        String comparison = vm.comparisonProperty().get();
        assertTrue(comparison.startsWith("You reached"), comparison);
        assertTrue(robot.lookup("#training-comparison").tryQuery().isPresent());
    }

    /**
     * At the default 1280 x 800 the replay's triage sits between the hosts pane and the journal: every finding's and the
     * coverage line's text wraps in full (no ellipsis, no sideways scrolling) so a trainee reads what was not seen.
     */
    @Test
    void theReplayedFindingsAndCoverageLineAreShownInFullAt1280(FxRobot robot) throws Exception {
        ReplayViewModel vm = fx.view.replay();
        WindowFixture.runFx(() -> fx.view.openBundle(bundle));
        WindowFixture.waitFor(10, "the bundle open", vm::isOpen);
        WindowFixture.runFx(() -> vm.seekFraction(1));
        // the replay may rebuild the pane while it catches up: look the list up again until its coverage line is laid out
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object>[] list = new javafx.scene.control.ListView[1];
        WindowFixture.waitFor(10, "the replayed findings with their coverage line laid out", () -> {
            list[0] = (javafx.scene.control.ListView<Object>) robot.lookup("#replay-tabs #findings").tryQuery().orElse(null);
            if (list[0] == null || indexOfCoverage(list[0]) < 0) {
                return false;
            }
            list[0].scrollTo(indexOfCoverage(list[0]));
            return list[0].lookupAll(".finding-title").stream()
                    .anyMatch(n -> ((javafx.scene.control.Label) n).getText().startsWith("COVERAGE"));
        });
        javafx.scene.control.ListView<Object> findings = list[0];
        List<String> cut = new ArrayList<>();
        WindowFixture.runFx(() -> {
            findings.layout();
            for (javafx.scene.Node n : findings.lookupAll(".label")) {
                javafx.scene.control.Label l = (javafx.scene.control.Label) n;
                if (l.isVisible() && l.getText() != null && !l.getText().isEmpty() && l.getScene() != null
                        && !(l.lookup(".text") instanceof javafx.scene.text.Text t && t.getText().equals(l.getText()))) {
                    cut.add(l.getText());
                }
            }
        });
        assertEquals(List.of(), cut, "labels cut with an ellipsis in the replayed findings at 1280 px");
        boolean sideways = WindowFixture.onFx(() -> findings.lookupAll(".scroll-bar").stream()
                .anyMatch(b -> b instanceof javafx.scene.control.ScrollBar sb
                        && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && sb.isVisible()));
        StringBuilder dbg = new StringBuilder();
        WindowFixture.runFx(() -> findings.lookupAll(".list-cell").forEach(c -> dbg.append(((javafx.scene.control.ListCell<?>) c).prefWidth(-1)).append("/")
                .append(((javafx.scene.layout.Region) c).getWidth()).append(" ")));
        dbg.append(" list=").append(findings.getWidth());
        assertFalse(sideways, "the findings list scrolls sideways at 1280 px: a line is wider than the pane (cells' preferred/laid-out widths: " + dbg + ")");
    }

    private static int indexOfCoverage(javafx.scene.control.ListView<Object> list) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).getClass().getSimpleName().equals("CoverageSummary")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theFirstLaunchButtonOpensASampleInTheReplayTab(FxRobot robot) throws Exception {
        robot.clickOn("#welcome-sample");
        WindowFixture.waitFor(20, "a sample open in the replay tab", () -> fx.view.replay().isOpen()
                && fx.view.tabs().getSelectionModel().getSelectedItem().getId().equals("tab-replay"));
    }

    @Test
    void aShippedSampleIsOfferedAndTrainsFromTheWindow() throws Exception {
        ReplayViewModel vm = fx.view.replay();
        WindowFixture.runFx(() -> fx.view.replayView());
        WindowFixture.waitFor(10, "the shipped samples listed", () -> !vm.samples().isEmpty());
        String sample = vm.samples().get(0);
        WindowFixture.runFx(() -> vm.openSample(sample));
        WindowFixture.waitFor(20, "the sample open", vm::isOpen);
        WindowFixture.runFx(vm::startTraining);
        assertFalse(vm.trainingHosts().isEmpty(), "the trainee is offered the sample's hosts");
        String host = vm.trainingHosts().get(0);
        WindowFixture.runFx(() -> vm.answer(new TraineeMove.TriageHost(host)));
        assertFalse(vm.trainingMessageProperty().get().isBlank());
        for (int i = 0; i < 40 && vm.comparisonProperty().get().isEmpty(); i++) {
            WindowFixture.runFx(() -> vm.answer(new TraineeMove.StateHypothesis("no idea yet")));
        }
        assertTrue(vm.comparisonProperty().get().startsWith("You reached"), vm.comparisonProperty().get());
    }

    @Test
    void postmortemIsMarkdownWithChartPngsBesideIt() throws Exception {
        ReplayViewModel vm = fx.view.replay();
        WindowFixture.runFx(() -> fx.view.openBundle(bundle));
        WindowFixture.waitFor(10, "the bundle open", vm::isOpen);
        Path out = fx.dir.resolve("postmortem");
        java.util.concurrent.atomic.AtomicReference<org.incidentworkbench.app.ui.replay.PostmortemExport.Written> written =
                new java.util.concurrent.atomic.AtomicReference<>();
        WindowFixture.runFx(() -> vm.exportPostmortem(out, written::set));
        WindowFixture.waitFor(20, "the postmortem written", () -> written.get() != null);
        String md = Files.readString(written.get().markdown());
        assertTrue(md.contains("![cpu.user](charts/cpu.user.png)"), md);
        Path png = out.resolve("charts/cpu.user.png");
        javafx.scene.image.Image img = new javafx.scene.image.Image(png.toUri().toString());
        assertEquals(1000, img.getWidth(), 0.5);
        assertEquals(List.of(png), written.get().charts(), "only the chart the responder looked at, not memory.used");
        assertTrue(md.contains("killed it"), "the closing summary is in the postmortem");
    }
}
