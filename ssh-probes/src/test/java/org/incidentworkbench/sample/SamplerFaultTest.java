package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a scripted remote (crafted frames printed by a real local {@code sh}): each must end as one
 * NaN gap marker per series and a stream that recovers, and never as a wrong point.
 */
class SamplerFaultTest {

    private static final double INTERVAL = 0.2;
    private static final HostSpec HOST = HostSpec.of("web-1", Optional.empty(), "web-1.example", 22);
    private static final long START_MICROS = 1_795_600_000_000_000L;

    private final SyntheticFrames frames = new SyntheticFrames(INTERVAL, START_MICROS, 5000.0);
    private final List<MetricSample> points = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    @Test
    void connectionDroppedMidFrameEndsInAGapAndAReconnect() throws Exception {
        ScriptedTransport transport = ScriptedTransport.of(dir, List.of(
                List.of(SyntheticFrames.hello(INTERVAL), frames.frame(0), frames.frame(1), frames.frame(2), frames.cutFrame(3, 0.5)),
                List.of(SyntheticFrames.hello(INTERVAL), frames.frame(10), frames.frame(11), frames.frame(12), frames.frame(13), "sleep:30")));
        try (Sampler sampler = Sampler.start(transport, points::addAll, config(Duration.ofMillis(100)))) {
            sampler.start(HOST);
            await(() -> status(sampler).frames() >= 7);
            HostStatus s = status(sampler);
            assertEquals(1, s.reconnects());
            assertEquals(State.SAMPLING, s.state());
        }
        assertNoPointsAt(frames.timeMillis(3));
        assertGapAfter(frames.timeMillis(2));
        assertGaugesOnlyAt(frames.timeMillis(10));
        assertRatesRightAt(frames.timeMillis(11), frames.timeMillis(12), frames.timeMillis(13));
        assertTrue(transport.commandsSeen.get(0).contains("iw-sampler"), "the sampler's own command was asked for");
    }

    @Test
    void garbledFrameIsAGapAndTheStreamGoesOnWithoutReconnecting() throws Exception {
        ScriptedTransport transport = ScriptedTransport.of(dir, List.of(List.of(SyntheticFrames.hello(INTERVAL),
                frames.frame(0), frames.frame(1), frames.garbledFrame(2), frames.frame(3), frames.frame(4), frames.frame(5), "sleep:30")));
        try (Sampler sampler = Sampler.start(transport, points::addAll, config(Duration.ofMillis(100)))) {
            sampler.start(HOST);
            await(() -> status(sampler).frames() >= 5);
            HostStatus s = status(sampler);
            assertEquals(1, s.corruptFrames());
            assertEquals(0, s.reconnects());
            assertTrue(s.lastGap().orElse("").contains("end marker says"), s.toString());
        }
        assertNoPointsAt(frames.timeMillis(2));
        assertGapAfter(frames.timeMillis(1));
        assertGaugesOnlyAt(frames.timeMillis(3));
        assertRatesRightAt(frames.timeMillis(4), frames.timeMillis(5));
    }

    @Test
    void truncatedFrameTakesTheNextFrameWithItAndTheStreamRecovers() throws Exception {
        ScriptedTransport transport = ScriptedTransport.of(dir, List.of(List.of(SyntheticFrames.hello(INTERVAL),
                frames.frame(0), frames.frame(1), frames.cutFrame(2, 0.6), frames.frame(3), frames.frame(4), frames.frame(5),
                frames.frame(6), "sleep:30")));
        try (Sampler sampler = Sampler.start(transport, points::addAll, config(Duration.ofMillis(100)))) {
            sampler.start(HOST);
            await(() -> status(sampler).frames() >= 5);
        }
        assertNoPointsAt(frames.timeMillis(2));
        assertNoPointsAt(frames.timeMillis(3)); // its begin marker was glued to the cut line
        assertGapAfter(frames.timeMillis(1));
        assertGaugesOnlyAt(frames.timeMillis(4));
        assertRatesRightAt(frames.timeMillis(5), frames.timeMillis(6));
    }

