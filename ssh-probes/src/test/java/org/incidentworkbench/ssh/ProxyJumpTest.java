package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.incidentworkbench.ssh.HostFailure.Kind;
import org.incidentworkbench.testing.MinaTestServer;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProxyJump through real sshd bastions on 127.0.0.2 and 127.0.0.3 to a target on 127.0.0.4. */
class ProxyJumpTest {

    private static List<OpenSshTestServer> servers;
    private static OpenSshTestServer noForwarding;
    private static Path knownHosts;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        OpenSshTestServer.assumeAvailable();
        servers = OpenSshTestServer.startMany(3);
        noForwarding = OpenSshTestServer.builder().address("127.0.0.5").allowTcpForwarding(false).start();
        knownHosts = tmp.resolve("known_hosts");
        StringBuilder all = new StringBuilder();
        for (OpenSshTestServer s : List.of(servers.get(0), servers.get(1), servers.get(2), noForwarding)) {
            all.append(Files.readString(s.knownHostsFile()));
        }
        Files.writeString(knownHosts, all);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.forEach(OpenSshTestServer::close);
        }
        if (noForwarding != null) {
            noForwarding.close();
        }
    }

    private static HostSpec via(HostSpec target, HostSpec... jumps) {
        return target.withJumps(List.of(jumps));
    }

    private static SshTransport transport() {
        return new SshTransport(SshOptions.defaults().withoutAgent().withKnownHostsFile(knownHosts), UserPrompter.NONE);
    }

    @Test
    void throughOneBastion() throws Exception {
        HostSpec target = via(servers.get(2).hostSpec(), servers.get(0).hostSpec());
        try (HostConnection c = transport().connect(target)) {
            assertEquals("hop1\n", c.exec("echo hop1", Duration.ofSeconds(10), 1024).stdout());
            assertTrue(c.target().endsWith(" via " + servers.get(0).hostSpec().alias()), c.target());
        }
    }

    @Test
    void throughTwoBastions() throws Exception {
        HostSpec target = via(servers.get(2).hostSpec(), servers.get(0).hostSpec(), servers.get(1).hostSpec());
        try (HostConnection c = transport().connect(target)) {
            ExecResult r = c.exec("echo hop2; sleep 0.1; echo done", Duration.ofSeconds(10), 1024);
            assertEquals("hop2\ndone\n", r.stdout());
            assertEquals(0, r.exitStatus());
        }
    }

    @Test
    void parallelConnectionsShareOneBastionSessionAndCloseItWithTheLast() throws Exception {
        try (OpenSshTestServer bastion = OpenSshTestServer.builder().address("127.0.0.6").config("MaxStartups 2")
                .config("MaxSessions 2").start()) { // tunnels are not sessions: MaxSessions does not limit them
            Path kh = tmp.resolve("known_hosts_shared");
            Files.writeString(kh, Files.readString(knownHosts) + Files.readString(bastion.knownHostsFile()));
            SshTransport ssh = new SshTransport(SshOptions.defaults().withoutAgent().withKnownHostsFile(kh),
                    UserPrompter.NONE);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            List<HostConnection> open = new java.util.concurrent.CopyOnWriteArrayList<>();
            try {
                List<java.util.concurrent.Future<String>> outs = new java.util.ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    OpenSshTestServer target = servers.get(i % servers.size());
                    outs.add(pool.submit(() -> {
                        HostConnection c = ssh.connect(via(target.hostSpec(), bastion.hostSpec()));
                        open.add(c);
                        return c.exec("echo through", Duration.ofSeconds(10), 1024).stdout();
                    }));
                }
                for (var f : outs) {
                    assertEquals("through\n", f.get());
                }
            } finally {
                pool.shutdownNow();
                open.forEach(HostConnection::close);
            }
            assertEquals(1, count(bastion.log(), "Accepted publickey"),
                    "ten connections behind one bastion made one bastion login:\n" + bastion.log());
            try (HostConnection again = ssh.connect(via(servers.get(0).hostSpec(), bastion.hostSpec()))) {
                assertTrue(again.isOpen());
            }
            assertEquals(2, count(bastion.log(), "Accepted publickey"), "the last close ended the shared session");
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aBastionThatMayNotForwardIsNamedInTheFailure() {
        HostSpec target = via(servers.get(2).hostSpec(), noForwarding.hostSpec());
        HostConnectException e = assertThrows(HostConnectException.class, () -> transport().connect(target));
        assertEquals(Kind.UNREACHABLE, e.failure().kind(), e.getMessage());
        assertTrue(e.getMessage().contains("jump host") && e.getMessage().contains("AllowTcpForwarding"),
                e.getMessage());
    }

    @Test
    void theTargetsHostKeyIsCheckedThroughTheTunnel() throws Exception {
        Path onlyBastion = tmp.resolve("known_hosts_bastion_only");
        Files.writeString(onlyBastion, Files.readString(servers.get(0).knownHostsFile()));
        HostSpec target = via(servers.get(2).hostSpec(), servers.get(0).hostSpec());
        HostConnectException e = assertThrows(HostConnectException.class,
                () -> new SshTransport(SshOptions.defaults().withoutAgent().withKnownHostsFile(onlyBastion),
                        UserPrompter.NONE).connect(target));
        assertEquals(Kind.HOST_KEY_UNKNOWN, e.failure().kind(), e.getMessage());
        assertTrue(e.getMessage().contains(servers.get(2).hostSpec().alias()), e.getMessage());
    }

    @Test
    void aSilentTargetBehindABastionFailsWithinItsConnectTimeout() {
        try (MinaTestServer silent = MinaTestServer.builder().fault(MinaTestServer.Fault.SILENT_AFTER_ACCEPT).start()) {
            HostSpec s = silent.hostSpec();
            HostSpec target = new HostSpec(s.alias(), s.user(), s.hostname(), s.port(), s.identityFiles(),
                    List.of(servers.get(0).hostSpec()), Duration.ofSeconds(1), s.serverAliveInterval());
            long t0 = System.nanoTime();
            HostConnectException e = assertThrows(HostConnectException.class, () -> transport().connect(target));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Kind.CONNECT_TIMEOUT, e.failure().kind(), e.getMessage());
            assertTrue(tookMs < 3000, "JSch sets no read timeout through a proxy; ours must bound it: " + tookMs + " ms");
        }
    }

    @Test
    void execTimeoutHoldsThroughABastion() throws Exception {
        HostSpec target = via(servers.get(2).hostSpec(), servers.get(0).hostSpec());
        try (HostConnection c = transport().connect(target)) {
            ExecResult r = c.exec("sleep 4", Duration.ofMillis(500), 1024);
            assertTrue(r.timedOut());
            assertTrue(r.duration().compareTo(Duration.ofSeconds(2)) < 0, r.duration().toString());
            assertEquals("alive\n", c.exec("echo alive", Duration.ofSeconds(10), 1024).stdout());
        }
    }

    @Test
    void resolvedFromAConfigWithTwoHops() throws Exception {
        OpenSshTestServer b1 = servers.get(0);
        OpenSshTestServer b2 = servers.get(1);
        OpenSshTestServer t = servers.get(2);
        Path config = tmp.resolve("config");
        Files.writeString(config, String.join("\n",
                "Host b1", "  HostName " + b1.address(), "  Port " + b1.port(), "  IdentityFile " + b1.userKeyFile(),
                "Host b2", "  HostName " + b2.address(), "  Port " + b2.port(), "  IdentityFile " + b2.userKeyFile(),
                "Host target", "  HostName " + t.address(), "  Port " + t.port(), "  IdentityFile " + t.userKeyFile(),
                "  ProxyJump b1,b2", "Host *", "  User " + t.user(), ""));
        HostSpec spec = SshConfigResolver.load(config).resolve("target");
        assertEquals(2, spec.jumps().size());
        try (HostConnection c = transport().connect(spec)) {
            assertEquals("cfg2\n", c.exec("echo cfg2", Duration.ofSeconds(10), 1024).stdout());
        }
    }
}
