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
 * The replay tab has a fleet of its own that follows the replay clock: a shipped sample, seeked to just
 * after its first triage, shows that host in the replay's Fleet tab with the numbers of the recorded
 * report (read from the bundle's JSON here, independently of the window's typed reading), under a
 * header saying it is a replay; seeking back before the triage empties it. The live fleet and the
 * hosts pane never show the replayed host, and stay so when the replay closes.
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
                .filter(t -> "tab-replay".equals(t.getId())).findFirst().orElseThrow()));
        WindowFixture.waitFor(5, "the replay's fleet", () -> robot.from(fx.view.replayView()).lookup("#fleet-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<FleetRow> table = (TableView<FleetRow>) robot.from(fx.view.replayView()).lookup("#fleet-table").query();
        Label header = robot.from(fx.view.replayView()).lookup("#fleet-header").queryAs(Label.class);

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
        assertTrue(WindowFixture.onFx(() -> live.report().isEmpty() && fx.view.fleet().rows().isEmpty()),
                "the live host and the live fleet know nothing of the replay");
        assertTrue(WindowFixture.onFx(() -> robot.from(fx.view.hostsView()).lookup(".finding-badge").queryAll().stream()
                .allMatch(n -> ((Label) n).getText().isEmpty())), "no badge in the hosts pane");
        // a click on the replay's fleet row shows that host's replayed triage in the replay tab
        WindowFixture.runFx(() -> fx.view.replayView().openHost(triage.host()));
        WindowFixture.waitFor(5, "the replayed triage in the replay tab", () -> robot.from(fx.view.replayView()).lookup("#probe-tabs").tryQuery().isPresent());

        Instant before = triage.time().minusMillis(Math.max(1, (triage.time().toEpochMilli() - start.toEpochMilli()) / 2));
        WindowFixture.runFx(() -> vm.seekFraction(fraction(start, end, before)));
        WindowFixture.waitFor(5, "the fleet empty before the first triage", () -> table.getItems().isEmpty());
        assertTrue(WindowFixture.onFx(() -> header.getText().endsWith("(replay)")));

        WindowFixture.runFx(() -> vm.seekFraction(fraction(start, end, after)));
        WindowFixture.waitFor(5, "the replayed host back", () -> !table.getItems().isEmpty());
        WindowFixture.runFx(vm::close); // what the replay tab's "Close replay" button does
        WindowFixture.waitFor(5, "the replay's fleet emptied", () -> table.getItems().isEmpty());
        assertFalse(vm.isOpen());
        assertTrue(WindowFixture.onFx(() -> live.report().isEmpty() && fx.view.fleet().rows().isEmpty()), "the live screens as before");
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
