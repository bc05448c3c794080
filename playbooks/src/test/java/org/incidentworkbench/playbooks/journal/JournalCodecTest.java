package org.incidentworkbench.playbooks.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;

class JournalCodecTest {

    @Test
    void everyKindRoundTripsThroughOneLine() {
        List<JournalEvent> events = DiskFullIncident.events();
        assertEquals(JournalCodec.KINDS.size(), events.stream().map(JournalEvent::kind).distinct().count(),
                "the sample incident should use every kind");
        for (JournalEvent e : events) {
            byte[] line = JournalCodec.toLine(e);
            String text = new String(line, StandardCharsets.UTF_8);
            assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one physical line: " + text);
            assertTrue(text.endsWith("\n"));
            JournalCodec.Decoded decoded = JournalCodec.decode(text.trim());
            assertEquals(e, assertInstanceOf(JournalCodec.Decoded.Ok.class, decoded).event());
        }
    }

    @Test
    void lineHasTheDocumentedEnvelope() {
        JournalEvent.Note note = new JournalEvent.Note(DiskFullIncident.at(0), "alice", "two\nlines", List.of("went-well"));
        String line = new String(JournalCodec.toLine(note), StandardCharsets.UTF_8);
        assertEquals("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"note\",\"actor\":\"alice\","
                + "\"payload\":{\"text\":\"two\\nlines\",\"tags\":[\"went-well\"]}}\n", line);
    }

    @Test
    void absentOptionalFieldsReadAsEmpty() {
        JournalCodec.Decoded d = JournalCodec.decode("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"action\",\"actor\":\"bob\","
                + "\"payload\":{\"action\":\"restarted nginx\"}}");
        JournalEvent.ActionTaken a = (JournalEvent.ActionTaken) assertInstanceOf(JournalCodec.Decoded.Ok.class, d).event();
        assertEquals(Optional.empty(), a.host());
        assertEquals(Optional.empty(), a.outcome());
    }

    @Test
    void badLinesSayWhatIsWrong() {
        assertReason("{\"time\":", "not valid JSON");
        assertReason("[1,2]", "not a JSON object");
        assertReason("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"note\",\"actor\":\"a\"}", "no 'payload'");
        assertReason("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"teleport\",\"actor\":\"a\",\"payload\":{}}", "kind 'teleport'");
        assertReason("{\"time\":\"yesterday\",\"kind\":\"note\",\"actor\":\"a\",\"payload\":{\"text\":\"x\"}}", "not an ISO-8601");
        assertReason("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"hypothesis\",\"actor\":\"a\",\"payload\":{\"id\":\"h\",\"text\":\"x\",\"state\":\"maybe\"}}",
                "hypothesis payload does not fit");
        assertReason("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"note\",\"actor\":\"a\",\"payload\":{}}", "note payload does not fit");
    }

    private static void assertReason(String line, String expected) {
        JournalCodec.Decoded d = JournalCodec.decode(line);
        String reason = assertInstanceOf(JournalCodec.Decoded.Failed.class, d, line).reason();
        assertTrue(reason.contains(expected), reason);
        assertFalse(JournalCodec.tryDecode(line).isPresent());
    }
}
