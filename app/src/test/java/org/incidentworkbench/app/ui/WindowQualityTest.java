package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The help overlay on F1, the dark theme and what the window remembers in java.util.prefs. */
@ExtendWith(ApplicationExtension.class)
class WindowQualityTest {

    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture();
        fx.show(stage, 1200, 780);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void f1ShowsEveryShortcutAndEscapeHidesIt(FxRobot robot) throws Exception {
        assertFalse(fx.view.help().isVisible());
        robot.type(KeyCode.F1);
        WindowFixture.waitFor(5, "the help overlay", () -> fx.view.help().isVisible());
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            assertTrue(robot.lookup(s.action()).tryQuery().isPresent(), "the overlay lists: " + s.action());
        }
        robot.type(KeyCode.ESCAPE);
        WindowFixture.waitFor(5, "the overlay hidden", () -> !fx.view.help().isVisible());
    }

    @Test
    void darkThemeIsAppliedAndRemembered(FxRobot robot) throws Exception {
        robot.clickOn("#theme-button");
        WindowFixture.waitFor(5, "dark.css on the scene", () -> fx.view.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
        assertTrue(fx.ctx.prefs().dark());
        robot.clickOn("#theme-button");
        WindowFixture.waitFor(5, "light.css back", () -> fx.view.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("light.css")));
        assertFalse(fx.ctx.prefs().dark());
    }

    @Test
    void layoutTabAndRecentHostsAreRemembered() throws Exception {
        WindowFixture.runFx(() -> {
            fx.view.tabs().getSelectionModel().select(1);
            fx.view.rememberLayout();
        });
        assertEquals("Fleet", fx.ctx.prefs().tab());
        double[] dividers = fx.ctx.prefs().dividers();
        assertEquals(2, dividers.length, "hosts | work | journal");
        fx.ctx.prefs().dividers(new double[] {0.25, 0.75});
        assertArrayEquals(new double[] {0.25, 0.75}, fx.ctx.prefs().dividers(), 1e-4);
        assertEquals(List.of("b", "a"), fx.ctx.prefs().touchRecent(List.of("b", "a")));
        assertEquals(List.of("c", "b", "a"), fx.ctx.prefs().touchRecent(List.of("c")));
        fx.ctx.prefs().bounds(10, 20, 1000, 700, false);
        assertEquals(1000, fx.ctx.prefs().width());
        assertEquals(700, fx.ctx.prefs().height());
    }
}
