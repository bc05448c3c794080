package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table splitting every parser shares, as jc's {@code universal.py} does: lines without the
 * carriage returns a paste brings, whitespace splitting with a last column that keeps its spaces,
 * and header-position splitting for tables whose free-text columns hold spaces ({@code ps}'s
 * {@code COMMAND}). Stateless and thread-safe.
 */
final class TextTable {

    private static final Pattern WORD = Pattern.compile("\\S+");

    private TextTable() {
    }

    /** One header word and the character positions it covers, end exclusive. */
    record Column(String name, int start, int end) {
    }

    /** The lines of a text without line ends; trailing blank lines dropped. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String line : text.split("\n", -1)) {
            out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The non-blank lines of a text, each as printed. */
    static List<String> nonBlankLines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    /** Whitespace-separated words. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(line);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /**
     * At most {@code max} whitespace-separated fields; the last one keeps the rest of the line with
     * its inner spaces (a mount point or a command line).
     */
    static List<String> split(String line, int max) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(line);
        while (out.size() < max - 1 && m.find()) {
            out.add(m.group());
        }
        if (out.size() == max - 1 && m.find()) {
            out.add(line.substring(m.start()).strip());
        }
        return out;
    }

    /** The words of a header line with their positions. */
    static List<Column> columns(String header) {
        List<Column> out = new ArrayList<>();
        Matcher m = WORD.matcher(header);
        while (m.find()) {
            out.add(new Column(m.group(), m.start(), m.end()));
        }
        return out;
    }

    /** Position of the first non-space character at or after {@code from}, or the line's length. */
    static int skipSpaces(String line, int from) {
        int i = Math.max(0, from);
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Position of the first space at or after {@code from}, or the line's length. */
    static int skipWord(String line, int from) {
        int i = Math.max(0, from);
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Splits a row under a header whose columns hold single words except those marked free text
     * (by index), which may hold spaces: word columns before the first free-text column are read from
     * the left, word columns after the last one from the right, and the free-text columns share the
     * middle by the header's start positions, shifted by however far the row's middle starts from its
     * header (a long user name pushes everything right). A row with fewer words than the header gets
     * empty strings for the missing columns.
     */
    static List<String> splitByHeader(String row, List<Column> header, boolean[] freeText) {
        int n = header.size();
        String[] cells = new String[n];
        int firstFree = -1;
        int lastFree = -1;
        for (int i = 0; i < n; i++) {
            if (freeText[i]) {
                if (firstFree < 0) {
                    firstFree = i;
                }
                lastFree = i;
            }
        }
        if (firstFree < 0) {
            List<String> w = split(row, n);
            for (int i = 0; i < n; i++) {
                cells[i] = i < w.size() ? w.get(i) : "";
            }
            return List.of(cells);
        }
        int pos = 0;
        for (int i = 0; i < firstFree; i++) {
            int s = skipSpaces(row, pos);
            int e = skipWord(row, s);
            cells[i] = row.substring(s, e);
            pos = e;
        }
        int end = row.stripTrailing().length();
        for (int i = n - 1; i > lastFree; i--) {
            int e = end;
            while (e > pos && Character.isWhitespace(row.charAt(e - 1))) {
                e--;
            }
            int s = e;
            while (s > pos && !Character.isWhitespace(row.charAt(s - 1))) {
                s--;
            }
            cells[i] = row.substring(s, e);
            end = s;
        }
        int middleStart = skipSpaces(row, pos);
        int shift = middleStart - header.get(firstFree).start();
        int from = middleStart;
        for (int i = firstFree; i <= lastFree; i++) {
            if (!freeText[i]) {
                // a word column between free-text ones (ps -eo comm,pid,lstart,args): the word under its header
                int[] token = tokenUnder(row, from, end, header.get(i), shift);
                cells[i] = token == null ? "" : row.substring(token[0], token[1]);
                from = token == null ? from : token[1];
                continue;
            }
            int to = end;
            if (i < lastFree && !freeText[i + 1]) {
                int[] token = tokenUnder(row, from, end, header.get(i + 1), shift);
                to = token == null ? end : token[0];
            } else if (i < lastFree) {
                to = Math.min(end, Math.max(from, header.get(i + 1).start() + shift));
                // a cut inside a word moves back to that word's start (the next column began early), or forward
                // to its end when that would leave this column empty (this value ran past its header)
                int back = to;
                while (back > from && back < end && !Character.isWhitespace(row.charAt(back - 1))
                        && !Character.isWhitespace(row.charAt(back))) {
                    back--;
                }
                if (back > from && !row.substring(from, back).isBlank()) {
                    to = back;
                } else {
                    while (to < end && to > from && !Character.isWhitespace(row.charAt(to - 1))
                            && !Character.isWhitespace(row.charAt(to))) {
                        to++;
                    }
                }
            }
            cells[i] = from >= to ? "" : row.substring(from, Math.min(to, end)).strip();
            from = Math.min(end, to);
        }
        return List.of(cells);
    }

    /**
     * The word of {@code row} (searched from {@code from}) lying under a header word, shifted: the first one
     * overlapping the header's span (numbers are right-aligned under their header, text left-aligned), else the
     * first one after it; null when there is none.
     */
    private static int[] tokenUnder(String row, int from, int end, Column column, int shift) {
        int hs = column.start() + shift;
        int he = column.end() + shift;
        int[] after = null;
        int i = skipSpaces(row, from);
        while (i < end) {
            int e = Math.min(end, skipWord(row, i));
            if (e > hs && i < he) {
                return new int[] {i, e};
            }
            if (after == null && i >= hs) {
                after = new int[] {i, e};
            }
            i = skipSpaces(row, e);
        }
        return after;
    }

    /**
     * A shell prompt with one of our commands, as a paste from a terminal starts: {@code $ df -h},
     * {@code # ps aux}, {@code root@web-1:~# free -m}, {@code [alice@db ~]$ sudo ss -tanp}.
     */
    private static final Pattern PROMPT = Pattern.compile(
            "^\\s*(?:\\[?[\\w.-]+@[\\w.-]+(?:[: ][^\\s$#%>]*)?\\]?\\s*)?[$#%>]\\s*(?:sudo\\s+)?"
                    + "(?:w|who|uptime|ps|df|top|iostat|ss|ip|journalctl|dmesg|tail|cat|free|vmstat|systemctl|LC_ALL=C)(?:\\s.*)?$");

    /** True for a line that is a shell prompt running one of the commands the parsers read. */
    static boolean isPrompt(String line) {
        return !line.startsWith(Sections.MARKER) && PROMPT.matcher(line).matches();
    }

    /** The text without the prompt lines a terminal paste starts with. */
    static String stripPrompt(String text) {
        String rest = text;
        while (true) {
            int nl = rest.indexOf('\n');
            String first = nl < 0 ? rest : rest.substring(0, nl);
            if (!isPrompt(first)) {
                return rest;
            }
            rest = nl < 0 ? "" : rest.substring(nl + 1);
        }
    }
}
