package org.incidentworkbench.playbooks.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {

    @TempDir
    Path dir;

    @Test
    void eachAppendIsInTheFileWhenItReturns() throws IOException {
        Path file = dir.resolve("incident.jsonl");
        List<JournalEvent> events = DiskFullIncident.events();
        try (JournalWriter w = JournalWriter.create(file)) {
            for (int i = 0; i < events.size(); i++) {
                w.append(events.get(i));
                // read back while the writer is still open: nothing buffered in the JVM
                assertEquals(events.subList(0, i + 1), JournalReader.read(file).events());
            }
            assertEquals(events.size(), w.eventsWritten());
        }
        JournalContents c = JournalReader.read(file);
        assertTrue(c.healthy());
        assertEquals(Files.size(file), c.committedBytes());
    }

    @Test
    void neverOverwritesAnExistingJournal() throws IOException {
        Path file = dir.resolve("incident.jsonl");
        Files.writeString(file, "precious\n");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> JournalWriter.create(file));
        assertTrue(e.getMessage().contains("resume it"), e.getMessage());
        assertEquals("precious\n", Files.readString(file));
    }

    @Test
    void aSecondWriterOnTheSameJournalIsRefused() throws IOException {
        Path file = dir.resolve("incident.jsonl");
        try (JournalWriter w = JournalWriter.create(file)) {
            IOException e = assertThrows(IOException.class, () -> JournalWriter.resume(file));
            assertTrue(e.getMessage().contains("being recorded by another workbench"), e.getMessage());
        }
    }

    @Test
    void tornLastLineIsReportedAndCutWhenResuming() throws IOException {
        Path file = dir.resolve("incident.jsonl");
        List<JournalEvent> events = DiskFullIncident.events();
        try (JournalWriter w = JournalWriter.create(file)) {
            for (JournalEvent e : events.subList(0, 5)) {
                w.append(e);
            }
        }
        long committed = Files.size(file);
        byte[] next = JournalCodec.toLine(events.get(5));
        // the first half of the sixth line, as if the process died inside write()
        Files.write(file, java.util.Arrays.copyOf(next, next.length / 2), StandardOpenOption.APPEND);

        JournalContents read = JournalReader.read(file);
        assertEquals(events.subList(0, 5), read.events());
        JournalProblem torn = read.tornLastLine().orElseThrow();
        assertEquals(6, torn.line());
        assertEquals(committed, torn.byteOffset());
        assertTrue(torn.message().contains("treated as never written"), torn.message());

        try (JournalWriter w = JournalWriter.resume(file)) {
            assertEquals(torn, w.resumedFrom().tornLastLine().orElseThrow());
            assertEquals(5, w.eventsWritten());
            w.append(events.get(5));
        }
        JournalContents after = JournalReader.read(file);
        assertTrue(after.healthy(), after.problems().toString());
        assertEquals(events.subList(0, 6), after.events());
    }

    @Test
    void everyCutOfAFileLosesOnlyTheCutLine() throws IOException {
        Path file = dir.resolve("incident.jsonl");
        List<JournalEvent> events = DiskFullIncident.events();
        try (JournalWriter w = JournalWriter.create(file, JournalWriter.Durability.OS_BUFFER)) {
            for (JournalEvent e : events) {
                w.append(e);
            }
        }
        byte[] all = Files.readAllBytes(file);
        int complete = 0;
        for (int cut = 0; cut <= all.length; cut++) {
            if (cut > 0 && all[cut - 1] == '\n') {
                complete++;
            }
            JournalContents c = JournalReader.read(java.util.Arrays.copyOf(all, cut));
            assertEquals(events.subList(0, complete), c.events(), "cut at byte " + cut);
            boolean midLine = cut > 0 && all[cut - 1] != '\n';
            assertEquals(midLine, c.tornLastLine().isPresent(), "cut at byte " + cut);
            assertEquals(midLine ? 1 : 0, c.problems().size());
        }
    }

    @Test
    void damagedLineInTheMiddleIsSkippedWithItsLineNumber() throws IOException {
        Path file = dir.resolve("incident.jsonl");
        List<JournalEvent> events = DiskFullIncident.events();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            text.append(new String(JournalCodec.toLine(events.get(i)), StandardCharsets.UTF_8));
            if (i == 1) {
                text.append("{\"time\":\"2026-11-25T14:00:00Z\",\"kind\":\"note\",\"act\n");
            }
        }
        Files.writeString(file, text);
        JournalContents c = JournalReader.read(file);
        assertEquals(events.subList(0, 4), c.events());
        assertEquals(1, c.problems().size());
        assertEquals(3, c.problems().get(0).line());
        assertEquals(JournalProblem.Kind.BAD_LINE, c.problems().get(0).kind());
        assertTrue(c.problems().get(0).message().startsWith("Line 3 was skipped because it is not valid JSON"), c.problems().get(0).message());
        assertArrayEquals(text.toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file), "reading never changes the file");
    }
}
