package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Recording an incident in the window: open it, add a note from the keyboard (Ctrl+N), triage this
 * machine (recorded on its own), see the journal timeline and the chart markers, close and seal; the
 * bundle verifies and holds every event.
 */
@ExtendWith(ApplicationExtension.class)
class IncidentFlowTest {

    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(SshOptions.defaults().withoutAgent(), SshConfigResolver::empty);
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void recordsNotesAndTriageThenSealsAVerifiedBundle(FxRobot robot) throws Exception {
        WindowFixture.waitFor(5, "local listed", () -> fx.view.hosts().find("local").isPresent());
        WindowFixture.runFx(() -> {
            fx.view.hostsView().select(List.of("local"));
            fx.view.startIncident("local box is slow");
        });
        WindowFixture.waitFor(10, "recording", () -> fx.view.incident().isRecording());
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        robot.write("users say the box is slow");
        robot.type(KeyCode.ENTER);
        WindowFixture.waitFor(10, "the note in the journal", () -> fx.view.incident().events().stream()
                .anyMatch(e -> e instanceof JournalEvent.Note n && n.text().equals("users say the box is slow")));
        WindowFixture.runFx(() -> fx.view.incident().add(org.incidentworkbench.app.ui.incident.IncidentViewModel.EntryKind.HYPOTHESIS,
                "a runaway process"));
        WindowFixture.waitFor(10, "the hypothesis", () -> fx.view.incident().events().stream().anyMatch(e -> e instanceof JournalEvent.Hypothesis));
        WindowFixture.runFx(() -> fx.view.incident().updateHypothesis("h1", org.incidentworkbench.playbooks.journal.HypothesisState.CONFIRMED, "top shows it"));
        WindowFixture.waitFor(10, "the hypothesis confirmed", () -> fx.view.incident().events().stream()
                .anyMatch(e -> e instanceof JournalEvent.Hypothesis h && h.state() == org.incidentworkbench.playbooks.journal.HypothesisState.CONFIRMED));
        HostRow local = fx.view.hosts().find("local").orElseThrow();
        WindowFixture.runFx(() -> fx.view.triageSelected());
        WindowFixture.waitFor(30, "the triage recorded", () -> fx.view.incident().events().stream()
                .anyMatch(e -> e instanceof JournalEvent.TriageRun t && t.host().equals("local")));
        assertTrue(local.report().isPresent());
        assertTrue(fx.view.markers().size() >= 3, "opened, note and triage are chart markers: " + fx.view.markers());
        assertEquals(fx.view.incident().events().size(), fx.view.journalView().list().getItems().size(), "the timeline shows every event");

        WindowFixture.runFx(() -> fx.view.closeIncident("a runaway process; killed it"));
        WindowFixture.waitFor(30, "the sealed bundle", () -> fx.view.incident().lastBundleProperty().get() != null);
        Path bundle = fx.view.incident().lastBundleProperty().get();
        assertTrue(Files.isRegularFile(bundle));
        VerificationReport report = BundleVerifier.verify(bundle);
        assertTrue(report.ok(), report.describe());
        IncidentBundle opened = IncidentBundle.open(bundle);
        assertTrue(opened.events().stream().anyMatch(e -> e instanceof JournalEvent.IncidentClosed c
                && c.summary().orElse("").equals("a runaway process; killed it")));
        assertTrue(!fx.view.incident().isRecording());
    }
}
