package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.ssh.HostFailure.Kind;
import org.incidentworkbench.testing.MinaTestServer;
import org.incidentworkbench.testing.MinaTestServer.Auth;
import org.incidentworkbench.testing.MinaTestServer.Fault;
import org.incidentworkbench.testing.ScriptedPrompter;
import org.incidentworkbench.testing.TcpRelay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport against servers that misbehave: each fault gives a bounded, explained outcome. */
class MinaFaultTest {

    private static final Duration SHORT = Duration.ofSeconds(2);
    private static MinaTestServer mina;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        mina = MinaTestServer.builder().missingCommands("iostat").start();
    }

    @AfterAll
    static void stop() {
        if (mina != null) {
            mina.close();
        }
    }

    private static HostConnection connect(MinaTestServer server) throws HostConnectException {
        return new SshTransport(server.sshOptions(), UserPrompter.NONE).connect(server.hostSpec());
    }

    @Test
    void faultsOnOneConnectionLeaveItUsableAndEachIsBounded() throws Exception {
        try (HostConnection c = connect(mina)) {
            mina.fault(Fault.NONE);
            ExecResult ok = c.exec("echo fine", SHORT, 1024);
            assertEquals("fine\n", ok.stdout());
            assertEquals(0, ok.exitStatus());

            ExecResult missing = c.exec("iostat -dxk 1 2", SHORT, 1024);
            assertEquals(127, missing.exitStatus());
            assertTrue(missing.stderr().contains("iostat: not found"), missing.stderr());

            mina.fault(Fault.HANG);
            long t0 = System.nanoTime();
            ExecResult hung = c.exec("sleep 100", Duration.ofMillis(700), 1024);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(hung.timedOut());
            assertEquals(-1, hung.exitStatus());
            assertTrue(tookMs < 3000, "a hung command must end at its timeout, took " + tookMs + " ms");

            mina.fault(Fault.DROP_MID_OUTPUT);
            ExecResult dropped = c.exec("cat big", SHORT, 1 << 20);
            assertFalse(dropped.timedOut());
            assertEquals(-1, dropped.exitStatus());
            assertTrue(dropped.stdout().length() > 0 && dropped.stdout().length() <= MinaTestServer.DROP_AFTER_BYTES);

            mina.fault(Fault.BINARY_GARBAGE);
            ExecResult binary = c.exec("cat /dev/urandom", SHORT, 2 << 20);
            assertEquals(0, binary.exitStatus());
            assertTrue(binary.stdout().indexOf('\uFFFD') >= 0, "invalid UTF-8 becomes U+FFFD");
            assertFalse(binary.truncated());

            mina.fault(Fault.NONE);
            assertEquals("still here\n", c.exec("echo still here", SHORT, 1024).stdout());
            assertTrue(c.isOpen());
        }
    }

    @Test
    void hundredMegabytesAreCappedWithoutHoldingThem() throws Exception {
        try (MinaTestServer huge = MinaTestServer.builder().fault(Fault.HUGE_OUTPUT).start();
             HostConnection c = connect(huge)) {
            int cap = 256 * 1024;
            ExecResult r = c.exec("yes", Duration.ofSeconds(20), cap);
            assertTrue(r.truncated());
            assertFalse(r.timedOut(), "the cap, not the timeout, must end it");
            assertEquals(cap, r.stdout().length());
            assertTrue(r.stdout().startsWith("xxxx"));
            assertTrue(r.duration().compareTo(Duration.ofSeconds(10)) < 0, r.duration().toString());
        }
    }

    @Test
    void droppedConnectionEndsTheCommandAndClosesTheConnection() throws Exception {
        try (MinaTestServer dropping = MinaTestServer.builder().fault(Fault.DROP_CONNECTION_MID_OUTPUT).start();
             HostConnection c = connect(dropping)) {
            ExecResult r = c.exec("cat big", Duration.ofSeconds(5), 1 << 20);
            assertEquals(-1, r.exitStatus());
            assertFalse(r.timedOut());
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (c.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(c.isOpen());
            HostConnectException e = assertThrows(HostConnectException.class,
                    () -> c.exec("echo again", SHORT, 1024));
            assertTrue(e.getMessage().contains("was lost"), e.getMessage());
        }
    }

    @Test
    void silentServerFailsWithinTheConnectTimeout() {
        try (MinaTestServer silent = MinaTestServer.builder().fault(Fault.SILENT_AFTER_ACCEPT).start()) {
            HostSpec spec = withTimeout(silent.hostSpec(), Duration.ofSeconds(1));
            long t0 = System.nanoTime();
            HostConnectException e = assertThrows(HostConnectException.class,
                    () -> new SshTransport(silent.sshOptions(), UserPrompter.NONE).connect(spec));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Kind.CONNECT_TIMEOUT, e.failure().kind(), e.getMessage());
            assertTrue(e.getMessage().contains("did not complete the SSH handshake within 1 s"), e.getMessage());
            assertTrue(tookMs < 2500, "took " + tookMs + " ms");
        }
    }

    @Test
    void aSilentHostDoesNotDelayAHealthyOneConnectingAtTheSameTime() throws Exception {
        try (MinaTestServer silent = MinaTestServer.builder().fault(Fault.SILENT_AFTER_ACCEPT).start()) {
            SshTransport shared = new SshTransport(mina.sshOptions(), UserPrompter.NONE);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var slow = pool.submit(() -> {
                    try (HostConnection c = shared.connect(withTimeout(silent.hostSpec(), Duration.ofSeconds(3)))) {
                        return "connected?";
                    } catch (HostConnectException e) {
                        return e.failure().kind().name();
                    }
                });
                long t0 = System.nanoTime();
                mina.fault(Fault.NONE);
                try (HostConnection c = shared.connect(mina.hostSpec())) {
                    assertEquals("ok\n", c.exec("echo ok", SHORT, 1024).stdout());
                }
                long healthyMs = (System.nanoTime() - t0) / 1_000_000;
                assertFalse(slow.isDone(), "the silent host is still waiting for its handshake");
                assertTrue(healthyMs < 2500, "the healthy host took " + healthyMs + " ms");
                assertEquals("CONNECT_TIMEOUT", slow.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closedPortIsUnreachableWithAddressAndPortInTheMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HostSpec spec = HostSpec.of("gone", Optional.empty(), "127.0.0.1", port);
        HostConnectException e = assertThrows(HostConnectException.class,
                () -> new SshTransport(SshOptions.defaults().withoutAgent(), UserPrompter.NONE).connect(spec));
        assertEquals(Kind.UNREACHABLE, e.failure().kind());
        assertTrue(e.getMessage().contains("127.0.0.1 port " + port) && e.getMessage().contains("connection refused")
                && e.getMessage().contains("check the address and port"), e.getMessage());
    }

    @Test
    void passwordOnlyServerAsksThePrompterAndRefusesWithoutAnAnswer() throws Exception {
        try (MinaTestServer pw = MinaTestServer.builder().auth(Auth.PASSWORD_ONLY).start()) {
            ScriptedPrompter prompter = ScriptedPrompter.refusing().withPassword(MinaTestServer.PASSWORD);
            try (HostConnection c = new SshTransport(pw.sshOptions(), prompter).connect(pw.hostSpec())) {
                assertEquals("pw\n", c.exec("echo pw", SHORT, 1024).stdout());
            }
            assertEquals(List.of("password:" + pw.user() + "@" + pw.address()), prompter.questions());

            HostConnectException e = assertThrows(HostConnectException.class,
                    () -> new SshTransport(pw.sshOptions(), UserPrompter.NONE).connect(pw.hostSpec()));
            assertEquals(Kind.AUTH_FAILED, e.failure().kind());
            assertTrue(e.getMessage().contains("refused to log in") && e.getMessage().contains("-i KEYFILE"),
                    e.getMessage());
        }
    }

    @Test
    void timeSpentAnsweringAPromptDoesNotCountAgainstTheConnectTimeout() throws Exception {
        try (MinaTestServer pw = MinaTestServer.builder().auth(Auth.PASSWORD_ONLY).start()) {
            ScriptedPrompter slowTypist = ScriptedPrompter.refusing().withPassword(MinaTestServer.PASSWORD)
                    .thinkingFor(Duration.ofMillis(1500));
            HostSpec spec = withTimeout(pw.hostSpec(), Duration.ofSeconds(1));
            try (HostConnection c = new SshTransport(pw.sshOptions(), slowTypist).connect(spec)) {
                assertTrue(c.isOpen());
            }
        }
    }

    @Test
    void keepalivesNoticeAHostThatStopsAnswering() throws Exception {
        try (MinaTestServer server = MinaTestServer.start(); TcpRelay relay = TcpRelay.to(server.address(), server.port())) {
            Path knownHosts = tmp.resolve("known_hosts_relay");
            Files.writeString(knownHosts, Files.readString(server.knownHostsFile())
                    .replace("]:" + server.port() + " ", "]:" + relay.port() + " "));
            HostSpec s = server.hostSpec();
            HostSpec viaRelay = new HostSpec(s.alias(), s.user(), relay.address(), relay.port(), s.identityFiles(),
                    List.of(), s.connectTimeout(), Duration.ofMillis(300));
            try (HostConnection c = new SshTransport(server.sshOptions().withKnownHostsFile(knownHosts),
                    UserPrompter.NONE).connect(viaRelay)) {
                assertEquals("up\n", c.exec("echo up", SHORT, 1024).stdout());
                Thread.sleep(700); // idle past two intervals: answered keepalives keep it open
                assertTrue(c.isOpen());
                relay.blackhole();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (c.isOpen() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(c.isOpen(), "three unanswered keepalives close the session");
            }
        }
    }

    @Test
    void wrongKeyIsRefusedNamingTheKeyTried() {
        try (MinaTestServer wrong = MinaTestServer.builder().auth(Auth.WRONG_KEY).start()) {
            HostConnectException e = assertThrows(HostConnectException.class, () -> connect(wrong));
            assertEquals(Kind.AUTH_FAILED, e.failure().kind());
            assertTrue(e.getMessage().contains("tried " + wrong.userKeyFile()), e.getMessage());
            assertTrue(e.getMessage().contains("authorized_keys"), e.getMessage());
        }
    }

    @Test
    void changedHostKeyIsRefusedWithTheManInTheMiddleWarningAndTheLineToCheck() throws Exception {
        try (MinaTestServer server = MinaTestServer.start()) {
            try (HostConnection c = connect(server)) {
                assertTrue(c.isOpen());
            }
            String oldLine = Files.readString(server.knownHostsFile()).trim();
            String oldFingerprint = KnownHosts.sha256Fingerprint(
                    java.util.Base64.getDecoder().decode(oldLine.split(" ")[2]));
            server.changeHostKey();
            String newFingerprint = KnownHosts.sha256Fingerprint(
                    java.util.Base64.getDecoder().decode(server.currentHostKeyLine().split(" ")[1]));
            ScriptedPrompter prompter = ScriptedPrompter.refusing().acceptingHostKeys();
            HostConnectException e = assertThrows(HostConnectException.class,
                    () -> new SshTransport(server.sshOptions().withAcceptNewHostKeys(true), prompter)
                            .connect(server.hostSpec()));
            assertEquals(Kind.HOST_KEY_CHANGED, e.failure().kind());
            String m = e.getMessage();
            assertTrue(m.contains("man-in-the-middle"), m);
            assertTrue(m.contains(server.knownHostsFile() + ":1 holds"), m);
            assertTrue(m.contains("ssh-keygen -R '[127.0.0.1]:" + server.port() + "' -f " + server.knownHostsFile()), m);
            assertTrue(m.contains(oldFingerprint) && m.contains(newFingerprint), m);
            assertTrue(prompter.questions().isEmpty(), "a changed key is never offered for acceptance");
            assertEquals(oldLine, Files.readString(server.knownHostsFile()).trim(), "known_hosts is left alone");
        }
    }

    @Test
    void unknownHostKeyIsRefusedUnlessAcceptedThenRemembered() throws Exception {
        try (MinaTestServer server = MinaTestServer.start()) {
            Path empty = tmp.resolve("ssh/known_hosts");
            SshOptions strict = server.sshOptions().withKnownHostsFile(empty);
            ScriptedPrompter refusing = ScriptedPrompter.refusing();
            HostConnectException e = assertThrows(HostConnectException.class,
                    () -> new SshTransport(strict, refusing).connect(server.hostSpec()));
            assertEquals(Kind.HOST_KEY_UNKNOWN, e.failure().kind());
            assertTrue(e.getMessage().contains("--accept-new") && e.getMessage().contains("SHA256:"), e.getMessage());
            assertEquals(1, refusing.questions().size());
            assertTrue(refusing.questions().get(0).startsWith("hostkey:[127.0.0.1]:" + server.port() + " "),
                    refusing.questions().toString());
            assertFalse(Files.exists(empty));

            try (HostConnection c = new SshTransport(strict.withAcceptNewHostKeys(true), UserPrompter.NONE)
                    .connect(server.hostSpec())) {
                assertTrue(c.isOpen());
            }
            String learned = Files.readString(empty);
            assertTrue(learned.startsWith("[127.0.0.1]:" + server.port() + " " + server.currentHostKeyLine().split(" ")[0]),
                    learned);
            try (HostConnection c = new SshTransport(strict, UserPrompter.NONE).connect(server.hostSpec())) {
                assertTrue(c.isOpen(), "the appended key is accepted next time without asking");
            }
            assertEquals(learned, Files.readString(empty), "nothing appended twice");
        }
    }

    static HostSpec withTimeout(HostSpec h, Duration timeout) {
        return h.withConnectTimeout(timeout);
    }
}
