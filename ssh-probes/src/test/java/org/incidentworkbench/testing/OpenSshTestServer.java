package org.incidentworkbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH {@code sshd} on a free loopback port, with keys it generates, for tests that must
 * talk to the server our users have (JSch quirks, login shells, MaxSessions) rather than to MINA.
 *
 * <pre>{@code
 * OpenSshTestServer.assumeAvailable();
 * try (OpenSshTestServer sshd = OpenSshTestServer.start()) {
 *     HostConnection c = new SshTransport(sshd.sshOptions(), UserPrompter.NONE).connect(sshd.hostSpec());
 * }
 * }</pre>
 *
 * <p>The daemon runs as the current user (root in CI: {@code PermitRootLogin prohibit-password}),
 * with {@code UsePAM no} and {@code StrictModes no} so that keys in a temp dir are accepted, an
 * absolute {@code AuthorizedKeysFile} holding every user key generated, and its {@code PidFile},
 * log and keys in one temp dir removed by {@link #close()}. A {@code known_hosts} naming the host
 * key as OpenSSH writes it ({@code [127.0.0.x]:port}) is written beside them. TCP forwarding is
 * allowed, so a server can serve as a {@code ProxyJump} bastion.
 *
 * <p>Thread-safe for reading accessors; start and close from one thread.
 */
public final class OpenSshTestServer implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    public static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    /** The passphrase of the {@link UserKey#ENCRYPTED_ED25519} key. */
    public static final String ENCRYPTED_KEY_PASSPHRASE = "correct horse battery staple";

    /** User keys a server can be started with; every one is in its authorized_keys. */
    public enum UserKey {
        ED25519("ed25519", "-t", "ed25519"),
        ENCRYPTED_ED25519("ed25519_encrypted", "-t", "ed25519"),
        ECDSA("ecdsa", "-t", "ecdsa", "-b", "256"),
        RSA("rsa", "-t", "rsa", "-b", "2048");

        private final String fileSuffix;
        private final List<String> keygenArgs;

        UserKey(String fileSuffix, String... keygenArgs) {
            this.fileSuffix = fileSuffix;
            this.keygenArgs = List.of(keygenArgs);
        }
    }

    /** Daemons still running, stopped by a shutdown hook if a test run ends without closing them. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "openssh-test-server-cleanup"));
    }

    private final Path dir;
    private final String address;
    private final int port;
    private final Process process;
    private final Path hostKey;
    private final Path knownHosts;
    private final Path log;
    private final Map<UserKey, Path> userKeys;

    private OpenSshTestServer(Path dir, String address, int port, Process process, Path hostKey, Path knownHosts,
                              Path log, Map<UserKey, Path> userKeys) {
        this.dir = dir;
        this.address = address;
        this.port = port;
        this.process = process;
        this.hostKey = hostKey;
        this.knownHosts = knownHosts;
        this.log = log;
        this.userKeys = userKeys;
    }

    /**
     * Skips the calling test when {@code /usr/sbin/sshd} (or ssh-keygen) is missing, or fails it when
     * the system property {@code workbench.requireSshd} is {@code true} (as {@code .ci/run} sets).
     */
    public static void assumeAvailable() {
        assumeAvailable(SSHD, SSH_KEYGEN);
    }

    static void assumeAvailable(Path sshd, Path keygen) {
        boolean present = Files.isExecutable(sshd) && Files.isExecutable(keygen);
        if (present) {
            return;
        }
        String message = "OpenSSH server is not installed (" + sshd + " or " + keygen
                + " missing): run `apt-get install openssh-server` to run the tests against a real sshd.";
        if (Boolean.getBoolean("workbench.requireSshd")) {
            Assertions.fail(message + " The property workbench.requireSshd=true makes this a failure.");
        }
        Assumptions.abort(message);
    }

    /** An sshd on 127.0.0.1 with an ed25519 user key. */
    public static OpenSshTestServer start() {
        return builder().start();
    }

    /**
     * {@code count} servers on 127.0.0.2, 127.0.0.3, ... (distinct addresses, as distinct hosts),
     * started four at a time: twenty take about a second instead of several.
     */
    public static List<OpenSshTestServer> startMany(int count) {
        assumeAvailable();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<OpenSshTestServer>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = "127.0.0." + (2 + i);
            futures.add(pool.submit(() -> builder().address(address).start()));
        }
        pool.shutdown();
        List<OpenSshTestServer> servers = new ArrayList<>();
        RuntimeException failure = null;
        for (java.util.concurrent.Future<OpenSshTestServer> f : futures) {
            try {
                servers.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("Interrupted while starting test servers.", e);
            }
        }
        if (failure != null) {
            servers.forEach(OpenSshTestServer::close);
            throw failure;
        }
        return servers;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for one server: address, extra user keys, forwarding. */
    public static final class Builder {
        private String address = "127.0.0.1";
        private final List<UserKey> keys = new ArrayList<>(List.of(UserKey.ED25519));
        private boolean allowTcpForwarding = true;
        private final List<String> extraConfig = new ArrayList<>();
        private boolean readableByAllUsers;
        private boolean ownPidNamespace;
        private final List<String> matchBlocks = new ArrayList<>();

        private Builder() {
        }

        /** A loopback address such as 127.0.0.7 (Linux answers on all of 127/8). */
        public Builder address(String loopbackAddress) {
            this.address = loopbackAddress;
            return this;
        }

        /** Also generates this user key and authorizes it. */
        public Builder withUserKey(UserKey key) {
            if (!keys.contains(key)) {
                keys.add(key);
            }
            return this;
        }

        public Builder allowTcpForwarding(boolean allow) {
            this.allowTcpForwarding = allow;
            return this;
        }

        /** A raw sshd_config line, for example {@code MaxSessions 4}; it overrides the harness's own setting. */
        public Builder config(String line) {
            extraConfig.add(line);
            return this;
        }

        /**
         * Lets other local users log in (a {@link LocalUser}): sshd reads the shared authorized_keys as the
         * login user, so the temp dir and that file become world-readable (the private keys stay 0600).
         */
        public Builder readableByAllUsers() {
            this.readableByAllUsers = true;
            return this;
        }

        /**
         * Runs sshd in a PID and mount namespace of its own ({@code unshare}, root only), so that a login's
         * {@code ps}, {@code top} and {@code mount} see the processes and mounts started through it and not the
         * test's JVM or the rest of the machine. Load and CPU figures stay machine-wide.
         */
        public Builder inOwnPidNamespace() {
            this.ownPidNamespace = true;
            return this;
        }

        /**
         * Chroots {@code user}'s sessions into {@code root} ({@code Match User} with {@code ChrootDirectory}),
         * as a {@link BusyBoxRoot} provides; implies {@link #readableByAllUsers()}.
         */
        public Builder chroot(String user, Path root) {
            readableByAllUsers();
            matchBlocks.add("Match User " + user + "\n    ChrootDirectory " + root);
            return this;
        }

        public OpenSshTestServer start() {
            assumeAvailable();
            try {
                return launch(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test sshd on " + address + ": " + e.getMessage(), e);
            }
        }
    }

    private static OpenSshTestServer launch(Builder b) throws IOException {
        Path dir = Files.createTempDirectory("iw-sshd-");
        try {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir; the package creates none here
        } catch (IOException | SecurityException ignored) {
            // not root: sshd then reports the missing dir in its log, which the failure below shows
        }
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        keygen(hostKey, "", List.of("-t", "ed25519"));
        Map<UserKey, Path> userKeys = new EnumMap<>(UserKey.class);
        StringBuilder authorized = new StringBuilder();
        for (UserKey key : b.keys) {
            Path file = dir.resolve("id_" + key.fileSuffix);
            keygen(file, key == UserKey.ENCRYPTED_ED25519 ? ENCRYPTED_KEY_PASSPHRASE : "", key.keygenArgs);
            userKeys.put(key, file);
            authorized.append(Files.readString(Path.of(file + ".pub"))).append('\n');
        }
        Path authorizedKeys = dir.resolve("authorized_keys");
        Files.writeString(authorizedKeys, authorized);
        if (b.readableByAllUsers) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(authorizedKeys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Path log = dir.resolve("sshd.log");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort(b.address);
            Path config = dir.resolve("sshd_config");
            // sshd takes the first value of a keyword: extra lines go first so they override ours
            Files.writeString(config, String.join("\n",
                    String.join("\n", b.extraConfig),
                    "ListenAddress " + b.address,
                    "Port " + port,
                    "HostKey " + hostKey,
                    "AuthorizedKeysFile " + authorizedKeys,
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AllowTcpForwarding " + (b.allowTcpForwarding ? "yes" : "no"),
                    "MaxStartups 100:30:200",
                    "LogLevel INFO",
                    // Match blocks last: each runs to the end of the file
                    String.join("\n", b.matchBlocks)) + "\n");
            List<String> command = new ArrayList<>();
            if (b.ownPidNamespace) {
                command.addAll(List.of("unshare", "--pid", "--mount-proc", "--kill-child"));
            }
            command.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString(), "-p", String.valueOf(port), "-h",
                    hostKey.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            RUNNING.add(process);
            if (waitUntilListening(process, b.address, port, Duration.ofSeconds(10))) {
                Path knownHosts = dir.resolve("known_hosts");
                String hostPub = Files.readString(Path.of(hostKey + ".pub")).trim();
                String[] parts = hostPub.split(" ");
                Files.writeString(knownHosts, "[" + b.address + "]:" + port + " " + parts[0] + " " + parts[1] + "\n");
                return new OpenSshTestServer(dir, b.address, port, process, hostKey, knownHosts, log, userKeys);
            }
            process.destroyForcibly();
            RUNNING.remove(process);
            last = new IOException("sshd did not listen on " + b.address + ":" + port + "; its log says: "
                    + readQuietly(log));
        }
        deleteTree(dir);
        throw last;
    }

    private static void keygen(Path file, String passphrase, List<String> typeArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q"));
        cmd.addAll(typeArgs);
        cmd.addAll(List.of("-N", passphrase, "-C", "iw-test", "-f", file.toString()));
        run(cmd);
    }

    static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("Interrupted while running " + cmd.get(0), e);
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    private static boolean waitUntilListening(Process process, String address, int port, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 200);
                return true;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** The login user: the user running the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** The ed25519 user key (no passphrase). */
    public Path userKeyFile() {
        return userKeys.get(UserKey.ED25519);
    }

    /** A user key the server was built {@link Builder#withUserKey with}. */
    public Path userKeyFile(UserKey key) {
        Path file = userKeys.get(key);
        if (file == null) {
            throw new IllegalStateException("This server was not started with the " + key
                    + " user key: use OpenSshTestServer.builder().withUserKey(UserKey." + key + ").");
        }
        return file;
    }

    /** The server's ed25519 host key (private; {@code .pub} beside it). */
    public Path hostKeyFile() {
        return hostKey;
    }

    /** The host key line as in {@code ssh_host_ed25519_key.pub}: {@code ssh-ed25519 AAAA... comment}. */
    public String hostPublicKey() {
        return readQuietly(Path.of(hostKey + ".pub")).trim();
    }

    /** A known_hosts holding this server's key in plain form ({@code [address]:port ssh-ed25519 ...}). */
    public Path knownHostsFile() {
        return knownHosts;
    }

    /** A fresh copy of {@link #knownHostsFile()} hashed by {@code ssh-keygen -H}, as HashKnownHosts writes. */
    public Path hashedKnownHostsFile() {
        try {
            Path hashed = Files.createTempFile(dir, "known_hosts_hashed", "");
            Files.copy(knownHosts, hashed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            run(List.of(SSH_KEYGEN.toString(), "-q", "-H", "-f", hashed.toString()));
            Files.deleteIfExists(Path.of(hashed + ".old"));
            return hashed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The temp dir holding keys, config and log; deleted on close. */
    public Path directory() {
        return dir;
    }

    /** What sshd logged so far (for assertion messages). */
    public String log() {
        return readQuietly(log);
    }

    /** This server as a host: user, address, port, and the ed25519 user key. */
    public HostSpec hostSpec() {
        return hostSpec(UserKey.ED25519);
    }

    /** This server as a host authenticating with the given user key. */
    public HostSpec hostSpec(UserKey key) {
        HostSpec base = HostSpec.of("sshd-" + address, Optional.of(user()), address, port);
        return new HostSpec(base.alias(), base.user(), base.hostname(), base.port(), List.of(userKeyFile(key)),
                List.of(), Duration.ofSeconds(5), base.serverAliveInterval());
    }

    /** This server as a host for another login user (a {@link LocalUser}), with the ed25519 user key. */
    public HostSpec hostSpec(String loginUser) {
        HostSpec base = hostSpec();
        return new HostSpec("sshd-" + loginUser + "-" + address, Optional.of(loginUser), address, port, base.identityFiles(),
                List.of(), Duration.ofSeconds(5), base.serverAliveInterval());
    }

    /** Options that trust exactly this server's host key and use no agent. */
    public SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHostsFile(knownHosts).withoutAgent();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The listening daemon's pid: its sessions are its descendants (the sample benchmark charges their CPU). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        RUNNING.remove(process);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(dir);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
