package org.incidentworkbench.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One server to connect to, fully resolved (from {@code ~/.ssh/config}, an inventory, or typed in).
 *
 * @param alias               the name the user knows the host by (an ssh_config {@code Host}, or what was typed)
 * @param user                login user; empty means the local user name
 * @param hostname            DNS name or address to connect to
 * @param port                TCP port, 22 by default
 * @param identityFiles       private key files to try, in order (may be empty: agent or default keys)
 * @param jumps               bastions to go through, first hop first ({@code ProxyJump a,b})
 * @param connectTimeout      bound on TCP connect plus SSH handshake
 * @param serverAliveInterval keepalive interval; zero disables
 * @param knownHostsFile      the config's UserKnownHostsFile for this host; empty means {@code ~/.ssh/known_hosts}.
 *                            A file given explicitly in {@code SshOptions} (--known-hosts) overrides it.
 */
public record HostSpec(String alias, Optional<String> user, String hostname, int port, List<Path> identityFiles,
                       List<HostSpec> jumps, Duration connectTimeout, Duration serverAliveInterval,
                       Optional<Path> knownHostsFile) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SERVER_ALIVE = Duration.ofSeconds(15);

    public HostSpec {
        identityFiles = List.copyOf(identityFiles);
        jumps = List.copyOf(jumps);
    }

    /** A host that uses the transport's known_hosts file. */
    public HostSpec(String alias, Optional<String> user, String hostname, int port, List<Path> identityFiles,
                    List<HostSpec> jumps, Duration connectTimeout, Duration serverAliveInterval) {
        this(alias, user, hostname, port, identityFiles, jumps, connectTimeout, serverAliveInterval, Optional.empty());
    }

    /** A host with defaults for everything but the address. */
    public static HostSpec of(String alias, Optional<String> user, String hostname, int port) {
        return new HostSpec(alias, user, hostname, port, List.of(), List.of(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_SERVER_ALIVE);
    }

    /** The same host under another name (copies every other field, including {@link #knownHostsFile()}). */
    public HostSpec withAlias(String newAlias) {
        return new HostSpec(newAlias, user, hostname, port, identityFiles, jumps, connectTimeout, serverAliveInterval,
                knownHostsFile);
    }

    /** The same host with another connect bound (a run's deadline may be shorter than ConnectTimeout). */
    public HostSpec withConnectTimeout(Duration timeout) {
        return new HostSpec(alias, user, hostname, port, identityFiles, jumps, timeout, serverAliveInterval,
                knownHostsFile);
    }

    /** The same host with another keepalive interval (zero disables). */
    public HostSpec withServerAliveInterval(Duration interval) {
        return new HostSpec(alias, user, hostname, port, identityFiles, jumps, connectTimeout, interval,
                knownHostsFile);
    }

    /** The same host reached through these bastions, first hop first. */
    public HostSpec withJumps(List<HostSpec> newJumps) {
        return new HostSpec(alias, user, hostname, port, identityFiles, newJumps, connectTimeout, serverAliveInterval,
                knownHostsFile);
    }

    /** {@code user@hostname:port}, as shown to users and recorded in reports. */
    public String target() {
        return user.map(u -> u + "@").orElse("") + hostname + (port == 22 ? "" : ":" + port);
    }
}