    @Test
    void serverClockJumpIsAGapAndPointsFollowTheNewClock() throws Exception {
        double jump = 3600;
        ScriptedTransport transport = ScriptedTransport.of(dir, List.of(List.of(SyntheticFrames.hello(INTERVAL),
                frames.frame(0), frames.frame(1), frames.frame(2), frames.frame(3, jump), frames.frame(4, jump),
                frames.frame(5, jump), "sleep:30")));
        try (Sampler sampler = Sampler.start(transport, points::addAll, config(Duration.ofMillis(100)))) {
            sampler.start(HOST);
            await(() -> status(sampler).frames() >= 6);
            HostStatus s = status(sampler);
            assertTrue(s.lastGap().orElse("").contains("clock jumped by +3600.0 s"), s.toString());
            // the offset is estimated afresh after the jump: the server is now about an hour ahead of its old self
            long offsetBefore = System.currentTimeMillis() - frames.timeMillis(0);
            assertEquals(offsetBefore - 3_600_000, s.clockOffset().orElseThrow().toMillis(), 120_000, s.toString());
        }
        long shift = (long) (jump * 1000);
        assertNoPointsAt(frames.timeMillis(3));
        assertGapAfter(frames.timeMillis(2));
        assertGaugesOnlyAt(frames.timeMillis(3) + shift);
        assertRatesRightAt(frames.timeMillis(4) + shift, frames.timeMillis(5) + shift);
    }

    @Test
    void stalledHostIsDroppedAfterThreeIntervalsAndReconnected() throws Exception {
        ScriptedTransport transport = ScriptedTransport.of(dir, List.of(
                List.of(SyntheticFrames.hello(INTERVAL), frames.frame(0), frames.frame(1), frames.frame(2), "sleep:30"),
                List.of(SyntheticFrames.hello(INTERVAL), frames.frame(10), frames.frame(11), frames.frame(12), "sleep:30")));
        try (Sampler sampler = Sampler.start(transport, points::addAll, config(Duration.ofMillis(1500), 3))) {
            sampler.start(HOST);
            await(() -> status(sampler).state() == State.RECONNECTING);
            HostStatus s = status(sampler);
            assertTrue(s.reason().orElse("").contains("stalled"), s.toString());
            assertGapAfter(frames.timeMillis(2));
            await(() -> status(sampler).frames() >= 6);
            assertEquals(State.SAMPLING, status(sampler).state());
        }
        assertGaugesOnlyAt(frames.timeMillis(10));
        assertRatesRightAt(frames.timeMillis(11), frames.timeMillis(12));
    }

