package org.incidentworkbench.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SSH on JSch, with what JSch leaves out done here: ProxyJump ({@link JumpProxy}, bastion sessions
 * shared between connections by {@link JumpSessions}), accept-new and a
 * changed-key refusal that names the known_hosts line ({@link HostKeyCheck}), passphrases asked
 * only for keys the server wants ({@link KeyFileIdentity}), and one deadline over TCP connect plus
 * handshake plus authentication, so a host that accepts TCP and never speaks fails in time.
 *
 * <pre>{@code
 * Transport ssh = new SshTransport(SshOptions.defaults(), prompter);
 * try (HostConnection c = ssh.connect(SshConfigResolver.standard().resolve("web-1"))) {
 *     ExecResult r = c.exec("uptime", Duration.ofSeconds(5), 1 << 20);
 * }
 * }</pre>
 *
 * <p>Thread-safe: hosts connect in parallel. Decrypted keys stay in memory for the transport's
 * life, so a passphrase is asked once per key, never written anywhere.
 */
public final class SshTransport implements Transport {

    /** OpenSSH's default key files, tried when neither {@code -i} nor IdentityFile names one. */
    static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final SshOptions options;
    private final UserPrompter prompter;
    private final JSch jsch = new JSch();
    private final Map<Path, KeyFileIdentity> keys = new ConcurrentHashMap<>();
    private final JumpSessions jumps = new JumpSessions(this::open);

    public SshTransport(SshOptions options, UserPrompter prompter) {
        this.options = options;
        this.prompter = ConnectDeadline.pausing(prompter);
    }

    public SshOptions options() {
        return options;
    }

    @Override
    public HostConnection connect(HostSpec host) throws HostConnectException {
        List<HostSpec> chain = host.jumps();
        if (chain.isEmpty()) {
            return new SshHostConnection(open(host, null, null, host.alias()), () -> { }, host.target());
        }
        Session through = jumps.acquire(chain, host.alias());
        try {
            Session session = open(host, through, chain.get(chain.size() - 1).target(), host.alias());
            String via = " via " + String.join(",", chain.stream().map(HostSpec::alias).toList());
            return new SshHostConnection(session, () -> jumps.release(chain), host.target() + via);
        } catch (HostConnectException | RuntimeException e) {
            jumps.release(chain);
            throw e;
        }
    }

    private Session open(HostSpec host, Session through, String throughName, String role) throws HostConnectException {
        String user = host.user().orElse(System.getProperty("user.name"));
        Duration connectTimeout = host.connectTimeout().isZero() ? options.connectTimeout() : host.connectTimeout();
        Duration alive = host.serverAliveInterval().isNegative() ? options.serverAliveInterval()
                : host.serverAliveInterval();
        int timeoutMillis = (int) Math.max(1, connectTimeout.toMillis());
        AuthAttempt auth = identitiesFor(host);
        HostKeyCheck hostKeys = new HostKeyCheck(knownHostsFor(host), options.acceptNewHostKeys(), prompter, host.alias());
        PasswordPrompt password = new PasswordPrompt(prompter, user + "@" + host.hostname());
        Session session;
        try {
            session = jsch.getSession(user, host.hostname(), host.port());
        } catch (JSchException e) {
            throw new HostConnectException(new HostFailure(HostFailure.Kind.BAD_CONFIG,
                    "The host " + host.alias() + " has an unusable address or user (" + e.getMessage()
                            + "): check its entry in ~/.ssh/config.", ""), e);
        }
        session.setHostKeyRepository(hostKeys);
        session.setIdentityRepository(new AuthIdentities(auth.identities()));
        session.setUserInfo(password);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey,keyboard-interactive,password");
        session.setConfig("MaxAuthTries", "6");
        session.setDaemonThread(true);
        JumpProxy proxy = null;
        if (through != null) {
            proxy = new JumpProxy(through, throughName);
            session.setProxy(proxy);
        }
        // JSch bounds each read by the timeout but not their sum: a server trickling bytes could stretch it
        ConnectDeadline deadline = ConnectDeadline.start(connectTimeout.plusMillis(250), session::disconnect);
        deadline.bindToCurrentThread();
        try {
            session.connect(timeoutMillis);
            if (!alive.isZero() && !alive.isNegative()) {
                session.setServerAliveInterval((int) alive.toMillis());
                session.setServerAliveCountMax(3);
            }
            if (proxy != null) {
                proxy.setReadTimeout(alive.isZero() || alive.isNegative() ? 0 : (int) alive.toMillis());
            }
            return session;
        } catch (JSchException e) {
            session.disconnect();
            if (proxy != null) {
                proxy.close();
            }
            throw new HostConnectException(ConnectFailures.explain(host, role, user, e, deadline.expired(),
                    connectTimeout, hostKeys.outcome(), auth, password, hostKeys.knownHostsFile(), proxy), e);
        } catch (RuntimeException e) {
            // JSch lets runtime exceptions through (a malformed key or packet); one host must not take the run down
            session.disconnect();
            if (proxy != null) {
                proxy.close();
            }
            throw new HostConnectException(new HostFailure(HostFailure.Kind.PROTOCOL_ERROR, "Could not connect to "
                    + role + " (" + host.target() + ") because of an internal error (" + e
                    + "). Try `ssh -v " + host.alias() + "`; if that works, please report this.", e.toString()), e);
        } finally {
            deadline.cancel();
            ConnectDeadline.unbindCurrentThread();
        }
    }

