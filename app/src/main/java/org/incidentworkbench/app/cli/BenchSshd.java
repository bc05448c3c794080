package org.incidentworkbench.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;

/**
 * A throwaway OpenSSH {@code sshd} on a free loopback port, for benchmarks that must measure the real
 * server (the test harness {@code OpenSshTestServer} lives in test scope, out of the shipped jar's reach).
 * Generates an ed25519 host and user key in a temp dir, runs {@code /usr/sbin/sshd -D} as the current
 * user with key authentication only, and removes everything on {@link #close()}. Loopback only.
 */
final class BenchSshd implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path dir;
    private final Process process;
    private final int port;
    private final Path userKey;
    private final Path knownHosts;

    private BenchSshd(Path dir, Process process, int port, Path userKey, Path knownHosts) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.userKey = userKey;
        this.knownHosts = knownHosts;
    }

    static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(KEYGEN);
    }

    static BenchSshd start() throws IOException {
        if (!available()) {
            throw new IOException("OpenSSH server is not installed (" + SSHD + "): run `apt-get install openssh-server`.");
        }
        Path dir = Files.createTempDirectory("iw-bench-sshd-");
        try {
            Files.createDirectories(Path.of("/run/sshd"));
        } catch (IOException | SecurityException ignored) {
            // not root: sshd names the missing privilege-separation dir in its log
        }
        Path hostKey = dir.resolve("host_ed25519");
        Path userKey = dir.resolve("id_ed25519");
        run(List.of(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "iw-bench", "-f", hostKey.toString()));
        run(List.of(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "iw-bench", "-f", userKey.toString()));
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, Files.readString(Path.of(userKey + ".pub")));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "ListenAddress 127.0.0.1", "Port " + port, "HostKey " + hostKey,
                "AuthorizedKeysFile " + authorized, "PubkeyAuthentication yes", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no", "PermitRootLogin prohibit-password",
                "PidFile " + dir.resolve("sshd.pid"), "MaxStartups 200:30:400", "LogLevel ERROR") + "\n");
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while starting sshd.", e);
                }
            }
        }
        String[] pub = Files.readString(Path.of(hostKey + ".pub")).trim().split(" ");
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n");
        return new BenchSshd(dir, p, port, userKey, knownHosts);
    }

    HostSpec hostSpec() {
        return hostSpec("bench-sshd");
    }

    /** The daemon under another alias: many "hosts" that are sessions of this one server. */
    HostSpec hostSpec(String alias) {
        return new HostSpec(alias, Optional.of(System.getProperty("user.name")), "127.0.0.1", port, List.of(userKey),
                List.of(), HostSpec.DEFAULT_CONNECT_TIMEOUT, HostSpec.DEFAULT_SERVER_ALIVE);
    }

    SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHostsFile(knownHosts).withoutAgent();
    }

    /** The listening daemon's pid: the sessions are its descendants. */
    long pid() {
        return process.pid();
    }

    String version() {
        try {
            Process v = new ProcessBuilder(SSHD.toString(), "-V").redirectErrorStream(true).start();
            String out = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            v.waitFor(5, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + cmd.get(0), e);
        }
    }
}
