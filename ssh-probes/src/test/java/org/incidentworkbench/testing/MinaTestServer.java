package org.incidentworkbench.testing;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;

/**
 * An in-JVM SSH server (Apache MINA sshd) that misbehaves on request, for the failures a real sshd
 * will not produce on cue: a command that hangs, a channel closed mid-output, 100 MB of output,
 * binary garbage, a missing command, refused keys, a changed host key, or (with
 * {@link Fault#SILENT_AFTER_ACCEPT}) a port that accepts TCP and never says a word.
 *
 * <pre>{@code
 * try (MinaTestServer mina = MinaTestServer.builder().fault(Fault.HANG).start()) {
 *     HostConnection c = new SshTransport(mina.sshOptions(), UserPrompter.NONE).connect(mina.hostSpec());
 * }
 * }</pre>
 *
 * <p>Commands without a fault run through {@code /bin/sh -c} as sshd would (not a login shell), with
 * {@code PATH} pointing at a shadow of the system's bin directories when commands are made
 * {@linkplain Builder#missingCommands missing}, so {@code sh} itself prints "not found" and exits 127.
 * MINA costs about 45 ms per channel: use it for behaviour, never for timings.
 *
 * <p>The fault can be changed while running ({@link #fault(Fault)}); thread-safe.
 */
public final class MinaTestServer implements AutoCloseable {

    static {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /** The password accepted under {@link Auth#PASSWORD_ONLY}. */
    public static final String PASSWORD = "iw-test-password";
    /** Bytes written by {@link Fault#HUGE_OUTPUT}. */
    public static final long HUGE_OUTPUT_BYTES = 100L * 1024 * 1024;
    /** Bytes written by {@link Fault#DROP_MID_OUTPUT} before the channel is closed. */
    public static final int DROP_AFTER_BYTES = 64 * 1024;

    /** How commands misbehave. */
    public enum Fault {
        /** Commands run normally. */
        NONE,
        /** Commands never print and never end. */
        HANG,
        /** Prints {@link #DROP_AFTER_BYTES} of text, then closes the channel without an exit status. */
        DROP_MID_OUTPUT,
        /** Prints some text, then closes the whole connection. */
        DROP_CONNECTION_MID_OUTPUT,
        /** Prints {@link #HUGE_OUTPUT_BYTES} of text lines, then exits 0. */
        HUGE_OUTPUT,
        /** Prints 1 MiB of random bytes (NULs, invalid UTF-8), then exits 0. */
        BINARY_GARBAGE,
        /** No SSH at all: a plain socket that accepts TCP connections and never writes a byte. */
        SILENT_AFTER_ACCEPT
    }

    /** What the server accepts as authentication. */
    public enum Auth {
        /** The generated user key ({@link #userKeyFile()}). */
        KEY,
        /** Only the password {@link #PASSWORD}; no key is accepted. */
        PASSWORD_ONLY,
        /** A key, but not the one the client has: every offered key is refused. */
        WRONG_KEY
    }

    private final Builder settings;
    private final Path dir;
    private final Path userKey;
    private final Path knownHosts;
    private volatile Fault fault;
    private volatile SshServer sshd;
    private volatile ServerSocket silent;
    private final List<Socket> silentClients = new CopyOnWriteArrayList<>();
    private final AtomicInteger hostKeyGeneration = new AtomicInteger();
    private final AtomicInteger commandsStarted = new AtomicInteger();
    private final Path shadowBin;
    private int port;

    private MinaTestServer(Builder b, Path dir, Path userKey, Path shadowBin) {
        this.settings = b;
        this.dir = dir;
        this.userKey = userKey;
        this.knownHosts = dir.resolve("known_hosts");
        this.fault = b.fault;
        this.shadowBin = shadowBin;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A well-behaved server accepting the generated key. */
    public static MinaTestServer start() {
        return builder().start();
    }

    /** Options for one server. */
    public static final class Builder {
        private Fault fault = Fault.NONE;
        private Auth auth = Auth.KEY;
        private Set<String> missing = Set.of();
        private String address = "127.0.0.1";

        private Builder() {
        }

        public Builder fault(Fault f) {
            this.fault = f;
            return this;
        }

        public Builder auth(Auth a) {
            this.auth = a;
            return this;
        }

        /** Commands {@code sh} will not find on PATH, for example {@code "iostat"}. */
        public Builder missingCommands(String... names) {
            this.missing = Set.of(names);
            return this;
        }

        public Builder address(String loopbackAddress) {
            this.address = loopbackAddress;
            return this;
        }

        public MinaTestServer start() {
            try {
                Path dir = Files.createTempDirectory("iw-mina-");
                Path userKey = dir.resolve("id_ed25519");
                writeKey(userKey);
                Path shadow = missing.isEmpty() ? null : shadowPath(dir.resolve("bin"), missing);
                MinaTestServer server = new MinaTestServer(this, dir, userKey, shadow);
                server.launch(0);
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the MINA test server: " + e.getMessage(), e);
            }
        }
    }

    private static void writeKey(Path file) throws IOException {
        try {
            KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
            pair.writeOpenSSHv1PrivateKey(file.toString());
            pair.writePublicKey(file + ".pub", "iw-mina-test");
            pair.dispose();
        } catch (JSchException e) {
            throw new IOException("Could not generate an ed25519 key: " + e.getMessage(), e);
        }
    }

    /** A directory of links to every program in the usual bin directories except the missing ones. */
    private static Path shadowPath(Path bin, Set<String> missing) throws IOException {
        Files.createDirectories(bin);
        for (String d : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            Path src = Path.of(d);
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (var files = Files.list(src)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    Path link = bin.resolve(name);
                    if (!missing.contains(name) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, f);
                    }
                }
            }
        }
        return bin;
    }

