package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A notice's text is broken into short lines, so its popup stays inside the window's corner. */
class NotifierWrapTest {

    @Test
    void longNoticesBreakAtSpacesIntoShortLinesAndKeepEveryWord() {
        String text = "Triage finished: 3 host(s) triaged: 2 critical finding(s), 4 warning(s). New critical: web-1: Load is"
                + " 3.71 per core; db-1: /var is 97 % full\nSecond paragraph stays a paragraph.";
        String wrapped = Notifier.wrap(text, Notifier.LINE);
        assertTrue(Arrays.stream(wrapped.split("\n")).allMatch(l -> l.length() <= Notifier.LINE), wrapped);
        assertEquals(text.replace('\n', ' '), wrapped.replace('\n', ' '), "no word lost or changed");
        assertTrue(wrapped.endsWith("\nSecond paragraph stays a paragraph."), wrapped);
        assertEquals("short", Notifier.wrap("short", Notifier.LINE));
        String path = "/tmp/workbench-screenshots3222921566939544319/incidents/20261203-081536-demo-this-machine-feels-slow.iwbundle";
        String bundle = Notifier.wrap("Bundle: " + path, Notifier.LINE);
        assertTrue(Arrays.stream(bundle.split("\n")).allMatch(l -> l.length() <= Notifier.LINE), bundle);
        assertEquals("Bundle: " + path, bundle.replace("\n", "").replace("Bundle:/", "Bundle: /"), "the path is only broken");
        assertTrue(bundle.contains("incidents/\n"), "broken after a slash: " + bundle);
    }
}
