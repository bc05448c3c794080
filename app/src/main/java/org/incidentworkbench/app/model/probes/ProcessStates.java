package org.incidentworkbench.app.model.probes;

import java.util.Map;

/**
 * What ps's and top's state letters mean, in the words an on-call engineer needs (procps' ps(1),
 * "PROCESS STATE CODES"), and the modifiers that follow the letter in STAT. Stateless.
 */
public final class ProcessStates {

    private static final Map<Character, String> LETTERS = Map.of(
            'R', "running or runnable",
            'S', "sleeping (waiting for an event)",
            'D', "uninterruptible: waiting on I/O, cannot be killed",
            'Z', "zombie: exited, its parent has not reaped it",
            'T', "stopped (signal or job control)",
            't', "stopped by a debugger",
            'I', "idle kernel thread",
            'X', "dead",
            'W', "paging");

    private static final Map<Character, String> MODIFIERS = Map.of(
            '<', "high priority",
            'N', "low priority",
            'L', "pages locked in memory",
            's', "session leader",
            'l', "multi-threaded",
            '+', "in the foreground");

    /** A word or two per letter, for a narrow column; {@link #explain} gives the full sentence. */
    private static final Map<Character, String> SHORT = Map.of(
            'R', "running",
            'S', "sleeping",
            'D', "I/O wait",
            'Z', "zombie",
            'T', "stopped",
            't', "traced",
            'I', "idle",
            'X', "dead",
            'W', "paging");

    private ProcessStates() {
    }

    /** A word or two for the letter ({@code sleeping}, {@code zombie}), empty for one ps does not document. */
    public static String shortMeaning(char letter) {
        return SHORT.getOrDefault(letter, "");
    }

    /** The meaning of a state letter; empty for one ps does not document. */
    public static String meaning(char letter) {
        return LETTERS.getOrDefault(letter, "");
    }

    /** The full explanation of a STAT value, letter and modifiers: {@code Ssl} is "sleeping..., session leader, multi-threaded". */
    public static String explain(String stat) {
        if (stat == null || stat.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(stat.charAt(0) + ": " + meaning(stat.charAt(0)));
        for (int i = 1; i < stat.length(); i++) {
            String m = MODIFIERS.get(stat.charAt(i));
            if (m != null) {
                s.append(", ").append(m);
            }
        }
        return s.toString();
    }
}
