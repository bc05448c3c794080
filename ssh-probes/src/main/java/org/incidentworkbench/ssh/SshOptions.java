package org.incidentworkbench.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of one {@link SshTransport} that are not per host: whose host keys to trust, whether new
 * keys may be learned, extra keys ({@code -i}) and the agent.
 *
 * <pre>{@code
 * SshOptions options = SshOptions.defaults().withAcceptNewHostKeys(true).withIdentityFiles(List.of(key));
 * }</pre>
 *
 * @param knownHostsFile      where host keys are checked, and appended to when {@code acceptNewHostKeys}
 *                            (OpenSSH's {@code ~/.ssh/known_hosts} by default; any other file counts as given
 *                            explicitly, --known-hosts, and then beats a host's UserKnownHostsFile)
 * @param acceptNewHostKeys   learn unknown host keys without asking, as {@code StrictHostKeyChecking=accept-new};
 *                            a changed key is refused regardless
 * @param identityFiles       extra private keys ({@code -i}), tried before the host's own IdentityFile entries
 * @param agentSocket         the ssh-agent socket to ask for keys; empty disables the agent
 *                            (defaults to {@code SSH_AUTH_SOCK}); a key file the agent holds is used through it
 * @param connectTimeout      connect bound for hosts whose spec has none (zero)
 * @param serverAliveInterval keepalive for hosts whose spec has none (negative)
 */
public record SshOptions(Path knownHostsFile, boolean acceptNewHostKeys, List<Path> identityFiles,
                         Optional<Path> agentSocket, Duration connectTimeout, Duration serverAliveInterval) {

    public SshOptions {
        identityFiles = List.copyOf(identityFiles);
    }

    /** OpenSSH's defaults: {@code ~/.ssh/known_hosts}, ask about unknown keys, agent from {@code SSH_AUTH_SOCK}. */
    public static SshOptions defaults() {
        String sock = System.getenv("SSH_AUTH_SOCK");
        Optional<Path> agent = sock == null || sock.isBlank() ? Optional.empty() : Optional.of(Path.of(sock));
        return new SshOptions(userSshDir().resolve("known_hosts"), false, List.of(), agent,
                HostSpec.DEFAULT_CONNECT_TIMEOUT, HostSpec.DEFAULT_SERVER_ALIVE);
    }

    /** {@code ~/.ssh}. */
    public static Path userSshDir() {
        return Path.of(System.getProperty("user.home"), ".ssh");
    }

    /** True when keys are asked of an ssh-agent. */
    public boolean useAgent() {
        return agentSocket.isPresent();
    }

    public SshOptions withKnownHostsFile(Path file) {
        return new SshOptions(file, acceptNewHostKeys, identityFiles, agentSocket, connectTimeout, serverAliveInterval);
    }

    public SshOptions withAcceptNewHostKeys(boolean accept) {
        return new SshOptions(knownHostsFile, accept, identityFiles, agentSocket, connectTimeout, serverAliveInterval);
    }

    public SshOptions withIdentityFiles(List<Path> files) {
        return new SshOptions(knownHostsFile, acceptNewHostKeys, files, agentSocket, connectTimeout, serverAliveInterval);
    }

    public SshOptions withAgentSocket(Path socket) {
        return new SshOptions(knownHostsFile, acceptNewHostKeys, identityFiles, Optional.of(socket), connectTimeout,
                serverAliveInterval);
    }

    public SshOptions withoutAgent() {
        return new SshOptions(knownHostsFile, acceptNewHostKeys, identityFiles, Optional.empty(), connectTimeout,
                serverAliveInterval);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(knownHostsFile, acceptNewHostKeys, identityFiles, agentSocket, timeout, serverAliveInterval);
    }
}
