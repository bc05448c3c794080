package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipFile;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.library.LibraryViewModel;
import org.incidentworkbench.app.ui.replay.ReplayViewModel;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.playbooks.library.LibraryEntry;
import org.incidentworkbench.playbooks.share.BundleSharer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The team library in the window over a folder of the five shipped samples plus a shared copy: it
 * lists and searches them, replays and trains with one click, the title tells a shared copy from an
 * original, and "Publish to library", "Export for sharing" and "Redact this" only ever write redacted copies.
 */
@ExtendWith(ApplicationExtension.class)
class LibraryFlowTest {

    static final Path SAMPLES = Path.of("src/main/resources/samples");
    static final List<String> FIVE = List.of("close-wait-leak.iwbundle", "cpu-hog.iwbundle", "disk-full.iwbundle",
            "log-flood.iwbundle", "memory-leak-oom.iwbundle");

    private WindowFixture fx;
    private Path library;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture();
        library = fx.dir.resolve("team-incidents");
        Files.createDirectories(library);
        for (String s : FIVE) {
            Files.copy(SAMPLES.resolve(s), library.resolve(s));
        }
        BundleSharer.share(IncidentBundle.open(SAMPLES.resolve("disk-full.iwbundle")), library.resolve("disk-full-shared.iwbundle"),
                new BundleSharer.Options(false, List.of(), "test", Instant.parse("2026-11-26T10:00:00Z")));
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void listsSearchesReplaysAndTrainsFromTheLibrary(FxRobot robot) throws Exception {
        WindowFixture.runFx(() -> fx.view.tabs().getSelectionModel().select(fx.view.tabs().getTabs().size() - 1));
        WindowFixture.waitFor(10, "the replay view", () -> robot.lookup("#replay-library").tryQuery().isPresent());
        robot.clickOn("#replay-library");
        WindowFixture.waitFor(5, "the library pane", () -> robot.lookup("#library-view").tryQuery().isPresent());
        LibraryViewModel lib = fx.view.library();
        WindowFixture.runFx(() -> lib.useFolder(library));
        WindowFixture.waitFor(20, "six incidents listed", () -> lib.shown().size() == 6);
        assertTrue(lib.statusProperty().get().startsWith("6 incidents in "), lib.statusProperty().get());
        assertEquals(library.toString(), fx.ctx.prefs().libraryFolder(), "the folder is remembered");

        robot.clickOn("#library-search").write("rule:fs.full");
        WindowFixture.waitFor(5, "the fs.full incidents", () -> lib.shown().size() == 3);
        assertEquals(List.of("disk-full-shared.iwbundle", "disk-full.iwbundle", "log-flood.iwbundle"),
                lib.shown().stream().map(e -> e.file().getFileName().toString()).sorted().toList());
        WindowFixture.runFx(() -> lib.queryProperty().set("role:lab title:nightly"));
        assertEquals(2, lib.shown().size(), "the shared copy keeps its hosts' role");
        WindowFixture.runFx(() -> lib.queryProperty().set("playbook:network-errors"));
        assertEquals(List.of("inventory-api stops answering"), lib.shown().stream().map(LibraryEntry::title).toList());
        WindowFixture.runFx(() -> lib.queryProperty().set("tag:action-item"));
        assertEquals(6, lib.shown().size());

        // one click replays the shared copy; the title says it is redacted
        WindowFixture.runFx(() -> lib.queryProperty().set("title:nightly"));
        ReplayViewModel vm = fx.view.replay();
        int shared = indexOf(lib, true);
        WindowFixture.runFx(() -> ((javafx.scene.control.TableView<?>) fx.view.replayView().lookup("#library-table"))
                .getSelectionModel().select(shared));
        robot.clickOn("#library-replay");
        WindowFixture.waitFor(20, "the shared copy open", () -> vm.isOpen() && vm.openBundle().orElseThrow().manifest().redactedForSharing());
        Stage stage = (Stage) fx.view.getScene().getWindow();
        WindowFixture.waitFor(5, "the title", () -> stage.getTitle().endsWith("disk-full-shared.iwbundle (redacted for sharing)"));
        WindowFixture.runFx(() -> vm.seekFraction(1));
        assertEquals(java.util.Set.of("host-1"), vm.latestReports().keySet(), "the aliased host's triage reads back typed");

        // Train opens the original and starts training; the title warns it is not redacted
        int original = indexOf(lib, false);
        WindowFixture.runFx(() -> ((javafx.scene.control.TableView<?>) fx.view.replayView().lookup("#library-table"))
                .getSelectionModel().select(original));
        robot.clickOn("#library-train");
        WindowFixture.waitFor(20, "training on the original", () -> vm.trainingProperty().get()
                && !vm.openBundle().orElseThrow().manifest().redactedForSharing());
        assertTrue(stage.getTitle().endsWith("disk-full.iwbundle (not redacted for sharing: may hold secrets)"), stage.getTitle());
    }

