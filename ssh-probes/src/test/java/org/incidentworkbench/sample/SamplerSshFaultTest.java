package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.incidentworkbench.testing.TcpRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the real path (JSch, OpenSSH, the loop under bash): the network cut under a live stream, and
 * the loop frozen on the server (SIGSTOP) while its channel stays open. Each must end as gap markers and a
 * recovered stream on a new connection.
 */
class SamplerSshFaultTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final List<MetricSample> points = Collections.synchronizedList(new ArrayList<>());

    @Test
    void networkCutMidStreamIsAGapThenTheHostIsReconnected() throws Exception {
        OpenSshTestServer.assumeAvailable();
        try (OpenSshTestServer sshd = OpenSshTestServer.start();
             TcpRelay relay = TcpRelay.to(sshd.address(), sshd.port())) {
            Path knownHosts = dir.resolve("known_hosts");
            String[] key = sshd.hostPublicKey().split(" ");
            Files.writeString(knownHosts, "[127.0.0.1]:" + relay.port() + " " + key[0] + " " + key[1] + "\n");
            HostSpec viaRelay = HostSpec.of("relayed", sshd.hostSpec().user(), "127.0.0.1", relay.port());
            viaRelay = new HostSpec("relayed", viaRelay.user(), "127.0.0.1", relay.port(), List.of(sshd.userKeyFile()),
                    List.of(), Duration.ofSeconds(10), Duration.ofSeconds(15));
            SshTransport transport = new SshTransport(sshd.sshOptions().withKnownHostsFile(knownHosts), UserPrompter.NONE);
            try (Sampler sampler = Sampler.start(transport, points::addAll, config())) {
                sampler.start(viaRelay);
                await(() -> status(sampler, "relayed").frames() >= 3);
                relay.cut();
                await(() -> status(sampler, "relayed").reconnects() >= 1 && status(sampler, "relayed").frames() >= 6);
                HostStatus s = status(sampler, "relayed");
                assertEquals(State.SAMPLING, s.state());
                assertTrue(s.lastGap().isPresent(), s.toString());
            }
        }
        assertOneGapThenRecovery();
    }

    @Test
    void frozenLoopIsAStallThenANewLoopTakesOver() throws Exception {
        OpenSshTestServer.assumeAvailable();
        List<ProcessHandle> frozen = new ArrayList<>();
        try (OpenSshTestServer sshd = OpenSshTestServer.start();
             Sampler sampler = Sampler.start(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), points::addAll, config())) {
            String alias = sshd.hostSpec().alias();
            sampler.start(sshd.hostSpec());
            await(() -> status(sampler, alias).frames() >= 3);
            ProcessHandle loop = SshdProcesses.loop(sshd);
            frozen.add(loop);
            signal("STOP", loop);
            await(() -> status(sampler, alias).state() == State.RECONNECTING);
            assertTrue(status(sampler, alias).reason().orElse("").contains("stalled"), status(sampler, alias).toString());
            await(() -> status(sampler, alias).reconnects() >= 1 && status(sampler, alias).frames() >= 6);
            assertEquals(State.SAMPLING, status(sampler, alias).state());
        } finally {
            frozen.forEach(ProcessHandle::destroyForcibly); // SIGKILL ends a stopped process too
        }
        assertOneGapThenRecovery();
    }

    /** A gap marker for every series seen before the break, and rates again afterwards. */
    private void assertOneGapThenRecovery() {
        List<MetricSample> all;
        synchronized (points) {
            all = new ArrayList<>(points);
        }
        // points arrive in delivery order: the break's markers form one run right after the last points before it
        int first = 0;
        while (first < all.size() && !all.get(first).isGapMarker()) {
            first++;
        }
        int end = first;
        while (end < all.size() && all.get(end).isGapMarker()) {
            end++;
        }
        Set<String> before = all.subList(0, first).stream().map(MetricSample::seriesName).collect(Collectors.toSet());
        Set<String> marked = all.subList(first, end).stream().map(MetricSample::seriesName).collect(Collectors.toSet());
        assertTrue(before.size() > 30, "series before the break: " + before);
        assertEquals(before, marked, "one gap marker per series written before the break");
        assertTrue(all.subList(end, all.size()).stream().anyMatch(p -> p.metric().equals("cpu.user") && !p.isGapMarker()),
                "no CPU rates after the break");
        all.stream().filter(p -> p.metric().startsWith("cpu.") && !p.metric().equals("cpu.idle") && !p.isGapMarker())
                .forEach(p -> assertTrue(p.value() >= 0 && p.value() <= 100, p.toString()));
    }

    private static void signal(String signal, ProcessHandle p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " failed");
    }

    private static SamplerConfig config() {
        return SamplerConfig.of(INTERVAL).withDfEvery(4).withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    private static HostStatus status(Sampler sampler, String alias) {
        return sampler.status(alias).orElseThrow();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The condition was not met within 30 s.");
            }
            Thread.sleep(25);
        }
    }
}
