package org.incidentworkbench.hosts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses a host's role from its name when no inventory says it: {@code web-1}, {@code web01} and
 * {@code web-1.prod.example.com} are all {@code web}, because fleets are usually named role plus
 * number. An address or a name without such a stem is {@link HostEntry#UNGROUPED}.
 */
public final class RoleGuess {

    private static final Pattern STEM = Pattern.compile("^([a-z][a-z0-9_-]*?)[-_.]?\\d+[a-z]?$");
    private static final Pattern ADDRESS = Pattern.compile("^[0-9.]+$|^\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*\\]?(:\\d+)?$");

    private RoleGuess() {
    }

    public static String fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        int at = n.indexOf('@');
        if (at >= 0) {
            n = n.substring(at + 1);
        }
        if (ADDRESS.matcher(n).matches() || n.startsWith("[")) {
            return HostEntry.UNGROUPED;
        }
        int colon = n.indexOf(':');
        if (colon >= 0) {
            n = n.substring(0, colon);
        }
        String first = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        Matcher m = STEM.matcher(first);
        if (m.matches()) {
            return m.group(1);
        }
        return HostEntry.UNGROUPED;
    }
}