    /**
     * A known_hosts file given explicitly (--known-hosts) wins, as {@code -o} beats the config in OpenSSH;
     * else the host's UserKnownHostsFile; else {@code ~/.ssh/known_hosts}.
     */
    private Path knownHostsFor(HostSpec host) {
        Path standard = SshOptions.userSshDir().resolve("known_hosts");
        boolean explicit = !options.knownHostsFile().equals(standard);
        return explicit ? options.knownHostsFile() : host.knownHostsFile().orElse(standard);
    }

    /** The keys to offer and, for the failure message, what they were. */
    record AuthAttempt(List<Identity> identities, List<String> described, List<String> problems) {
    }

    private AuthAttempt identitiesFor(HostSpec host) {
        Set<Path> files = new LinkedHashSet<>(options.identityFiles());
        files.addAll(host.identityFiles());
        boolean explicit = !files.isEmpty();
        if (!explicit) {
            for (String name : DEFAULT_KEY_FILES) {
                Path p = SshOptions.userSshDir().resolve(name);
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        List<Identity> identities = new ArrayList<>();
        List<String> described = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Identity> agentKeys = agentKeys(problems);
        // as OpenSSH's pubkey_prepare: a key file the agent also holds is used through the agent, in the
        // file's place, so a passphrase is not asked for a key the agent has unlocked already
        List<Identity> agentRest = new ArrayList<>(agentKeys);
        for (Path file : files) {
            Optional<KeyFileIdentity> key = key(file, problems);
            if (key.isEmpty()) {
                continue;
            }
            Optional<Identity> inAgent = agentRest.stream()
                    .filter(a -> java.util.Arrays.equals(a.getPublicKeyBlob(), key.get().getPublicKeyBlobIfKnown()))
                    .findFirst();
            if (inAgent.isPresent()) {
                agentRest.remove(inAgent.get());
                identities.add(inAgent.get());
                described.add(file + " (through the agent)");
            } else {
                identities.add(key.get());
                described.add(file.toString());
            }
        }
        identities.addAll(agentRest);
        if (options.agentSocket().isPresent() && (agentKeys.isEmpty() || !agentRest.isEmpty())) {
            String other = agentRest.size() < agentKeys.size() ? " other" : "";
            described.add("the ssh-agent at " + options.agentSocket().get() + " (" + agentRest.size() + other
                    + (agentRest.size() == 1 ? " key" : " keys") + ")");
        }
        return new AuthAttempt(identities, described, problems);
    }

    private List<Identity> agentKeys(List<String> problems) {
        if (options.agentSocket().isEmpty()) {
            return List.of();
        }
        Path socket = options.agentSocket().get();
        try {
            return List.copyOf(new AgentIdentityRepository(
                    new SSHAgentConnector(new UnixDomainSocketFactory(), socket)).getIdentities());
        } catch (Exception | LinkageError e) {
            problems.add("the ssh-agent at " + socket + " did not answer (" + e.getMessage() + ")");
            return List.of();
        }
    }

    private Optional<KeyFileIdentity> key(Path file, List<String> problems) {
        KeyFileIdentity cached = keys.get(file);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!Files.isReadable(file)) {
            problems.add("the key file " + file + " does not exist or cannot be read");
            return Optional.empty();
        }
        try {
            KeyFileIdentity loaded = KeyFileIdentity.load(jsch, file, prompter);
            KeyFileIdentity raced = keys.putIfAbsent(file, loaded);
            return Optional.of(raced == null ? loaded : raced);
        } catch (JSchException e) {
            problems.add("the key file " + file + " could not be read as a private key (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
