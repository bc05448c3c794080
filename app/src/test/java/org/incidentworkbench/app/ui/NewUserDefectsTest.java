package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.geometry.Orientation;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.incident.IncidentViewModel;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The small defects a new user met in the window (issue 11 item 7), each checked where the user meets it. */
@ExtendWith(ApplicationExtension.class)
class NewUserDefectsTest {

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
    void ctrlTWithNothingSelectedSaysWhatToSelect(FxRobot robot) throws Exception {
        WindowFixture.waitFor(10, "the host list", () -> fx.view.hosts().find("local").isPresent());
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of()));
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WindowFixture.waitFor(5, "a notice", () -> !fx.notifier.history().isEmpty());
        var n = fx.notifier.history().get(fx.notifier.history().size() - 1);
        assertEquals("Nothing to triage", n.title());
        assertTrue(n.text().contains("Select one or more hosts") && n.text().contains("local"), n.text());
    }

    @Test
    void theImportMenuShowsKnownHostsWithItsUnderscore(FxRobot robot) throws Exception {
        MenuButton menu = robot.lookup("#host-import").queryAs(MenuButton.class);
        MenuItem known = menu.getItems().stream().filter(i -> i.getText().contains("known")).findFirst().orElseThrow();
        assertFalse(known.isMnemonicParsing(), "an underscore in a file name is not a mnemonic");
        WindowFixture.runFx(menu::show);
        WindowFixture.waitFor(5, "the menu shown", menu::isShowing);
        // what is drawn: the menu's label text, not the item's model text
        WindowFixture.waitFor(5, "~/.ssh/known_hosts drawn", () -> robot.lookup(".menu-item .label").queryAll().stream()
                .anyMatch(l -> "~/.ssh/known_hosts".equals(((javafx.scene.control.Label) l).getText())));
        WindowFixture.runFx(menu::hide);
    }

    @Test
    void helpNamesOnlyTabsThatExist() throws Exception {
        Set<String> tabs = fx.view.tabs().getTabs().stream().map(t -> t.getText()).collect(Collectors.toSet());
        Pattern tab = Pattern.compile("Show the (.+) tab");
        List<String> named = new ArrayList<>();
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            Matcher m = tab.matcher(s.action());
            if (m.matches()) {
                named.add(m.group(1));
                assertTrue(tabs.contains(m.group(1)), "help names a tab that does not exist: " + s.action() + "; tabs: " + tabs);
            }
        }
        assertEquals(tabs.size(), named.size(), "one shortcut per tab: " + named);
    }

    @Test
    void theThemeButtonSaysWhatItSwitchesTo(FxRobot robot) throws Exception {
        ToggleButton theme = robot.lookup("#theme-button").queryAs(ToggleButton.class);
        assertEquals("Dark", theme.getText(), "light now: the button offers dark");
        robot.clickOn(theme);
        WindowFixture.waitFor(5, "dark", () -> fx.ctx.prefs().dark());
        assertEquals("Light", theme.getText(), "dark now: the button offers light");
        assertTrue(theme.getTooltip().getText().startsWith("Switch to the light theme"), theme.getTooltip().getText());
    }

    @Test
    void recentHostsAreLinksNotASecondCopyOfTheHostInTheTree(FxRobot robot) throws Exception {
        WindowFixture.waitFor(10, "the host list", () -> fx.view.hosts().find("local").isPresent());
        WindowFixture.runFx(() -> {
            fx.view.hosts().addTyped("web-1 web");
        });
        WindowFixture.waitFor(5, "web-1 listed", () -> fx.view.hosts().find("web-1").isPresent());
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of("local", "web-1")));
        WindowFixture.runFx(() -> fx.view.triageSelected());
        WindowFixture.waitFor(5, "the recent links", () -> robot.lookup("#host-recent .hyperlink").queryAll().size() == 2);
        List<String> inTree = new ArrayList<>();
        WindowFixture.runFx(() -> collect(fx.view.hostsView().tree().getRoot(), inTree));
        assertEquals(inTree.stream().distinct().toList(), inTree, "each host once in the tree: " + inTree);
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of()));
        robot.clickOn(robot.lookup("#host-recent .hyperlink").queryAll().stream()
                .filter(n -> "web-1".equals(((javafx.scene.control.Hyperlink) n).getText())).findFirst().orElseThrow());
        WindowFixture.waitFor(5, "a click on the recent link selects the host",
                () -> fx.view.hosts().selected().stream().anyMatch(r -> r.name().equals("web-1")));
    }

    private static void collect(TreeItem<Object> item, List<String> out) {
        for (TreeItem<Object> c : item.getChildren()) {
            if (c.getValue() instanceof org.incidentworkbench.app.ui.hosts.HostRow r) {
                out.add(r.name());
            }
            collect(c, out);
        }
    }

    @Test
    void journalLinesWrapAndHypothesesAreDecidedByButtonAndKey(FxRobot robot) throws Exception {
        IncidentViewModel vm = fx.view.incident();
        WindowFixture.runFx(() -> fx.view.startIncident("checkout is slow"));
        WindowFixture.waitFor(10, "recording", vm::isRecording);
        String longNote = "a long note that would scroll sideways: " + "the payment provider answers slowly again ".repeat(6);
        WindowFixture.runFx(() -> vm.add(IncidentViewModel.EntryKind.NOTE, longNote));
        WindowFixture.runFx(() -> vm.add(IncidentViewModel.EntryKind.HYPOTHESIS, "the payment provider is slow"));
        WindowFixture.runFx(() -> vm.add(IncidentViewModel.EntryKind.HYPOTHESIS, "the database is locked"));
        WindowFixture.waitFor(10, "the journal lines", () -> vm.events().stream().filter(e -> e instanceof JournalEvent.Hypothesis).count() == 2);
        @SuppressWarnings("unchecked")
        ListView<JournalEvent> list = (ListView<JournalEvent>) robot.lookup("#journal-list").query();
        WindowFixture.waitFor(5, "no sideways scroll bar", () -> list.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL).noneMatch(n -> n.isVisible()));
        WindowFixture.waitFor(5, "the long note drawn wrapped, in the list's width", () -> robot.from(list).lookup(".label").queryAll().stream()
                .filter(n -> ((javafx.scene.control.Label) n).getText().startsWith("note: a long note"))
                .anyMatch(n -> n.getBoundsInLocal().getHeight() > 30 && n.localToScene(n.getBoundsInLocal()).getMaxX()
                        <= list.localToScene(list.getBoundsInLocal()).getMaxX()));

        assertFalse(WindowFixture.onFx(() -> shown(robot.lookup("#journal-confirm").query())), "no hypothesis selected: no buttons");
        WindowFixture.runFx(() -> list.getSelectionModel().select(findHypothesis(list, "the payment provider is slow")));
        WindowFixture.waitFor(5, "the buttons", () -> shown(robot.lookup("#journal-confirm").query()));
        robot.clickOn("#journal-confirm");
        WindowFixture.waitFor(5, "confirmed by the button", () -> vm.events().stream().anyMatch(e -> e instanceof JournalEvent.Hypothesis h
                && h.text().equals("the payment provider is slow") && h.state() == HypothesisState.CONFIRMED));
        WindowFixture.runFx(() -> {
            list.getSelectionModel().select(findHypothesis(list, "the database is locked"));
            list.requestFocus();
        });
        robot.type(KeyCode.R);
        WindowFixture.waitFor(5, "rejected by the R key", () -> vm.events().stream().anyMatch(e -> e instanceof JournalEvent.Hypothesis h
                && h.text().equals("the database is locked") && h.state() == HypothesisState.REJECTED));
    }

    private static boolean shown(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static int findHypothesis(ListView<JournalEvent> list, String text) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i) instanceof JournalEvent.Hypothesis h && h.text().equals(text)) {
                return i;
            }
        }
        throw new AssertionError("no hypothesis '" + text + "' in the journal");
    }
}
