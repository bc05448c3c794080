package org.incidentworkbench.app.cli;

import java.io.IOException;
import java.io.PrintStream;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;

/**
 * N real OpenSSH daemons on 127.0.1.1, 127.0.1.2, ... for {@code workbench bench triage} and
 * {@code workbench bench sample} (which needs a daemon's pid to charge its sessions' CPU): one host key
 * and one user key generated in a temp dir, each daemon with its own config, a known_hosts naming them
 * all, and an ssh_config ({@code Host lab-1 ...}) so OpenSSH's own {@code ssh} client can run the
 * baselines against the same servers. The daemons run as the current user (root on a lab machine,
 * whose login shell then reads root's real {@code .bashrc}: the realistic cost per channel).
 *
 * <p>The test harness {@code OpenSshTestServer} does the same for tests but lives in a test-jar, which
 * the shipped product cannot use; this is its minimal twin for the benchmarks. Not thread-safe; close it
 * to stop the daemons and their sessions and delete the keys.
 */
final class SshdLab implements AutoCloseable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path dir;
    private final List<Process> daemons = new ArrayList<>();
    private final List<HostSpec> hosts = new ArrayList<>();
    private final Path userKey;
    private final Path knownHosts;
    private final Path clientConfig;

    private SshdLab(Path dir) {
        this.dir = dir;
        this.userKey = dir.resolve("id_ed25519");
        this.knownHosts = dir.resolve("known_hosts");
        this.clientConfig = dir.resolve("ssh_config");
    }

    /** Whether OpenSSH's server and ssh-keygen are installed, so that {@link #start} can work. */
    static boolean available() {
        return Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
    }

    /**
     * Starts {@code count} daemons.
     *
     * @throws IllegalStateException with a sentence saying what to install when OpenSSH is missing
     */
    static SshdLab start(int count, PrintStream progress) throws IOException {
        if (!available()) {
            throw new IllegalStateException("the benchmark starts real OpenSSH servers, and " + SSHD + " or "
                    + SSH_KEYGEN + " is missing: install them with 'apt-get install openssh-server openssh-client'.");
        }
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("The lab holds 1 to 250 hosts, not " + count + ".");
        }
        SshdLab lab = new SshdLab(Files.createTempDirectory("iw-bench-sshd-"));
        try {
            lab.launch(count, progress);
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void launch(int count, PrintStream progress) throws IOException {
        try {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation dir; the package creates none here
        } catch (IOException | SecurityException ignored) {
            // not root: sshd says so in its log, shown below if it fails
        }
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "iw-bench", "-f", hostKey.toString()));
        run(List.of(SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "iw-bench", "-f", userKey.toString()));
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(Path.of(userKey + ".pub"), authorized);
        String[] hostPub = Files.readString(Path.of(hostKey + ".pub")).trim().split(" ");
        String user = System.getProperty("user.name");
        StringBuilder known = new StringBuilder();
        StringBuilder client = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String address = "127.0.1." + i;
            int port = freePort(address);
            Path config = dir.resolve("sshd_config_" + i);
            Files.writeString(config, String.join("\n",
                    "ListenAddress " + address,
                    "Port " + port,
                    "HostKey " + hostKey,
                    "AuthorizedKeysFile " + authorized,
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "PidFile " + dir.resolve("sshd_" + i + ".pid"),
                    "MaxStartups 200:30:400", // bench sample logs in 100 sessions at once to one daemon
                    "LogLevel ERROR") + "\n");
            Path log = dir.resolve("sshd_" + i + ".log");
            Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            daemons.add(p);
            if (!waitUntilListening(p, address, port, Duration.ofSeconds(10))) {
                throw new IOException("sshd did not start on " + address + ":" + port + "; its log says: "
                        + Files.readString(log).strip());
            }
            known.append('[').append(address).append("]:").append(port).append(' ').append(hostPub[0]).append(' ')
                    .append(hostPub[1]).append('\n');
            client.append("Host lab-").append(i).append("\n  HostName ").append(address).append("\n  Port ").append(port)
                    .append("\n  User ").append(user).append('\n');
            hosts.add(new HostSpec("lab-" + i, Optional.of(user), address, port, List.of(userKey), List.of(),
                    HostSpec.DEFAULT_CONNECT_TIMEOUT, HostSpec.DEFAULT_SERVER_ALIVE));
        }
        Files.writeString(knownHosts, known);
        client.append("Host lab-*\n  IdentityFile ").append(userKey).append("\n  IdentitiesOnly yes\n  BatchMode yes\n")
                .append("  StrictHostKeyChecking yes\n  UserKnownHostsFile ").append(knownHosts)
                .append("\n  ControlMaster no\n  LogLevel ERROR\n");
        Files.writeString(clientConfig, client);
        progress.println("bench: " + count + " sshd running on 127.0.1.1" + (count == 1 ? "" : "-" + count) + " as " + user);
    }

    List<HostSpec> hosts() {
        return List.copyOf(hosts);
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** Transport options that trust exactly the lab's daemons and use only the lab's user key. */
    SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHostsFile(knownHosts).withoutAgent();
    }

    /** The pid of the listening daemon of {@code hosts().get(index)}: its sessions are the pid's descendants. */
    long pid(int index) {
        return daemons.get(index).pid();
    }

    /** The first line of {@code sshd -V} (OpenSSH's version), or "unknown". */
    static String version() {
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

    /** The ssh_config for OpenSSH's client ({@code ssh -F FILE lab-1}). */
    Path clientConfig() {
        return clientConfig;
    }

    @Override
    public void close() {
        for (Process p : daemons) {
            // sessions (and the remote loops they run) outlive a daemon's SIGTERM: end them first
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
        }
        for (Process p : daemons) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        while (System.nanoTime() < deadline && process.isAlive()) {
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
}
