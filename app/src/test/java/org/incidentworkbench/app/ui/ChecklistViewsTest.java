package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.incidentworkbench.app.model.probes.ChecklistLine;
import org.incidentworkbench.app.model.probes.ProbeFixtures;
import org.incidentworkbench.app.ui.triage.TriageView;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.SystemdReport;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The checklist probes' views in the Triage tab: the kernel counters captured in a network namespace with real
 * retransmits, listen overflows and veth drops, and the failed units of a real {@code systemctl --failed} paste.
 */
@ExtendWith(ApplicationExtension.class)
class ChecklistViewsTest {

    static TriageReport report() throws Exception {
        String pasted;
        try (InputStream in = ChecklistViewsTest.class.getResourceAsStream("/fixtures/ubuntu-22.04/systemd--list-units-failed-pasted.out")) {
            pasted = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SystemdReport units = ((ParseOutcome.Parsed<SystemdReport>) Probes.SYSTEMD.parser().parse(pasted)).value();
        List<ProbeResult> results = List.of(
                ProbeFixtures.result(Probes.KERNEL, "kernel--netns-retransmits-listen-overflows-veth-drops.out"),
                new ProbeResult.Parsed("systemd", pasted, 0, Duration.ofMillis(5), units, List.of(), List.of()));
        TriageReport r = new TriageReport("web-1", "root@web-1:22", Instant.parse("2026-11-25T07:00:00Z"), Duration.ofSeconds(1),
                Optional.empty(), results, List.of());
        return r.withFindings(Findings.evaluate(r));
    }

    @Start
    void start(Stage stage) throws Exception {
        Scene scene = new Scene(new StackPane(TriageView.reportContent(report())), 1280, 800);
        MainView.applyTheme(scene, false);
        stage.setScene(scene);
        stage.show();
    }

    private Node openProbe(FxRobot robot, String probe) throws Exception {
        WindowFixture.runFx(() -> {
            TabPane tabs = robot.lookup("#probe-tabs").queryAs(TabPane.class);
            Tab t = tabs.getTabs().stream().filter(x -> x.getText().equals(probe)).findFirst().orElseThrow();
            tabs.getSelectionModel().select(t);
        });
        WindowFixture.waitFor(10, "the " + probe + " view", () -> robot.lookup("#probe-view-" + probe).tryQuery().isPresent()
                && robot.lookup("#probe-view-" + probe).queryAs(Node.class).isVisible());
        return robot.lookup("#probe-inner-tabs").queryAllAs(TabPane.class).stream().flatMap(p -> p.getTabs().stream())
                .filter(t -> ("probe-view-" + probe).equals(t.getId())).findFirst().orElseThrow().getContent();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theKernelChecklistMarksRetransmitsOverflowsAndDropsAsWarnings(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "kernel");
        TableView<ChecklistLine> table = (TableView<ChecklistLine>) view.lookup("#kernel-checklist");
        assertEquals(List.of("RESOURCE", "CHECK", "VERDICT", "READING"), table.getColumns().stream().map(c -> c.getText()).toList());
        assertEquals("run queue", table.getItems().get(0).check());
        List<String> warned = table.getItems().stream().filter(l -> l.verdict().equals("warning")).map(ChecklistLine::check).toList();
        assertTrue(warned.containsAll(List.of("TCP retransmits", "TCP listen overflows", "iwa errors, drops")), warned::toString);
        WindowFixture.runFx(() -> table.scrollTo(table.getItems().size() - 1));
        WindowFixture.waitFor(5, "the warning chips", () -> !table.lookupAll(".severity-chip.severity-warning").isEmpty());
    }

    @SuppressWarnings("unchecked")
    @Test
    void systemdListsTheFailedUnits(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "systemd");
        TableView<SystemdReport.FailedUnit> table = (TableView<SystemdReport.FailedUnit>) view.lookup("#systemd-failed");
        assertEquals(List.of("casper-md5check.service", "networking.service"), table.getItems().stream().map(SystemdReport.FailedUnit::unit).toList());
        assertTrue(view.lookupAll(".probe-view-summary").stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.startsWith("2 failed units")), "the summary line");
    }
}
