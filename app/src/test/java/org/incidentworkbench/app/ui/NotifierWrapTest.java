package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A notice's popup shows one short line, so it stays inside the window's corner; the status bar has the whole text. */
class NotifierWrapTest {

    @Test
    void longNoticesKeepTheirStartAndEndOnOneShortLine() {
        String path = "/tmp/workbench-screenshots3222921566939544319/incidents/20261203-081536-demo-this-machine-feels-slow.iwbundle";
        String shown = Notifier.shorten("Bundle: " + path, Notifier.LINE);
        assertEquals(Notifier.LINE, shown.length(), shown);
        assertTrue(shown.startsWith("Bundle: /tmp/workbench") && shown.endsWith("feels-slow.iwbundle") && shown.contains("\u2026"),
                shown);
        assertEquals("short text", Notifier.shorten("short text", Notifier.LINE));
        assertEquals("two lines", Notifier.shorten("two\nlines", Notifier.LINE));
    }
}
