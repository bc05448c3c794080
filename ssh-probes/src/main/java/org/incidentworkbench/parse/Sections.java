package org.incidentworkbench.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits a probe's output that holds several commands' output into its parts. A probe that runs
 * more than one command (df's space and inode tables, ss's summary and socket list, the logs and
 * dmesg) prints a marker line {@code #### iw-section: NAME} before each part after the first; the
 * part before any marker is named {@code ""}. Text pasted from a ticket has no markers and is one
 * part, so every parser reads both forms.
 *
 * <pre>
 * Filesystem     Type 1024-blocks ...      (part "")
 * #### iw-section: df -Pi
 * Filesystem      Inodes IUsed ...          (part "df -Pi")
 * </pre>
 */
public final class Sections {

    public static final String MARKER = "#### iw-section: ";

    private Sections() {
    }

    /** The marker line that opens the part with the given name (without a newline). */
    public static String marker(String name) {
        return MARKER + name;
    }

    /**
     * The main command's part: {@code ""}, or where that is blank, the part a BusyBox variant of the probe printed
     * under a section named {@code busybox ...} (the triage states the variant that way); {@code ""} when neither.
     */
    public static String main(Map<String, String> parts) {
        String main = parts.getOrDefault("", "");
        if (!main.isBlank()) {
            return main;
        }
        for (Map.Entry<String, String> e : parts.entrySet()) {
            if (e.getKey().startsWith("busybox ")) {
                return e.getValue();
            }
        }
        return main;
    }

    /** The parts in the order printed; the first one is named {@code ""} (possibly empty). */
    public static Map<String, String> split(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        String name = "";
        StringBuilder current = new StringBuilder();
        int pos = 0;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl + 1;
            String line = text.substring(pos, end);
            if (line.startsWith(MARKER)) {
                parts.merge(name, current.toString(), String::concat);
                name = line.substring(MARKER.length()).strip();
                current = new StringBuilder();
            } else {
                current.append(line);
            }
            pos = end;
        }
        parts.merge(name, current.toString(), String::concat);
        return parts;
    }
}
