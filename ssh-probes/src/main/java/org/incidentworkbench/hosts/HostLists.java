package org.incidentworkbench.hosts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Operations on host lists: merge imports without duplicates, group by role, search, and parse what
 * a user types in the "add host" box. Pure functions; thread-safe.
 */
public final class HostLists {

    private HostLists() {
    }

    /**
     * The existing list with the new entries added; a host already listed keeps its place and gains
     * the new entry's roles (a role from an inventory replaces one guessed from the name).
     */
    public static List<HostEntry> merge(Collection<HostEntry> existing, Collection<HostEntry> added) {
        Map<String, HostEntry> byName = new LinkedHashMap<>();
        for (HostEntry e : existing) {
            byName.merge(e.name(), e, HostEntry::mergedWith);
        }
        for (HostEntry e : added) {
            byName.merge(e.name(), e, HostEntry::mergedWith);
        }
        return List.copyOf(byName.values());
    }

    /** Hosts grouped by their first role, roles sorted by name with "ungrouped" last, hosts in list order. */
    public static Map<String, List<HostEntry>> byRole(Collection<HostEntry> hosts) {
        Map<String, List<HostEntry>> groups = new TreeMap<>((a, b) -> {
            boolean ua = a.equals(HostEntry.UNGROUPED);
            boolean ub = b.equals(HostEntry.UNGROUPED);
            return ua == ub ? a.compareTo(b) : ua ? 1 : -1;
        });
        for (HostEntry h : hosts) {
            groups.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(h);
        }
        return groups;
    }

    /** True when every word of {@code query} occurs in the host's name, address, user or one of its roles (case-insensitive). */
    public static boolean matches(HostEntry host, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String hay = (host.name() + " " + String.join(" ", host.roles()) + " " + host.address().orElse("") + " "
                + host.user().orElse("")).toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A host typed in by hand: an ssh_config alias, {@code host}, {@code user@host}, {@code host:port},
     * {@code user@host:port} or {@code user@[v6addr]:port}, optionally followed by a role after a space
     * ({@code web-9 web}).
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static HostEntry typed(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Type a host name, an ssh config alias or user@host:port.");
        }
        String[] parts = t.split("\\s+");
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + t + "' has more than a host and a role; add one host at a time, as 'user@host:port role'.");
        }
        String target = parts[0];
        List<String> roles = parts.length == 2 ? List.of(parts[1]) : List.of();
        Optional<String> user = Optional.empty();
        int at = target.lastIndexOf('@');
        String rest = target;
        if (at >= 0) {
            if (at == 0 || at == target.length() - 1) {
                throw new IllegalArgumentException("'" + target + "' has an empty user or host around '@'.");
            }
            user = Optional.of(target.substring(0, at));
            rest = target.substring(at + 1);
        }
        OptionalInt port = OptionalInt.empty();
        String host = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + rest + "' opens '[' without closing it.");
            }
            host = rest.substring(1, close);
            if (rest.length() > close + 1) {
                port = parsePort(rest.substring(close + 2), target);
            }
        } else if (rest.indexOf(':') > 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = parsePort(rest.substring(rest.indexOf(':') + 1), target);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> c == '/' || c == '\'' || c == '"' || c == ';' || c == '$' || c == '`')) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or address.");
        }
        if (user.isEmpty() && port.isEmpty()) {
            return new HostEntry(host, roles, HostSource.TYPED, Optional.empty(), Optional.empty(), OptionalInt.empty());
        }
        return new HostEntry(target, roles, HostSource.TYPED, Optional.of(host), user, port);
    }

    private static OptionalInt parsePort(String s, String target) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return OptionalInt.of(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + target + "' has port '" + s + "'; a port is a number from 1 to 65535.");
        }
    }
}
