package org.incidentworkbench.playbooks.journal;

/**
 * A line of a journal that was not read as an event. Never fatal: the reader skips the line and
 * the incident goes on.
 *
 * @param line       1-based line number in the file
 * @param byteOffset where the line starts in the file
 * @param kind       what is wrong
 * @param message    a full sentence for the user
 */
public record JournalProblem(int line, long byteOffset, Kind kind, String message) {

    public enum Kind {
        /** The last line has no line end: the writer died while writing it, so it was never written. */
        TORN_LAST_LINE,
        /** A complete line that is not a valid event (damaged, edited by hand, or from a newer version). */
        BAD_LINE
    }
}
