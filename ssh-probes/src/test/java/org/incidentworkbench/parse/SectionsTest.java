package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionsTest {

    @Test
    void textWithoutMarkersIsOnePart() {
        assertEquals(Map.of("", "a\nb\n"), Sections.split("a\nb\n"));
    }

    @Test
    void markersSplitNamedParts() {
        Map<String, String> parts = Sections.split("space\n" + Sections.marker("df -Pi") + "\ninodes\n");
        assertEquals(List.of("", "df -Pi"), List.copyOf(parts.keySet()));
        assertEquals("space\n", parts.get(""));
        assertEquals("inodes\n", parts.get("df -Pi"));
    }

    @Test
    void emptyTextIsOneEmptyPart() {
        assertEquals(Map.of("", ""), Sections.split(""));
    }
}
