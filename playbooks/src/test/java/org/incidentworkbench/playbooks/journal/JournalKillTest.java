package org.incidentworkbench.playbooks.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a recording JVM with SIGKILL ({@code Process.destroyForcibly()} is {@code kill -9} on
 * Linux and macOS) and checks that the journal holds every event whose append had returned, that
 * a torn last line is reported, and that the incident can be continued.
 */
@Timeout(60)
class JournalKillTest {

    @TempDir
    Path dir;

    @Test
    void killedMidRecordingLosesNoCommittedEvent() throws Exception {
        Path file = dir.resolve("incident.jsonl");
        Process child = startChild(file, "loop");
        int lastCommitted = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lastCommitted = Integer.parseInt(line.substring("committed ".length()));
                if (lastCommitted == 150) {
                    break;
                }
            }
            assertEquals(150, lastCommitted, "the child stopped early: " + stderr(child));
            kill9(child);
        }

        JournalContents contents = JournalReader.read(file);
        assertTrue(contents.events().size() >= lastCommitted + 1,
                "only " + contents.events().size() + " events survived, " + (lastCommitted + 1) + " had been committed");
        for (int i = 0; i < contents.events().size(); i++) {
            assertEquals(RecordingChild.event(i), contents.events().get(i), "event " + i);
        }
        contents.problems().forEach(p -> assertEquals(JournalProblem.Kind.TORN_LAST_LINE, p.kind(), p.message()));

        int survived = contents.events().size();
        try (JournalWriter w = JournalWriter.resume(file)) {
            assertEquals(survived, w.eventsWritten());
            w.append(new JournalEvent.Marker(Instant.parse("2026-11-25T15:00:00Z"), JournalEvent.WORKBENCH_ACTOR, "recording resumed"));
        }
        JournalContents after = JournalReader.read(file);
        assertTrue(after.healthy(), after.problems().toString());
        assertEquals(survived + 1, after.events().size());
    }

    @Test
    void tornLastLineAfterKillIsReportedAndTheIncidentContinues() throws Exception {
        Path file = dir.resolve("incident.jsonl");
        Process child = startChild(file, "torn");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String last = null;
            while ((line = out.readLine()) != null && !line.equals("torn")) {
                last = line;
            }
            assertEquals("committed 19", last, "the child did not get to the torn write: " + stderr(child));
            kill9(child);
        }
        JournalContents contents = JournalReader.read(file);
        assertEquals(20, contents.events().size());
        JournalProblem torn = contents.tornLastLine().orElseThrow(() -> new AssertionError("the torn line was not reported"));
        assertEquals(21, torn.line());
        assertTrue(torn.message().contains("Line 21"), torn.message());

        try (JournalWriter w = JournalWriter.resume(file)) {
            assertEquals(torn, w.resumedFrom().tornLastLine().orElseThrow());
            for (int i = 20; i < 25; i++) {
                w.append(RecordingChild.event(i));
            }
        }
        JournalContents after = JournalReader.read(file);
        assertTrue(after.healthy(), after.problems().toString());
        assertEquals(25, after.events().size());
        for (int i = 0; i < 25; i++) {
            assertEquals(RecordingChild.event(i), after.events().get(i));
        }
    }

    private static Process startChild(Path file, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), RecordingChild.class.getName(), file.toString(), mode);
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }

    private static void kill9(Process child) throws InterruptedException {
        child.destroyForcibly();
        if (!child.waitFor(20, TimeUnit.SECONDS)) {
            fail("the child JVM did not die after SIGKILL");
        }
        assertEquals(137, child.exitValue(), "the child should have died of SIGKILL (128 + 9)");
    }

    private static String stderr(Process child) {
        try {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

}
