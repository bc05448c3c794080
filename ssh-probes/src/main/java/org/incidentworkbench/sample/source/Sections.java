package org.incidentworkbench.sample.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One frame's body split into its {@code ==> NAME <==} sections, with the small readers sources share. Works on
 * offsets into the body (no copy per line): a frame is parsed every second per host. Not thread-safe: one per
 * frame.
 */
public final class Sections {

    /** Receives one non-empty line as {@code [from, to)} offsets into {@link #text}. */
    public interface LineHandler {
        void line(int from, int to);
    }

    private static final int MAX_WARNINGS = 20;

    private final long sequence;
    private final String text;
    private final Map<String, int[]> ranges = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final long[] numbers = new long[20];

    /** Splits {@code body} (the text between a frame's begin and end lines) into sections. */
    public Sections(long sequence, String body) {
        this.sequence = sequence;
        this.text = body;
        String section = null;
        int sectionStart = 0;
        int pos = 0;
        int n = text.length();
        while (pos <= n) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                eol = n;
            }
            if (text.startsWith("==> ", pos) && eol - pos >= 8 && text.startsWith(" <==", eol - 4)) {
                if (section != null) {
                    ranges.putIfAbsent(section, new int[] {sectionStart, pos});
                }
                section = text.substring(pos + 4, eol - 4);
                sectionStart = Math.min(n, eol + 1);
            }
            pos = eol + 1;
        }
        if (section != null) {
            ranges.putIfAbsent(section, new int[] {sectionStart, n});
        }
    }

    /** The frame's sequence number (for warnings). */
    public long sequence() {
        return sequence;
    }

    /** The frame body; lines are offsets into it. */
    public String text() {
        return text;
    }

    public boolean has(String section) {
        return ranges.containsKey(section);
    }

    /** Calls {@code handler} for each non-empty line of {@code section}; false when the frame has no such section. */
    public boolean forEachLine(String section, LineHandler handler) {
        int[] r = ranges.get(section);
        if (r == null) {
            return false;
        }
        int pos = r[0];
        int to = r[1];
        while (pos < to) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0 || eol > to) {
                eol = to;
            }
            if (eol > pos) {
                handler.line(pos, eol);
            }
            pos = eol + 1;
        }
        return true;
    }

    public boolean startsWith(String prefix, int at) {
        return text.startsWith(prefix, at);
    }

    /**
     * Reads whitespace-separated unsigned decimals from {@code [from, to)} into {@link #number}, stopping at the
     * first word that is not one (a unit such as "kB") or after 20. Returns how many were read, or -1 when a
     * word began with a digit but did not read (overflow, "12x").
     */
    public int longs(int from, int to) {
        int count = 0;
        int pos = from;
        while (count < numbers.length) {
            pos = skipSpaces(pos, to);
            if (pos >= to) {
                break;
            }
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                break;
            }
            long value = 0;
            while (pos < to) {
                c = text.charAt(pos);
                if (c == ' ' || c == '\t') {
                    break;
                }
                if (c < '0' || c > '9' || value > (Long.MAX_VALUE - 9) / 10) {
                    return -1;
                }
                value = value * 10 + (c - '0');
                pos++;
            }
            numbers[count++] = value;
        }
        return count;
    }

    /** The {@code i}-th number of the last {@link #longs} call. */
    public long number(int i) {
        return numbers[i];
    }

    /** The {@code i}-th number of the last {@link #longs} call, or 0 when it read fewer ({@code count}). */
    public long numberOr0(int i, int count) {
        return i < count ? numbers[i] : 0;
    }

    /** The one number of a {@code key value} line from {@code from}; empty (and a warning) when it does not read. */
    public OptionalLong single(int from, int to, String section) {
        int count = longs(from, to);
        if (count < 1) {
            warn(section, from, to);
            return OptionalLong.empty();
        }
        return OptionalLong.of(numbers[0]);
    }

    public int skipSpaces(int pos, int to) {
        while (pos < to && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        return pos;
    }

    public int skipWord(int pos, int to) {
        while (pos < to && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
            pos++;
        }
        return pos;
    }

    /** The index of {@code c} in {@code [from, to)}, or -1. */
    public int indexOf(char c, int from, int to) {
        int i = text.indexOf(c, from);
        return i >= 0 && i < to ? i : -1;
    }

    /** Names a line of {@code section} that does not read. */
    public void warn(String section, int from, int to) {
        warning("Frame " + sequence + ": the " + section + " line '" + text.substring(from, Math.min(to, from + 120)).strip()
                + "' does not read.");
    }

    /** Says that {@code section}'s metrics are missing from this frame. */
    public void missing(String section) {
        warnings.add("Frame " + sequence + " has no readable " + section + "; its metrics are missing.");
    }

    /** Adds a sentence (at most 20 per frame, so a garbled frame cannot flood the log). */
    public void warning(String sentence) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(sentence);
        }
    }

    public List<String> warnings() {
        return warnings;
    }
}
