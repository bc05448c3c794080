package org.incidentworkbench.playbooks.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a journal written by {@link JournalWriter}. A line counts as written once its line end is
 * on disk: a last line without one is a write the previous process never finished (it died, or
 * was killed), so it is reported as {@link JournalProblem.Kind#TORN_LAST_LINE} and treated as never
 * written. A complete line that does not decode is reported with its line number and skipped.
 * Neither is fatal: the events around them are returned and the incident can be continued.
 *
 * <p>Blank lines are ignored. Thread-safe (stateless).
 */
public final class JournalReader {

    private JournalReader() {
    }

    public static JournalContents read(Path journal) throws IOException {
        return read(Files.readAllBytes(journal));
    }

    public static JournalContents read(byte[] bytes) {
        List<JournalEvent> events = new ArrayList<>();
        List<JournalProblem> problems = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        long committed = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                problems.add(new JournalProblem(lineNumber, start, JournalProblem.Kind.TORN_LAST_LINE,
                        "Line " + lineNumber + " (the last, " + (bytes.length - start) + " bytes) has no line end: the "
                                + "recording stopped while writing it, so it is treated as never written."));
                break;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isBlank()) {
                JournalCodec.Decoded decoded = JournalCodec.decode(line);
                if (decoded instanceof JournalCodec.Decoded.Ok ok) {
                    events.add(ok.event());
                } else if (decoded instanceof JournalCodec.Decoded.Failed failed) {
                    problems.add(new JournalProblem(lineNumber, start, JournalProblem.Kind.BAD_LINE,
                            "Line " + lineNumber + " was skipped because " + failed.reason() + "."));
                }
            }
            start = end + 1;
            committed = start;
        }
        return new JournalContents(events, problems, committed);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
