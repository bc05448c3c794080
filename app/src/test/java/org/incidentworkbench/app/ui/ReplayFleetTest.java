package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.incidentworkbench.app.model.SampleBundles;
import org.incidentworkbench.app.ui.fleet.FleetRow;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.app.ui.replay.ReplayViewModel;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The whole window follows the replay clock: a shipped sample, seeked to just after its first
 * triage, shows that host in the Fleet view with the numbers of the recorded report (read from the
 * bundle's JSON here, independently of the window's typed reading), under a header saying it is a
 * replay; seeking back before the triage empties the fleet, and closing the replay brings back the
 * live (empty) fleet.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayFleetTest {

    private static final String SAMPLE = "disk-full.iwbundle";
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
    void theFleetShowsTheReplayedReportsAsOfTheReplayTime(FxRobot robot) throws Exception {
        IncidentBundle bundle = IncidentBundle.open(SampleBundles.extract(SAMPLE));
        List<JournalEvent> events = bundle.events();
        int first = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof JournalEvent.TriageRun t && t.report().path("failure").isNull()) {
                first = i;
                break;
            }
        }
        assertTrue(first > 0, "the sample " + SAMPLE + " has a successful triage after its opening");
        JournalEvent.TriageRun triage = (JournalEvent.TriageRun) events.get(first);
        double fullestPct = fullestUsedPercent(triage.report());
        assertTrue(fullestPct > 0, "the recorded df data has a used %");

        ReplayViewModel vm = fx.view.replay();
        WindowFixture.runFx(() -> fx.view.hosts().addTyped(triage.host()));
        HostRow live = fx.view.hosts().find(triage.host()).orElseThrow();
        WindowFixture.runFx(() -> vm.openSample(SAMPLE));
        WindowFixture.waitFor(20, "the sample open", vm::isOpen);
        WindowFixture.runFx(() -> fx.view.tabs().getSelectionModel().select(fx.view.tabs().getTabs().stream()
                .filter(t -> "tab-fleet".equals(t.getId())).findFirst().orElseThrow()));
        WindowFixture.waitFor(5, "the fleet view shown", () -> robot.lookup("#fleet-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<FleetRow> table = (TableView<FleetRow>) robot.lookup("#fleet-table").query();
        Label header = robot.lookup("#fleet-header").queryAs(Label.class);

        Instant start = vm.timeline().orElseThrow().start();
        Instant end = vm.timeline().orElseThrow().end();
        Instant after = triage.time().plusMillis(Math.max(1, nextTime(events, first, end).toEpochMilli() - triage.time().toEpochMilli()) / 2);
        WindowFixture.runFx(() -> vm.seekFraction(fraction(start, end, after)));
        WindowFixture.waitFor(5, "the replayed host in the fleet", () -> table.getItems().stream()
                .anyMatch(r -> r.host().name().equals(triage.host())));
        FleetRow row = table.getItems().stream().filter(r -> r.host().name().equals(triage.host())).findFirst().orElseThrow();
        assertEquals(OptionalDouble.of(fullestPct), row.figures().fullestPct(), "the fleet shows the recorded df numbers");
        assertTrue(WindowFixture.onFx(() -> header.getText().endsWith("(replay)") && header.getText().startsWith("As of ")),
                header.getText());
        assertTrue(vm.latestReports().get(triage.host()).triaged());
        assertTrue(WindowFixture.onFx(() -> live.replayingProperty().get() && live.shownReport().isPresent() && live.report().isEmpty()),
                "the hosts pane shows the replayed report, the live one untouched");
        assertTrue(WindowFixture.onFx(() -> robot.lookup(".finding-badge.replay").queryAll().stream()
                .anyMatch(n -> !((Label) n).getText().isEmpty())), "a badge marked as replay in the hosts pane");

        Instant before = triage.time().minusMillis(Math.max(1, (triage.time().toEpochMilli() - start.toEpochMilli()) / 2));
        WindowFixture.runFx(() -> vm.seekFraction(fraction(start, end, before)));
        WindowFixture.waitFor(5, "the fleet empty before the first triage", () -> table.getItems().isEmpty());
        assertTrue(WindowFixture.onFx(() -> header.getText().endsWith("(replay)")));
        assertTrue(WindowFixture.onFx(() -> live.shownReport().isEmpty()), "no badge before the host's first triage");

        WindowFixture.runFx(() -> vm.seekFraction(fraction(start, end, after)));
        WindowFixture.waitFor(5, "the replayed host back", () -> !table.getItems().isEmpty());
        WindowFixture.runFx(vm::close); // what the replay tab's "Close replay" button does
        WindowFixture.waitFor(5, "the live fleet back", () -> table.getItems().isEmpty() && !header.getText().contains("replay"));
        assertFalse(vm.isOpen());
        assertFalse(WindowFixture.onFx(() -> live.replayingProperty().get()), "the hosts pane is live again");
    }

    private static Instant nextTime(List<JournalEvent> events, int index, Instant end) {
        Instant t = events.get(index).time();
        return events.subList(index + 1, events.size()).stream().map(JournalEvent::time).filter(x -> x.isAfter(t))
                .findFirst().orElse(end.isAfter(t) ? end : t.plusMillis(2));
    }

    private static double fraction(Instant start, Instant end, Instant at) {
        return (at.toEpochMilli() - start.toEpochMilli()) / (double) (end.toEpochMilli() - start.toEpochMilli());
    }

    /** The highest used % of the df probe's filesystems, straight from the stored JSON. */
    private static double fullestUsedPercent(JsonNode report) {
        double max = -1;
        for (JsonNode r : report.path("results")) {
            if (r.path("probe").asText().equals("df")) {
                for (JsonNode fs : r.path("data").path("filesystems")) {
                    if (fs.path("usedPercent").isNumber()) {
                        max = Math.max(max, fs.path("usedPercent").asDouble());
                    }
                }
            }
        }
        return max;
    }
}
