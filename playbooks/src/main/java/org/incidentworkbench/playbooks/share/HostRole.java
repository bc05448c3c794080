package org.incidentworkbench.playbooks.share;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host's role as its name says it, by the usual naming of fleets: the first label of the name
 * without its number ({@code web-1.prod.acme} is a {@code web}, {@code db07} a {@code db},
 * {@code payments-api-3} a {@code payments-api}). An address or a name that is only a number has no
 * role. Shared copies keep the roles of their aliased hosts ({@code host-1} is a {@code web}), so a
 * team library can still be searched by role. Thread-safe (stateless).
 */
public final class HostRole {

    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*");

    private HostRole() {
    }

    public static Optional<String> of(String host) {
        if (host == null || host.isBlank() || ADDRESS.matcher(host).matches()) {
            return Optional.empty();
        }
        String first = host.contains("@") ? host.substring(host.indexOf('@') + 1) : host;
        first = first.split("[.:]", 2)[0];
        String role = first.replaceAll("[-_]?[0-9]+[a-z]?$", "").toLowerCase(java.util.Locale.ROOT);
        return role.isEmpty() ? Optional.empty() : Optional.of(role);
    }
}
