package org.incidentworkbench.app.model.probes;

import org.incidentworkbench.app.format.Bytes;
import org.incidentworkbench.app.format.Durations;

/**
 * One process as the process views show it (from ps or top), with the blanks of the tool as
 * {@code -1} or {@code NaN} so that sorting needs no {@code Optional}.
 *
 * @param pid            process id
 * @param ppid           parent's id, -1 when the tool did not print it (top)
 * @param user           owner, empty when not printed
 * @param state          the STAT column as printed ({@code Ss}, {@code D}, {@code Z+}), empty when not printed
 * @param cpuPercent     %CPU (ps: over the process's lifetime; top: over its interval), NaN when not printed
 * @param memPercent     %MEM, NaN when not printed
 * @param rssBytes       resident set, -1 when not printed
 * @param elapsedSeconds time since start, -1 when not printed
 * @param name           the short name (comm)
 * @param command        the full command line
 * @param kernelThread   a kernel thread (kthreadd or one of its children)
 * @param depth          nesting under its parent in the tree view, 0 in the flat list
 */
public record ProcessLine(long pid, long ppid, String user, String state, double cpuPercent, double memPercent,
                          long rssBytes, long elapsedSeconds, String name, String command, boolean kernelThread,
                          int depth) {

    /** The state letter (R, S, D, Z, T, I...), or a blank when the tool printed none. */
    public char stateLetter() {
        return state.isEmpty() ? ' ' : state.charAt(0);
    }

    public boolean zombie() {
        return stateLetter() == 'Z';
    }

    /** In uninterruptible sleep: waiting for I/O (or a kernel lock) and unkillable until it returns. */
    public boolean uninterruptible() {
        return stateLetter() == 'D';
    }

    public String rssText() {
        return rssBytes < 0 ? "" : Bytes.human(rssBytes);
    }

    public String elapsedText() {
        return elapsedSeconds < 0 ? "" : elapsedSeconds == 0 ? "0 s" : Durations.ofSeconds(elapsedSeconds);
    }

    public String cpuText() {
        return Double.isNaN(cpuPercent) ? "" : String.format(java.util.Locale.ROOT, "%.1f", cpuPercent);
    }

    public String memText() {
        return Double.isNaN(memPercent) ? "" : String.format(java.util.Locale.ROOT, "%.1f", memPercent);
    }

    /** The state as printed followed by a word for its letter: {@code Ss  sleeping}; the tooltip explains it fully. */
    public String stateText() {
        return state.isEmpty() ? "" : state + "  " + ProcessStates.shortMeaning(stateLetter());
    }

    ProcessLine atDepth(int d) {
        return new ProcessLine(pid, ppid, user, state, cpuPercent, memPercent, rssBytes, elapsedSeconds, name, command,
                kernelThread, d);
    }
}
