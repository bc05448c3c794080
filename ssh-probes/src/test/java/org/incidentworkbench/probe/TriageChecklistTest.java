package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.parse.SystemdReport;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The checklist probes (kernel counters, systemd) through a real OpenSSH sshd, with each condition made real
 * on this machine while the triage runs:
 * <ul>
 * <li>retransmits, a listen queue overflow and interface drops inside a network namespace the test creates
 *     (an nftables input rule {@code numgen random mod 100 < 5 drop} under a bulk TCP sender, a listener with
 *     backlog 1 that never accepts, a veth whose peer's MTU refuses the datagrams sent into it); the sshd's
 *     {@code ForceCommand} runs the triage's shell in that namespace, so its {@code /proc/net} is the
 *     namespace's and nothing else on the machine adds to the counters;</li>
 * <li>a memory cgroup of 16 MiB out of memory: on cgroup v1 with its OOM killer disabled, so it stays
 *     {@code under_oom} without a kill or a kernel log line ({@code mem.cgroup-under-oom}); on v2 (no such switch) a
 *     real OOM kill, read back as {@code mem.cgroup-oom};</li>
 * <li>file handles, CPUs and the run queue from the machine's own values, and systemd as it is here.</li>
 * </ul>
 * Needs root, {@code ip} (iproute2), {@code nft} (nftables) and perl (for the sockets); skips with the package's
 * name otherwise, and {@code -Dworkbench.requireSshd=true} (CI, as root) turns a missing package into a failure.
 */
class TriageChecklistTest {

    private static final String PERL_LISTEN = "use IO::Socket::INET; $|=1; my $s=IO::Socket::INET->new(Listen=>%d,"
            + "LocalAddr=>'127.0.0.1:%d',ReuseAddr=>1) or die \"listen: $!\"; print \"ready\\n\"; %s";

    private static TriageReport triage(OpenSshTestServer sshd, List<Probe<?>> probes) {
        TriageSettings settings = TriageSettings.standard().withProbes(probes);
        return new TriageRunner(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), settings, Findings::evaluate)
                .triage(sshd.hostSpec());
    }

    private static void assumeRootWith(String tool, String pkg) {
        String message = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            message = "Network namespaces, nftables rules and memory cgroups need root: run the tests as root (as .ci/run does).";
            Assumptions.abort(message);
        }
        if (!Files.isExecutable(Path.of(tool))) {
            message = tool + " is missing: run `apt-get install " + pkg + "` to make the checklist's conditions real.";
            if (Boolean.getBoolean("workbench.requireSshd")) {
                Assertions.fail(message + " The property workbench.requireSshd=true makes this a failure.");
            }
            Assumptions.abort(message);
        }
    }

    @Test
    void retransmitsListenOverflowsAndInterfaceDropsInANetworkNamespace() throws Exception {
        assumeRootWith("/usr/sbin/nft", "nftables");
        assumeRootWith("/usr/sbin/ip", "iproute2");
        assumeRootWith("/usr/bin/perl", "perl-base");
        OpenSshTestServer.assumeAvailable();
        String ns = "iwck" + ProcessHandle.current().pid();
        List<Process> traffic = new ArrayList<>();
        run("ip", "netns", "add", ns);
        try {
            inNs(ns, "ip", "link", "set", "lo", "up");
            run("ip", "netns", "exec", ns, "nft", "add table inet iwck; add chain inet iwck in { type filter hook input priority 0; };"
                    + " add rule inet iwck in tcp dport 9000 numgen random mod 100 < 5 drop");
            inNs(ns, "ip", "link", "add", "iwa", "type", "veth", "peer", "name", "iwb");
            inNs(ns, "ip", "addr", "add", "10.99.0.1/24", "dev", "iwa");
            inNs(ns, "ip", "link", "set", "iwb", "mtu", "576", "up");
            inNs(ns, "ip", "link", "set", "iwa", "up");
            inNs(ns, "ip", "neigh", "add", "10.99.0.9", "lladdr", "02:00:00:00:00:09", "dev", "iwa");
            // a receiver that reads all, and a sender that never stops: 5 % of its segments are dropped on input
            traffic.add(started(ns, String.format(PERL_LISTEN, 5, 9000, "my $c=$s->accept; my $b; while (sysread($c,$b,65536)) {}")));
            traffic.add(perl(ns, "use IO::Socket::INET; my $c=IO::Socket::INET->new(PeerAddr=>'127.0.0.1:9000') or die; "
                    + "my $b='x' x 16384; while (syswrite($c,$b)) {}"));
            // a listener with backlog 1 that never accepts, and a connection attempt every 20 ms
            traffic.add(started(ns, String.format(PERL_LISTEN, 1, 9001, "sleep 60")));
            traffic.add(perl(ns, "use IO::Socket::INET; my @k; for (1..3000) { push @k, IO::Socket::INET->new("
                    + "PeerAddr=>'127.0.0.1:9001', Blocking=>0); select(undef,undef,undef,0.02) }"));
            // 1200-byte datagrams into a veth whose peer takes 576: dropped by the veth
            traffic.add(perl(ns, "use IO::Socket::INET; my $s=IO::Socket::INET->new(PeerAddr=>'10.99.0.9:9', Proto=>'udp') or die; "
                    + "for (1..12000) { $s->send('x' x 1200); select(undef,undef,undef,0.005) }"));
            try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.43")
                    .config("ForceCommand exec ip netns exec " + ns + " /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"").start()) {
                TriageReport report = triage(sshd, List.of(Probes.KERNEL));
                ProbeResult r = report.result("kernel").orElseThrow();
                assertInstanceOf(ProbeResult.Parsed.class, r, () -> r.error().orElse("") + "\n" + r.raw());
                KernelReport k = report.get(Probes.KERNEL).orElseThrow();
                assertTrue(k.interfaces().stream().anyMatch(i -> i.name().equals("iwa")), "the namespace's /proc/net/dev: " + k.interfaces());
                List<String> rules = report.findings().stream().map(Finding::rule).toList();
                assertTrue(rules.containsAll(List.of("net.retransmits", "net.listen-overflows", "net.interface-errors")),
                        () -> report.findings() + "\n" + r.raw());
                ProbeCoverage coverage = report.coverage().get(0);
                // ip netns exec mounts a sysfs of its own, without the cgroup tree: said, not hidden
                assertEquals(ProbeCoverage.Level.PARTIAL, coverage.level(), coverage::toString);
                assertTrue(coverage.reasons().get(0).startsWith("no cgroup memory controller under /sys/fs/cgroup"), coverage::toString);
            }
        } finally {
            traffic.forEach(Process::destroyForcibly);
            for (Process p : traffic) {
                p.waitFor(5, TimeUnit.SECONDS);
            }
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void aMemoryCgroupOutOfMemoryAndThisMachinesOwnCounters() throws Exception {
        assumeRootWith("/usr/bin/perl", "perl-base");
        OpenSshTestServer.assumeAvailable();
        Path cgroup = memoryCgroup("iwck" + ProcessHandle.current().pid());
        boolean v1 = Files.isRegularFile(cgroup.resolve("memory.oom_control"));
        Process victim = null;
        try {
            if (v1) {
                // cgroup v1: with its OOM killer disabled the cgroup stays out of memory (under_oom 1) and its task waits,
                // with no kill and no kernel log line that other tests on this machine would read as an incident
                Files.writeString(cgroup.resolve("memory.oom_control"), "1");
            }
            victim = new ProcessBuilder("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs")
                    + " && exec perl -e '$x = \"x\" x (200*1024*1024); sleep 30'").redirectErrorStream(true).start();
            if (v1) {
                awaitContains(cgroup.resolve("memory.oom_control"), "under_oom 1");
            } else {
                assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
                assertEquals(137, victim.exitValue(), "the OOM killer ends it with SIGKILL");
            }
            try (OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.44").start()) {
                TriageReport report = triage(sshd, List.of(Probes.KERNEL, Probes.SYSTEMD));
                KernelReport k = report.get(Probes.KERNEL).orElseThrow(() -> new AssertionError(report.results()));
                String rule = v1 ? "mem.cgroup-under-oom" : "mem.cgroup-oom";
                Finding oom = report.findings().stream().filter(f -> f.rule().equals(rule)).findFirst()
                        .orElseThrow(() -> new AssertionError(report.findings().toString()));
                assertTrue(v1 ? oom.title().equals("cgroup " + cgroup + " is out of memory now") : oom.evidence().contains(cgroup + ": 1"),
                        oom::toString);
                // this machine's own values, read through sshd
                assertEquals(Runtime.getRuntime().availableProcessors(), k.cpus().orElseThrow());
                // cat, not Files.readString: this kernel answers the JDK's read of the sysctl file with a truncated value
                long fileMax = Long.parseLong(run("cat", "/proc/sys/fs/file-max").strip());
                assertEquals(fileMax, k.fileHandles().orElseThrow().max());
                assertTrue(k.fileHandles().get().allocated() > 0);
                assertTrue(k.procsRunning().size() == 2 && k.procsRunning().get(0) >= 1, k.procsRunning()::toString);
                assertTrue(k.intervalSeconds().orElseThrow() >= 1.0);
                SystemdReport s = report.get(Probes.SYSTEMD).orElseThrow();
                ProbeCoverage systemd = report.coverage().get(1);
                if (Files.isDirectory(Path.of("/run/systemd/system"))) {
                    assertTrue(s.running());
                    assertEquals(ProbeCoverage.Level.FULL, systemd.level(), systemd::toString);
                } else {
                    assertEquals(ProbeCoverage.Level.NONE, systemd.level(), systemd::toString);
                    assertTrue(systemd.reasons().get(0).startsWith("systemd is not running (PID 1 is "), systemd::toString);
                }
            }
        } finally {
            if (victim != null) {
                victim.destroyForcibly();
                victim.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(cgroup);
        }
    }

    private static void awaitContains(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!run("cat", file.toString()).contains(text)) {
            assertTrue(System.nanoTime() < deadline, file + " never said " + text);
            Thread.sleep(20);
        }
    }

    /** A new memory cgroup limited to 16 MiB: v1's memory controller where mounted, else v2's. */
    private static Path memoryCgroup(String name) throws IOException {
        Path v1 = Path.of("/sys/fs/cgroup/memory");
        Path v2 = Path.of("/sys/fs/cgroup");
        if (Files.isDirectory(v1)) {
            Path dir = Files.createDirectory(v1.resolve(name));
            Files.writeString(dir.resolve("memory.limit_in_bytes"), String.valueOf(16 << 20));
            return dir;
        }
        if (Files.isRegularFile(v2.resolve("cgroup.controllers")) && Files.readString(v2.resolve("cgroup.controllers")).contains("memory")) {
            Path dir = Files.createDirectory(v2.resolve(name));
            if (Files.isRegularFile(dir.resolve("memory.max"))) {
                Files.writeString(dir.resolve("memory.max"), String.valueOf(16 << 20));
                Files.writeString(dir.resolve("memory.swap.max"), "0");
                return dir;
            }
            Files.delete(dir);
        }
        Assumptions.abort("No memory cgroup controller to create a cgroup in (neither /sys/fs/cgroup/memory nor a v2 memory.max).");
        throw new IllegalStateException("unreachable");
    }

    private static void inNs(String ns, String... cmd) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(cmd));
        run(all.toArray(String[]::new));
    }

    private static Process perl(String ns, String script) throws IOException {
        return new ProcessBuilder("ip", "netns", "exec", ns, "perl", "-e", script).redirectErrorStream(true).start();
    }

    /** A perl listener, once it printed "ready" (it listens). */
    private static Process started(String ns, String script) throws IOException {
        Process p = perl(ns, script);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("ready", line, "the listener did not start");
        return p;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + " failed: " + out);
        return out;
    }
}
