package org.incidentworkbench.hosts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One host in the workbench's host list, as imported from a file or typed in.
 *
 * <p>{@link #name()} is what the user knows the host by; {@link #connectTarget()} is what to hand to
 * the SSH config resolver: the name itself (an ssh_config alias or a DNS name), or
 * {@code user@address:port} when an Ansible inventory gave {@code ansible_host}/{@code ansible_user}/
 * {@code ansible_port}.
 *
 * @param name     display name and identity of the entry in a list (unique there)
 * @param roles    groups the host belongs to, most specific first (Ansible groups, or one guessed
 *                 from the name such as {@code web} for {@code web-1}); never empty
 * @param source   where the entry came from
 * @param address  address to connect to when it differs from the name
 * @param user     login user when the source names one
 * @param port     SSH port when the source names one
 * @param sudo     triage the host with {@code --sudo} (the logs probe and ss through {@code sudo -n}); set by the user per
 *                 host in the window, stored with the host
 */
public record HostEntry(String name, List<String> roles, HostSource source, Optional<String> address,
                        Optional<String> user, OptionalInt port, boolean sudo) {

    public HostEntry(String name, List<String> roles, HostSource source, Optional<String> address,
                     Optional<String> user, OptionalInt port) {
        this(name, roles, source, address, user, port, false);
    }

    /** This entry with {@code --sudo} on or off for its triage. */
    public HostEntry withSudo(boolean on) {
        return new HostEntry(name, roles, source, address, user, port, on);
    }

    /** The role of hosts that no source put in a group and whose name suggests none. */
    public static final String UNGROUPED = "ungrouped";

    public HostEntry {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A host entry needs a name; got a blank one.");
        }
        roles = roles.isEmpty() ? List.of(RoleGuess.fromName(name)) : List.copyOf(new LinkedHashSet<>(roles));
    }

    /** A host known only by its name (ssh_config alias, known_hosts name), its role guessed from the name. */
    public static HostEntry named(String name, HostSource source) {
        return new HostEntry(name, List.of(), source, Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /** The name of the entry for this machine, triaged without SSH. */
    public static final String LOCAL_NAME = "local";

    /** This machine, triaged through the local transport (no SSH), in role "this machine". */
    public static HostEntry local() {
        return new HostEntry(LOCAL_NAME, List.of("this machine"), HostSource.LOCAL, Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    public boolean isLocal() {
        return source == HostSource.LOCAL;
    }

    /** The first role, by which lists are grouped. */
    public String role() {
        return roles.get(0);
    }

    /** What the SSH config resolver should resolve: the alias, or {@code user@address:port}. */
    public String connectTarget() {
        if (address.isEmpty() && user.isEmpty() && port.isEmpty()) {
            return name;
        }
        String host = address.orElse(name);
        if (host.contains(":") && port.isPresent()) {
            host = "[" + host + "]";
        }
        return user.map(u -> u + "@").orElse("") + host + (port.isPresent() ? ":" + port.getAsInt() : "");
    }

    /** This entry with the other entry's roles added after its own (same host listed by two sources). */
    public HostEntry mergedWith(HostEntry other) {
        List<String> all = new ArrayList<>(roles);
        for (String r : other.roles) {
            if (!all.contains(r)) {
                all.add(r);
            }
        }
        // a guessed role gives way to a real group from an inventory
        if (!other.source.guessesRoles() && source.guessesRoles()) {
            all.remove(RoleGuess.fromName(name));
            all.removeAll(List.of(UNGROUPED));
            if (all.isEmpty()) {
                all.addAll(other.roles);
            }
        }
        return new HostEntry(name, all, source,
                address.or(other::address), user.or(other::user), port.isPresent() ? port : other.port, sudo || other.sudo);
    }
}
