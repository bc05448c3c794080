package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The window opens inside the screen: its default 1280 x 800 on a 1280 x 720 laptop, a position on a monitor gone. */
class WindowPlacementTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 720);

    @Test
    void theDefaultSizeShrinksToASmallScreenAndIsCentred() {
        WindowPrefs.Placement p = WindowPrefs.fit(1280, 800, Double.NaN, Double.NaN, LAPTOP);
        assertEquals(1280, p.width());
        assertEquals(720, p.height());
        assertTrue(Double.isNaN(p.x()) && Double.isNaN(p.y()), "JavaFX centres it");
    }

    @Test
    void aRememberedPositionOffTheScreenComesBackOntoIt() {
        // remembered on a second monitor to the right, 1600 px wide
        WindowPrefs.Placement p = WindowPrefs.fit(1200, 700, 2100, 300, LAPTOP);
        assertEquals(1280 - 1200, p.x());
        assertEquals(720 - 700, p.y());
        WindowPrefs.Placement above = WindowPrefs.fit(1000, 600, 100, -400, new Rectangle2D(0, 24, 1280, 696));
        assertEquals(24, above.y(), "below a top panel, not under it");
    }

    @Test
    void aWindowThatFitsStaysWhereItWas() {
        WindowPrefs.Placement p = WindowPrefs.fit(1000, 600, 50, 40, LAPTOP);
        assertEquals(new WindowPrefs.Placement(50, 40, 1000, 600), p);
    }
}