    @Test
    void unreachableHostIsRetriedWithBackoffAndRefusedKeysStopIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Transport unreachable = host -> {
            attempts.incrementAndGet();
            throw new HostConnectException(new HostFailure(HostFailure.Kind.UNREACHABLE,
                    "web-1.example did not answer on port 22: check that it is up.", ""), null);
        };
        try (Sampler sampler = Sampler.start(unreachable, points::addAll, config(Duration.ofMillis(50)))) {
            sampler.start(HOST);
            await(() -> attempts.get() >= 3);
            HostStatus s = status(sampler);
            assertTrue(s.state() == State.CONNECTING || s.state() == State.RECONNECTING, s.toString());
            assertEquals("web-1.example did not answer on port 22: check that it is up.", s.reason().orElseThrow());
        }
        Transport refused = host -> {
            throw new HostConnectException(new HostFailure(HostFailure.Kind.HOST_KEY_CHANGED,
                    "The host key of web-1.example has changed.", ""), null);
        };
        try (Sampler sampler = Sampler.start(refused, points::addAll, config(Duration.ofMillis(50)))) {
            sampler.start(HOST);
            await(() -> status(sampler).state() == State.STOPPED);
            assertEquals("The host key of web-1.example has changed.", status(sampler).reason().orElseThrow());
        }
        assertEquals(List.of(), points);
    }

    /** Stall detection after 5 s: the scripted frames arrive in bursts, and a busy CI machine must not fake a stall. */
    private static SamplerConfig config(Duration backoff) {
        return config(backoff, 25);
    }

    private static SamplerConfig config(Duration backoff, int stallIntervals) {
        return new SamplerConfig(Duration.ofMillis((long) (INTERVAL * 1000)), 1000, Duration.ofMillis(50), stallIntervals,
                Duration.ofSeconds(3), backoff, backoff.multipliedBy(4), 2, java.time.Clock.systemUTC());
    }

    private static HostStatus status(Sampler sampler) {
        return sampler.status(HOST.alias()).orElseThrow();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The condition was not met within 20 s.");
            }
            Thread.sleep(20);
        }
    }

    private List<MetricSample> snapshot() {
        synchronized (points) {
            return new ArrayList<>(points);
        }
    }

    private void assertNoPointsAt(long t) {
        assertEquals(List.of(), snapshot().stream().filter(p -> p.timestampMillis() == t).toList(), "points at " + t);
    }

    /** Every series that had a point at {@code t} got exactly one NaN right after it. */
    private void assertGapAfter(long t) {
        List<MetricSample> all = snapshot();
        Set<String> before = all.stream().filter(p -> p.timestampMillis() == t && !p.isGapMarker())
                .map(MetricSample::seriesName).collect(Collectors.toSet());
        assertTrue(before.size() > 30, "series at " + t + ": " + before);
        List<String> markers = all.stream().filter(p -> p.timestampMillis() == t + 1 && p.isGapMarker())
                .map(MetricSample::seriesName).sorted().toList();
        assertEquals(before.stream().sorted().toList(), markers);
    }

    private void assertGaugesOnlyAt(long t) {
        List<MetricSample> at = snapshot().stream().filter(p -> p.timestampMillis() == t).toList();
        assertTrue(at.stream().anyMatch(p -> p.metric().equals("memory.used")), "gauges at " + t + ": " + at);
        assertFalse(at.stream().anyMatch(p -> p.metric().startsWith("cpu.") || p.metric().startsWith("disk.")
                || p.metric().startsWith("net.")), "no rates right after a break: " + at);
    }

    /** At these times the rates are the ones the synthetic counters imply, and nothing else is wrong. */
    private void assertRatesRightAt(long... times) {
        List<MetricSample> all = snapshot();
        for (long t : times) {
            List<MetricSample> at = all.stream().filter(p -> p.timestampMillis() == t).toList();
            assertEquals(SyntheticFrames.USER_PCT, value(at, "cpu.user"), 1e-9, "cpu.user at " + t);
            assertEquals(SyntheticFrames.SYSTEM_PCT, value(at, "cpu.system"), 1e-9, "cpu.system at " + t);
            assertEquals(1000 / INTERVAL, value(at, "net.rx_bytes{iface=eth0}"), 1e-6, "net.rx_bytes at " + t);
            assertEquals(800 * 512 / INTERVAL, value(at, "disk.write_bytes_per_s{device=vda}"), 1e-6, "disk.write_bytes at " + t);
            assertEquals(30 / (INTERVAL * 1000) * 100, value(at, "disk.util{device=vda}"), 1e-6, "disk.util at " + t);
        }
        // never a wrong point: every CPU split ever written is the synthetic one
        all.stream().filter(p -> p.metric().equals("cpu.user") && !p.isGapMarker())
                .forEach(p -> assertEquals(SyntheticFrames.USER_PCT, p.value(), 1e-9, "cpu.user at " + p.timestampMillis()));
    }

    private static double value(List<MetricSample> at, String series) {
        return at.stream().filter(p -> p.seriesName().equals(series)).findFirst()
                .orElseThrow(() -> new AssertionError(series + " missing among " + at)).value();
    }
}