    private void launch(int wantedPort) throws IOException {
        if (fault == Fault.SILENT_AFTER_ACCEPT) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(settings.address), wantedPort), 50);
            silent = s;
            port = s.getLocalPort();
            Thread acceptor = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        silentClients.add(s.accept()); // held open, never written to
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-server-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
            Files.writeString(knownHosts, "");
            return;
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.address);
        server.setPort(wantedPort);
        Path hostKey = dir.resolve("host_key_" + hostKeyGeneration.get());
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        server.setKeyPairProvider(keys);
        switch (settings.auth) {
            case KEY -> server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(Path.of(userKey + ".pub")));
            case WRONG_KEY -> {
                Path other = dir.resolve("someone_else");
                if (!Files.exists(other)) {
                    writeKey(other);
                }
                server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(Path.of(other + ".pub")));
            }
            case PASSWORD_ONLY -> {
                server.setPublickeyAuthenticator((user, key, session) -> false);
                server.setPasswordAuthenticator((user, password, session) -> PASSWORD.equals(password));
            }
        }
        if (settings.auth != Auth.PASSWORD_ONLY) {
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
        }
        server.setCommandFactory((channel, command) -> new FaultCommand(command));
        server.start();
        sshd = server;
        port = server.getPort();
        writeKnownHosts(keys);
    }

    private void writeKnownHosts(SimpleGeneratorHostKeyProvider keys) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            for (java.security.KeyPair kp : keys.loadKeys(null)) {
                PublicKey pub = kp.getPublic();
                sb.append('[').append(settings.address).append("]:").append(port).append(' ')
                        .append(PublicKeyEntry.toString(pub)).append('\n');
            }
        } catch (RuntimeException e) {
            throw new IOException("Could not read the MINA host key: " + e.getMessage(), e);
        }
        Files.writeString(knownHosts, sb.toString());
    }

    /** Changes how commands behave from now on. */
    public void fault(Fault f) {
        if ((f == Fault.SILENT_AFTER_ACCEPT) != (fault == Fault.SILENT_AFTER_ACCEPT)) {
            throw new IllegalStateException("SILENT_AFTER_ACCEPT is a different server: start one with that fault.");
        }
        this.fault = f;
    }

    /**
     * Restarts on the same port with a freshly generated host key, leaving {@link #knownHostsFile()}
     * as it was: the next connection sees a changed key, as after a reinstall or a man in the middle.
     */
    public void changeHostKey() {
        try {
            byte[] oldKnownHosts = Files.readAllBytes(knownHosts);
            sshd.stop(true);
            hostKeyGeneration.incrementAndGet();
            launch(port);
            Files.write(knownHosts, oldKnownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart the MINA server with a new host key: " + e.getMessage(), e);
        }
    }

    /** The host public key line as OpenSSH writes it ({@code ecdsa-sha2-nistp256 AAAA...}) of the current key. */
    public String currentHostKeyLine() {
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(
                dir.resolve("host_key_" + hostKeyGeneration.get()));
        for (java.security.KeyPair kp : keys.loadKeys(null)) {
            return PublicKeyEntry.toString(kp.getPublic());
        }
        throw new IllegalStateException("The MINA server has no host key.");
    }

    public String address() {
        return settings.address;
    }

    public int port() {
        return port;
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path userKeyFile() {
        return userKey;
    }

    /** A known_hosts with this server's (original) host key under {@code [address]:port}. */
    public Path knownHostsFile() {
        return knownHosts;
    }

    /** How many commands the server has been asked to run (channels that reached a command). */
    public int commandsStarted() {
        return commandsStarted.get();
    }

    /** This server as a host, with the generated key and a 5 s connect timeout. */
    public HostSpec hostSpec() {
        return new HostSpec("mina-" + settings.address + "-" + port, Optional.of(user()), settings.address, port,
                List.of(userKey), List.of(), Duration.ofSeconds(5), HostSpec.DEFAULT_SERVER_ALIVE);
    }

    /** Options trusting this server's original host key, no agent. */
    public SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHostsFile(knownHosts).withoutAgent();
    }

    @Override
    public void close() {
        try {
            if (sshd != null) {
                sshd.stop(true);
            }
            if (silent != null) {
                silent.close();
                for (Socket s : silentClients) {
                    s.close();
                }
            }
        } catch (IOException ignored) {
            // closing a test server
        }
        OpenSshTestServer.deleteTree(dir);
    }

    /** One command on one channel, behaving as the server's current fault says. */
    private final class FaultCommand implements Command {
        private final String command;
        private final Fault mode = fault;
        private OutputStream out;
        private OutputStream err;
        private InputStream in;
        private ExitCallback exit;
        private volatile Process process;
        private volatile Thread worker;

        FaultCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commandsStarted.incrementAndGet();
            if (mode == Fault.HANG) {
                return; // no output, no exit: only the client's timeout ends this
            }
            worker = new Thread(() -> run(channel), "mina-command");
            worker.setDaemon(true);
            worker.start();
        }

        private void run(ChannelSession channel) {
            try {
                switch (mode) {
                    case DROP_MID_OUTPUT -> {
                        writeLines(DROP_AFTER_BYTES);
                        channel.close(false); // graceful: the client sees CHANNEL_CLOSE, no exit-status
                    }
                    case DROP_CONNECTION_MID_OUTPUT -> {
                        writeLines(DROP_AFTER_BYTES);
                        channel.getSession().close(true);
                    }
                    case HUGE_OUTPUT -> {
                        writeLines(HUGE_OUTPUT_BYTES);
                        exit.onExit(0);
                    }
                    case BINARY_GARBAGE -> {
                        byte[] junk = new byte[1024 * 1024];
                        new Random(42).nextBytes(junk);
                        junk[0] = 0;
                        junk[1] = (byte) 0xff;
                        out.write(junk);
                        out.flush();
                        exit.onExit(0);
                    }
                    default -> runShell();
                }
            } catch (IOException | InterruptedException e) {
                // the client went away (closed the channel after its cap or timeout): nothing to report to
                if (process != null) {
                    process.destroyForcibly();
                }
            }
        }

        private void writeLines(long bytes) throws IOException {
            byte[] line = new byte[1024];
            java.util.Arrays.fill(line, (byte) 'x');
            line[line.length - 1] = '\n';
            for (long written = 0; written < bytes; written += line.length) {
                out.write(line, 0, (int) Math.min(line.length, bytes - written));
            }
            out.flush();
        }

        private void runShell() throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
            if (shadowBin != null) {
                pb.environment().put("PATH", shadowBin.toString());
            }
            Process p = pb.start();
            process = p;
            p.getOutputStream().close();
            Thread errPump = new Thread(() -> pump(p.getErrorStream(), err), "mina-stderr");
            errPump.setDaemon(true);
            errPump.start();
            pump(p.getInputStream(), out);
            errPump.join();
            exit.onExit(p.waitFor());
        }

        private void pump(InputStream from, OutputStream to) {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = from.read(buf)) > 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException clientGone) {
                // channel closed under us
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
            Thread w = worker;
            if (w != null) {
                w.interrupt();
            }
        }
    }
}
