package org.incidentworkbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.testing.OpenSshTestServer;

/**
 * N real OpenSSH daemons on 127.0.1.1, 127.0.1.2, ... for {@code workbench bench triage} and
 * {@code workbench bench sample}, started by the tests' own {@link OpenSshTestServer} (from ssh-probes'
 * test-jar, so the benchmarks measure the servers the tests run against): a known_hosts naming them all and
 * an ssh_config ({@code Host lab-1 ...}) so OpenSSH's own {@code ssh} client can run the baselines against
 * the same servers. The daemons run as the current user (root on a lab machine, whose login shell then reads
 * root's real {@code .bashrc}: the realistic cost per channel). Close it to stop them and delete their keys.
 */
final class SshdLab implements AutoCloseable {

    private final List<OpenSshTestServer> servers;
    private final List<HostSpec> hosts = new ArrayList<>();
    private final Path dir;
    private final Path knownHosts;
    private final Path clientConfig;

    private SshdLab(List<OpenSshTestServer> servers) throws IOException {
        this.servers = servers;
        this.dir = Files.createTempDirectory("iw-bench-sshd-");
        this.knownHosts = dir.resolve("known_hosts");
        this.clientConfig = dir.resolve("ssh_config");
        String user = System.getProperty("user.name");
        StringBuilder known = new StringBuilder();
        StringBuilder client = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            OpenSshTestServer s = servers.get(i);
            String alias = "lab-" + (i + 1);
            known.append(Files.readString(s.knownHostsFile()));
            client.append("Host ").append(alias).append("\n  HostName ").append(s.address()).append("\n  Port ").append(s.port())
                    .append("\n  User ").append(user).append("\n  IdentityFile ").append(s.userKeyFile()).append('\n');
            hosts.add(new HostSpec(alias, Optional.of(user), s.address(), s.port(), List.of(s.userKeyFile()), List.of(),
                    HostSpec.DEFAULT_CONNECT_TIMEOUT, HostSpec.DEFAULT_SERVER_ALIVE));
        }
        Files.writeString(knownHosts, known);
        client.append("Host lab-*\n  IdentitiesOnly yes\n  BatchMode yes\n  StrictHostKeyChecking yes\n  UserKnownHostsFile ")
                .append(knownHosts).append("\n  ControlMaster no\n  LogLevel ERROR\n");
        Files.writeString(clientConfig, client);
    }

    /** Whether OpenSSH's server and ssh-keygen are installed, so that {@link #start} can work. */
    static boolean available() {
        return Files.isExecutable(OpenSshTestServer.SSHD) && Files.isExecutable(OpenSshTestServer.SSH_KEYGEN);
    }

    /**
     * Starts {@code count} daemons, four at a time.
     *
     * @throws IllegalStateException with a sentence saying what to install when OpenSSH is missing
     */
    static SshdLab start(int count, PrintStream progress) throws IOException {
        return start(count, false, progress);
    }

    /**
     * Whether this machine lets the lab put each daemon in a PID namespace of its own ({@code unshare --pid
     * --mount-proc}: root, or unprivileged user namespaces with a mount namespace).
     */
    static boolean ownPidNamespacesAvailable() {
        try {
            Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--kill-child", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * As {@link #start(int, PrintStream)}; with {@code ownPidNamespaces} each daemon and its sessions run in a PID
     * namespace of their own, so a host's {@code ps}, {@code top} and {@code ss -p} see that host's processes, as on a
     * real server, not every process of the machine (the other hosts' shells and probes included).
     */
    static SshdLab start(int count, boolean ownPidNamespaces, PrintStream progress) throws IOException {
        if (!available()) {
            throw new IllegalStateException("the benchmark starts real OpenSSH servers, and " + OpenSshTestServer.SSHD + " or "
                    + OpenSshTestServer.SSH_KEYGEN + " is missing: install them with 'apt-get install openssh-server openssh-client'.");
        }
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("The lab holds 1 to 250 hosts, not " + count + ".");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<OpenSshTestServer>> starting = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String address = "127.0.1." + i;
            // bench sample logs in 100 sessions at once to one daemon; quiet logs, as the benchmark reads none
            starting.add(pool.submit(() -> {
                OpenSshTestServer.Builder b = OpenSshTestServer.builder().address(address)
                        .config("MaxStartups 200:30:400").config("LogLevel ERROR");
                return (ownPidNamespaces ? b.inOwnPidNamespace() : b).start();
            }));
        }
        pool.shutdown();
        List<OpenSshTestServer> servers = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<OpenSshTestServer> f : starting) {
            try {
                servers.add(f.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while starting the lab's sshd.", e);
            }
        }
        if (failure != null) {
            servers.forEach(OpenSshTestServer::close);
            throw failure;
        }
        progress.println("bench: " + count + " sshd running on 127.0.1.1" + (count == 1 ? "" : "-" + count) + " as "
                + System.getProperty("user.name") + (ownPidNamespaces ? ", each in a PID namespace of its own" : ""));
        return new SshdLab(servers);
    }

    List<HostSpec> hosts() {
        return List.copyOf(hosts);
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** Transport options that trust exactly the lab's daemons and use only the lab's user keys. */
    SshOptions sshOptions() {
        return SshOptions.defaults().withKnownHostsFile(knownHosts).withoutAgent();
    }

    /** The pid of the listening daemon of {@code hosts().get(index)}: its sessions are the pid's descendants. */
    long pid(int index) {
        return servers.get(index).pid();
    }

    /** The first line of {@code sshd -V} (OpenSSH's version), or "unknown". */
    static String version() {
        try {
            Process v = new ProcessBuilder(OpenSshTestServer.SSHD.toString(), "-V").redirectErrorStream(true).start();
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
        for (OpenSshTestServer s : servers) {
            // sessions (and the remote loops they run) outlive a daemon's SIGTERM: end them first
            ProcessHandle.of(s.pid()).ifPresent(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
            s.close();
        }
        try {
            Files.deleteIfExists(knownHosts);
            Files.deleteIfExists(clientConfig);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