    static int indexOf(LibraryViewModel lib, boolean shared) {
        for (int i = 0; i < lib.shown().size(); i++) {
            if (lib.shown().get(i).shared() == shared) {
                return i;
            }
        }
        throw new AssertionError("no " + (shared ? "shared copy" : "original") + " among " + lib.shown());
    }

    @Test
    void publishingAnOriginalPutsARedactedCopyInAndMarkedTextsAreHidden(FxRobot robot) throws Exception {
        ReplayViewModel vm = fx.view.replay();
        LibraryViewModel lib = fx.view.library();
        Path team = fx.dir.resolve("another-library");
        WindowFixture.runFx(() -> lib.useFolder(team));
        WindowFixture.runFx(() -> fx.view.openBundle(SAMPLES.resolve("cpu-hog.iwbundle").toAbsolutePath()));
        WindowFixture.waitFor(20, "the original open", vm::isOpen);

        // "Redact this" on a text no pattern knows, then Export for sharing
        WindowFixture.runFx(() -> vm.markForRedaction("report-builder --month 10"));
        assertEquals(List.of("report-builder --month 10"), vm.marked());
        Path exported = fx.dir.resolve("cpu-hog-shared.iwbundle");
        AtomicReference<SharingNote> note = new AtomicReference<>();
        WindowFixture.runFx(() -> vm.exportForSharing(exported, false, note::set));
        WindowFixture.waitFor(30, "the shared copy written", () -> note.get() != null);
        assertTrue(BundleVerifier.verify(exported).ok());
        assertTrue(note.get().redactions().containsKey("marked"), note.get().redactions().toString());
        assertTrue(allText(SAMPLES.resolve("cpu-hog.iwbundle")).contains("report-builder --month 10"), "the sample does name it");
        assertFalse(allText(exported).contains("report-builder --month 10"));
        assertFalse(java.util.regex.Pattern.compile("lab-1(?![0-9])").matcher(allText(exported)).find(), "hosts are aliased");

        AtomicReference<Path> published = new AtomicReference<>();
        WindowFixture.runFx(() -> lib.publish(vm.openBundle().orElseThrow(), published::set));
        WindowFixture.waitFor(30, "published", () -> published.get() != null && lib.shown().size() == 1);
        assertEquals(team.resolve("cpu-hog-shared.iwbundle"), published.get());
        assertTrue(IncidentBundle.open(published.get()).manifest().redactedForSharing(), "only a redacted copy goes in");
        assertTrue(lib.shown().get(0).shared());
    }

    @Test
    void redactThisOnAJournalLineGoesIntoTheIncidentsOwnList(FxRobot robot) throws Exception {
        org.incidentworkbench.app.ui.incident.IncidentViewModel incident = fx.view.incident();
        WindowFixture.runFx(() -> incident.start("Checkout slow for Fabrikam-4471", "SEV-2", List.of("web-1")));
        WindowFixture.waitFor(10, "recording", incident::isRecording);
        WindowFixture.runFx(() -> incident.add(org.incidentworkbench.app.ui.incident.IncidentViewModel.EntryKind.NOTE,
                "Fabrikam-4471 says checkout takes 9 s"));
        WindowFixture.waitFor(10, "the note listed", () -> incident.events().size() == 2);
        javafx.scene.control.ListView<?> list = fx.view.journalView().list();
        WindowFixture.runFx(() -> list.getSelectionModel().select(1));
        // the line's context menu item (menus are popups Monocle does not open on a right click)
        javafx.application.Platform.runLater(() -> list.getContextMenu().getItems().stream()
                .filter(m -> "journal-redact".equals(m.getId())).findFirst().orElseThrow().fire());
        WindowFixture.waitFor(5, "the dialog", () -> robot.lookup(".text-input-dialog .text-field").tryQuery().isPresent());
        javafx.scene.control.TextField field = robot.lookup(".text-input-dialog .text-field").queryAs(javafx.scene.control.TextField.class);
        WindowFixture.runFx(() -> field.setText("Fabrikam-4471"));
        robot.clickOn(robot.lookup(".text-input-dialog .button").match(n -> ((javafx.scene.control.Button) n).isDefaultButton())
                .queryAs(javafx.scene.Node.class));
        WindowFixture.waitFor(10, "the redaction list entry recorded", () -> incident.events().stream()
                .anyMatch(org.incidentworkbench.playbooks.journal.RedactionList::isEntry));
        List<String> listed = org.incidentworkbench.playbooks.journal.RedactionList.of(List.copyOf(incident.events()));
        assertEquals(List.of("Fabrikam-4471"), listed);
    }

    static String allText(Path bundle) throws Exception {
        StringBuilder b = new StringBuilder();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (var e = zip.entries(); e.hasMoreElements(); ) {
                var entry = e.nextElement();
                b.append(entry.getName()).append('\n').append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return b.toString();
    }
}
