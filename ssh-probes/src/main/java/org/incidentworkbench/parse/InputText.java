package org.incidentworkbench.parse;

/**
 * What a paste brings besides the command's output, removed before any parser reads it: a UTF-8
 * byte-order mark (Windows editors), CRLF line ends (a ticket system, a Windows clipboard), ANSI escape
 * sequences ({@code grep --color=always}, {@code ls --color}, {@code top} captured through a terminal:
 * colours, cursor moves, charset switches) and the NULs a preallocated or truncated log file ends with.
 * Escapes inside a line would otherwise shift every column after them. Linear in the text's length,
 * and the text itself when there is nothing to remove. Stateless and thread-safe.
 */
public final class InputText {

    private static final char ESC = '\u001B';
    private static final char BOM = '\uFEFF';

    private InputText() {
    }

    /** The text without BOM, carriage returns (CRLF becomes LF, a lone CR a line end), escape sequences and trailing NULs. */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\0') {
            end--;
        }
        if (!needsWork(text, end)) {
            return end == text.length() ? text : text.substring(0, end);
        }
        StringBuilder out = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = skipEscape(text, i, end) - 1;
            } else if (c == '\r') {
                if (i + 1 < end && text.charAt(i + 1) == '\n') {
                    continue;
                }
                // a lone CR (classic Mac text, a progress line) ends the line rather than gluing two together
                out.append('\n');
            } else if (c == BOM) {
                // a byte-order mark: at the start from an editor, in the middle when two files were joined
                continue;
            } else if (c == '\u009B') {
                // the 8-bit CSI some terminals emit: same syntax as ESC [
                i = skipCsi(text, i + 1, end) - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsWork(String text, int end) {
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == ESC || c == '\r' || c == '\u009B' || c == BOM) {
                return true;
            }
        }
        return false;
    }

    /** The position after the escape sequence starting at {@code at} (an ESC). */
    private static int skipEscape(String text, int at, int end) {
        if (at + 1 >= end) {
            return end;
        }
        char next = text.charAt(at + 1);
        if (next == '[') {
            return skipCsi(text, at + 2, end);
        }
        if (next == ']' || next == 'P' || next == '_' || next == '^') {
            // OSC (window title, hyperlinks) and DCS/APC/PM strings: end at BEL or ESC \
            for (int i = at + 2; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\u0007') {
                    return i + 1;
                }
                if (c == ESC && i + 1 < end && text.charAt(i + 1) == '\\') {
                    return i + 2;
                }
                if (c == '\n') {
                    return i;
                }
            }
            return end;
        }
        if (next == '(' || next == ')' || next == '*' || next == '+' || next == '#' || next == '%') {
            // charset designation (top's ESC ( B) and line-size controls: one more character
            return Math.min(end, at + 3);
        }
        // ESC = , ESC > , ESC 7 , ESC 8 , ESC M ...: two characters
        return at + 2;
    }

    /** The position after a CSI's parameters, intermediates and final byte, starting after "ESC [". */
    private static int skipCsi(String text, int from, int end) {
        int i = from;
        while (i < end && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x3F) {
            i++;
        }
        while (i < end && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
            i++;
        }
        return i < end && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7E ? i + 1 : i;
    }
}
