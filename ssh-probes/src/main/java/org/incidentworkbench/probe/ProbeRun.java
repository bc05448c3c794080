package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one probe's fragment did inside a {@link TriageScript}, before parsing: its text (exactly the
 * contract-A text the parser reads), its stderr, exit status, duration on the server's clock, whether
 * it began and ended, whether output beyond its cap was discarded, and the tools it found missing.
 *
 * @param name      the probe's name
 * @param text      the probe text, marker and note lines removed
 * @param stderr    what the probe wrote to stderr
 * @param began     its begin line arrived
 * @param ended     its end line arrived (it ran to completion or was killed by its own timeout)
 * @param exitStatus the fragment's exit status, when it ended
 * @param duration  from begin to end on the server's {@code /proc/uptime} (10 ms resolution), when both arrived
 * @param truncated output beyond the probe's cap was discarded on the server
 * @param missing   tools the fragment reported missing
 * @param sudoRefused per command that {@code --sudo} asked to run through {@code sudo -n} and sudo refused or would
 *                  have prompted for: {@code "CMD FIRST-LINE-OF-SUDO'S-ANSWER"} (the command then ran without sudo)
 */
public record ProbeRun(String name, String text, String stderr, boolean began, boolean ended, OptionalInt exitStatus,
                       Optional<Duration> duration, boolean truncated, List<MissingTool> missing,
                       List<String> sudoRefused) {

    public ProbeRun {
        missing = List.copyOf(missing);
        sudoRefused = List.copyOf(sudoRefused);
    }

    public ProbeRun(String name, String text, String stderr, boolean began, boolean ended, OptionalInt exitStatus,
                    Optional<Duration> duration, boolean truncated, List<MissingTool> missing) {
        this(name, text, stderr, began, ended, exitStatus, duration, truncated, missing, List.of());
    }

    /** A tool the probe needed and did not find, with the package that provides it. */
    public record MissingTool(String tool, String pkg, boolean hadFallback) {
    }

    static final class Builder {
        private final String name;
        private final int cap;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();
        private final List<MissingTool> missing = new ArrayList<>();
        private final List<String> sudoRefused = new ArrayList<>();
        private boolean began;
        private boolean ended;
        private long beginMillis = -1;
        private long endMillis = -1;
        private OptionalInt exitStatus = OptionalInt.empty();
        private boolean truncated;

        Builder(String name, int cap) {
            this.name = name;
            this.cap = cap;
        }

        String name() {
            return name;
        }

        StringBuilder text() {
            return text;
        }

        StringBuilder stderr() {
            return stderr;
        }

        void begin(long uptimeMillis) {
            began = true;
            beginMillis = uptimeMillis;
        }

        void missing(MissingTool tool) {
            missing.add(tool);
        }

        void sudoRefused(String commandAndAnswer) {
            sudoRefused.add(commandAndAnswer);
        }

        /** Reads {@code end NAME UPTIME}. */
        void end(String[] fields) {
            ended = true;
            // the script puts a newline before the end line; the probe's own text ends before it
            if (text.length() > 0 && text.charAt(text.length() - 1) == '\n') {
                text.setLength(text.length() - 1);
            }
            if (fields.length > 2) {
                endMillis = TriageScript.uptimeMillis(fields[2]);
            }
            cutAtCap();
        }

        void exitStatus(String field) {
            try {
                exitStatus = OptionalInt.of(Integer.parseInt(field));
            } catch (NumberFormatException e) {
                exitStatus = OptionalInt.empty();
            }
        }

        /**
         * The script lets CAP+1 bytes through, so more than CAP means the probe printed more and was cut.
         * Bytes are counted as UTF-8, with each undecodable byte (shown as U+FFFD) counted as the one
         * byte it was, so binary output is not mistaken for a long text.
         */
        private void cutAtCap() {
            if ((long) text.length() * 3 <= cap) {
                return; // a char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2): under the cap whatever it holds
            }
            long bytes = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int size = cp == 0xFFFD ? 1 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (bytes + size > cap) {
                    text.setLength(i);
                    truncated = true;
                    return;
                }
                bytes += size;
                i += Character.charCount(cp);
            }
        }

        ProbeRun build() {
            Optional<Duration> d = beginMillis >= 0 && endMillis >= beginMillis
                    ? Optional.of(Duration.ofMillis(endMillis - beginMillis)) : Optional.empty();
            return new ProbeRun(name, text.toString(), stderr.toString(), began, ended, exitStatus, d, truncated, missing,
                    sudoRefused);
        }
    }
}
