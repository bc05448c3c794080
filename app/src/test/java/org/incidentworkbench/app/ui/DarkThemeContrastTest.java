package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.app.ui.incident.IncidentViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Every text of the dark theme is readable at WCAG AA contrast (4.5:1, 3:1 for large text), measured on
 * the rendered window: a real triage of this machine (findings, badges, probe tables), its host
 * selected (the selected row), an incident's journal, the empty search and note fields (placeholders),
 * a notification (toast), and one badge of each kind the hosts pane can draw ("ok" over an info
 * finding, warning, critical). Colours are those CSS resolved on the nodes.
 */
@ExtendWith(ApplicationExtension.class)
class DarkThemeContrastTest {

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

    private static void measure(Runnable show, List<TextContrast.Pair> into) throws Exception {
        WindowFixture.runFx(show);
        for (int i = 0; i < 3; i++) {
            WindowFixture.runFx(() -> Window.getWindows().forEach(w -> {
                w.getScene().getRoot().applyCss();
                w.getScene().getRoot().layout();
            }));
            Thread.sleep(60);
        }
        WindowFixture.runFx(() -> Window.getWindows().stream().filter(Window::isShowing).forEach(w -> into.addAll(TextContrast.of(w.getScene()))));
    }

    @Test
    void contrastRatioIsComputedAsWcagDefinesIt() {
        assertEquals(21.0, TextContrast.ratio(Color.BLACK, Color.WHITE), 1e-9);
        assertEquals(1.0, TextContrast.ratio(Color.web("#777777"), Color.web("#777777")), 1e-9);
        // #767676 on white is the classic lightest AA grey: 4.54:1
        assertEquals(4.54, TextContrast.ratio(Color.web("#767676"), Color.WHITE), 0.01);
    }

    @Test
    void everyTextOfTheDarkThemeMeetsAa(FxRobot robot) throws Exception {
        WindowFixture.waitFor(10, "the host list", () -> fx.view.hosts().find("local").isPresent());
        HostRow local = fx.view.hosts().find("local").orElseThrow();
        WindowFixture.runFx(() -> robot.lookup("#theme-button").queryAs(javafx.scene.control.ToggleButton.class).fire());
        WindowFixture.waitFor(5, "the dark theme", () -> fx.ctx.prefs().dark());
        WindowFixture.runFx(() -> {
            fx.view.hostsView().select(List.of("local"));
            fx.view.startIncident("dark theme check");
        });
        WindowFixture.waitFor(10, "recording", () -> fx.view.incident().isRecording());
        WindowFixture.runFx(fx.view::triageSelected);
        WindowFixture.waitFor(40, "the triage of this machine", () -> local.report().isPresent() && !local.triagingProperty().get());
        WindowFixture.runFx(() -> {
            fx.view.incident().add(IncidentViewModel.EntryKind.NOTE, "checked the dark theme");
            fx.view.hostsView().select(List.of("local"));
            // one badge of each kind the hosts pane draws, styled by the window's own stylesheets
            HBox badges = new HBox(4);
            for (String[] b : new String[][] {{"ok", "severity-info"}, {"2 warnings", "severity-warning"}, {"1 critical", "severity-critical"}}) {
                Label l = new Label(b[0]);
                l.getStyleClass().addAll("finding-badge", b[1]);
                badges.getChildren().add(l);
            }
            fx.view.hostsView().getChildren().add(badges);
            fx.notifier.accept(Notice.info("Triage finished", "local: 3 findings"));
        });
        WindowFixture.waitFor(10, "the report shown", () -> robot.lookup("#probe-tabs").tryQuery().isPresent());
        WindowFixture.waitFor(10, "the notification shown", () -> Window.getWindows().stream().anyMatch(w -> w.isShowing() && w != fx.view.getScene().getWindow()));
        // let CSS reach every new node
        for (int i = 0; i < 3; i++) {
            WindowFixture.runFx(() -> Window.getWindows().forEach(w -> w.getScene().getRoot().applyCss()));
            Thread.sleep(100);
        }

        // the selected host twice: the selection bar of a focused tree, then of an unfocused one
        List<TextContrast.Pair> pairs = new ArrayList<>();
        for (Runnable focus : List.<Runnable>of(() -> fx.view.hostsView().tree().requestFocus(), () -> fx.view.journalView().focusInput())) {
            WindowFixture.runFx(focus);
            WindowFixture.runFx(() -> Window.getWindows().forEach(w -> w.getScene().getRoot().applyCss()));
            WindowFixture.runFx(() -> Window.getWindows().stream().filter(Window::isShowing).forEach(w -> pairs.addAll(TextContrast.of(w.getScene()))));
        }
        // every tab, a replay in training, and the help overlay
        java.nio.file.Path sample = org.incidentworkbench.app.model.SampleBundles.extract("disk-full.iwbundle");
        WindowFixture.runFx(() -> fx.view.openBundle(sample));
        WindowFixture.waitFor(20, "the sample open", () -> fx.view.replay().isOpen());
        WindowFixture.runFx(() -> {
            fx.view.replay().startTraining();
            fx.view.replay().answer(new org.incidentworkbench.playbooks.training.TraineeMove.TriageHost("lab-1"));
        });
        for (var tab : List.copyOf(fx.view.tabs().getTabs())) {
            measure(() -> fx.view.tabs().getSelectionModel().select(tab), pairs);
        }
        measure(() -> fx.view.help().toggle(), pairs);
        assertTrue(pairs.stream().anyMatch(p -> p.where().contains("training-message")), "the training question was measured");
        assertTrue(pairs.stream().anyMatch(p -> p.where().contains("fleet-table")), "the fleet was measured");
        assertTrue(pairs.stream().anyMatch(p -> p.text().equals("ok")), "the ok badge was measured");
        assertTrue(pairs.stream().anyMatch(p -> p.text().startsWith("search hosts")), "the search placeholder was measured");
        assertTrue(pairs.stream().anyMatch(p -> p.text().equals("local") && p.where().contains("host-tree")), "the selected host was measured");
        assertTrue(pairs.stream().anyMatch(p -> p.text().contains("local: 3 findings")), "the toast was measured");
        Set<String> low = new LinkedHashSet<>();
        for (TextContrast.Pair p : pairs) {
            if (p.ratio() < p.required()) {
                low.add(p.toString());
            }
        }
        if (!low.isEmpty()) {
            fail(low.size() + " texts of the dark theme are below WCAG AA contrast:\n  " + String.join("\n  ", low));
        }
    }
}
