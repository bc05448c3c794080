package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.incidentworkbench.sample.source.ProcSources;

/** Runs the real loop on this machine, as sshd would run it, and reads its frames. */
class SamplerScriptTest {

    @Test
    void commandRunsUnderBashWithNoProcessPerFrameAndItsFramesParse() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed here");
        List<StreamEvent> events = run(List.of("/bin/sh", "-c", SamplerScript.command(Duration.ofMillis(200), 2)), 4);
        StreamEvent.Hello hello = (StreamEvent.Hello) events.get(0);
        assertEquals("bash", hello.parameters().get("shell"));
        assertEquals("us", hello.parameters().get("clock"));
        assertEquals("0.200", hello.parameters().get("interval"));
        assertFramesParse(events, hello);
    }

    @Test
    void plainPosixShellRunsTheSameLoop() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/dash")), "dash is not installed here");
        List<StreamEvent> events = run(List.of("/bin/dash", "-c", SamplerScript.source(), "iw-sampler", "0.2", "2"), 4);
        StreamEvent.Hello hello = (StreamEvent.Hello) events.get(0);
        assertEquals("sh", hello.parameters().get("shell"));
        assertEquals("ns", hello.parameters().get("clock"));
        assertFramesParse(events, hello);
    }

    /** Debian's BusyBox ash (1.35) has bash's EPOCHREALTIME: microseconds, no process for the clock. */
    @Test
    void busyBoxAshWithEpochRealtimeStampsFramesToTheMicrosecond() throws Exception {
        Path busybox = Path.of("/usr/bin/busybox");
        Assumptions.assumeTrue(Files.isExecutable(busybox), "busybox is not installed here: apt-get install busybox-static");
        List<StreamEvent> events = run(List.of(busybox.toString(), "sh", "-c", SamplerScript.source(), "iw-sampler", "0.2", "2"), 4);
        StreamEvent.Hello hello = (StreamEvent.Hello) events.get(0);
        assertEquals("sh", hello.parameters().get("shell"));
        assertEquals("us", hello.parameters().get("clock"));
        assertFramesParse(events, hello);
    }

    /**
     * A BusyBox shell without EPOCHREALTIME (BusyBox before 1.32, or built without bash compatibility; simulated
     * by unsetting it) and BusyBox date (no %N): frame times come from /proc/uptime anchored to date's second
     * tick, so they carry centiseconds and the offset estimate (the least of receive time minus frame time) is a
     * few milliseconds on this machine, not the up to one second that whole seconds would give.
     */
    @Test
    void busyBoxShellWithoutSubSecondClocksStampsFramesToTheCentisecond() throws Exception {
        Path busybox = Path.of("/usr/bin/busybox");
        Assumptions.assumeTrue(Files.isExecutable(busybox), "busybox is not installed here: apt-get install busybox-static");
        Process p = new ProcessBuilder(busybox.toString(), "sh", "-c", "unset EPOCHREALTIME; " + SamplerScript.source(),
                "iw-sampler", "0.2", "1000")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<StreamEvent> events = new ArrayList<>();
        List<Long> offsetsMicros = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        byte[] buf = new byte[65536];
        try (InputStream in = p.getInputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (offsetsMicros.size() < 6 && System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                long received = java.time.Instant.now().toEpochMilli() * 1000;
                for (StreamEvent e : decoder.feed(buf, 0, n)) {
                    events.add(e);
                    if (e instanceof StreamEvent.Frame f) {
                        offsetsMicros.add(received - f.serverTimeMicros());
                    }
                }
            }
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        StreamEvent.Hello hello = (StreamEvent.Hello) events.get(0);
        assertEquals("uptime", hello.parameters().get("clock"), "BusyBox date has no %N: " + hello);
        assertEquals(6, offsetsMicros.size(), events.toString());
        assertTrue(events.stream().filter(e -> e instanceof StreamEvent.Frame)
                .anyMatch(e -> ((StreamEvent.Frame) e).serverTimeMicros() % 1_000_000 != 0), "frame times carry fractions");
        long least = offsetsMicros.stream().mapToLong(Long::longValue).min().orElseThrow();
        System.out.println("clock=uptime: receive time minus frame time, us: " + offsetsMicros + "; least " + least);
        // /proc/uptime has 10 ms steps and the tick is found within ~2 ms; the pipe and a loaded machine add delay
        assertTrue(least > -25_000 && least < 60_000, "least offset " + least + " us of " + offsetsMicros);
    }

    @Test
    void loopEndsWhenItsOutputIsClosed() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", SamplerScript.command(Duration.ofMillis(200), 10))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            InputStream in = p.getInputStream();
            assertTrue(in.read() >= 0, "the loop printed nothing");
            in.close();
            assertTrue(p.waitFor(5, TimeUnit.SECONDS), "the loop kept running after its output closed");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void intervalOutsideOneTenthToSixtySecondsIsRefusedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SamplerScript.command(Duration.ofSeconds(61), 1));
        assertTrue(e.getMessage().startsWith("The sampling interval must be between 0.1 and 60 seconds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SamplerScript.command(Duration.ofSeconds(1), 0));
        assertEquals("1", SamplerScript.seconds(Duration.ofSeconds(1)));
        assertEquals(10, SamplerScript.defaultDfEvery(Duration.ofSeconds(1)));
        assertEquals(1, SamplerScript.defaultDfEvery(Duration.ofSeconds(30)));
    }

    @Test
    void quotingSurvivesSingleQuotes() {
        assertEquals("'it'\\''s'", SamplerScript.quote("it's"));
    }

    private static void assertFramesParse(List<StreamEvent> events, StreamEvent.Hello hello) {
        List<ProcSnapshot> snapshots = new ArrayList<>();
        for (StreamEvent e : events.subList(1, events.size())) {
            StreamEvent.Frame f = (StreamEvent.Frame) e;
            ProcSnapshot s = FrameParser.parse(f, hello.pageSizeBytes());
            assertEquals(List.of(), s.warnings());
            snapshots.add(s);
        }
        assertTrue(snapshots.get(0).get(ProcSources.DF).isPresent() && snapshots.get(1).get(ProcSources.DF).isEmpty()
                && snapshots.get(2).get(ProcSources.DF).isPresent());
        for (int i = 1; i < snapshots.size(); i++) {
            StreamContinuity.Verdict v = StreamContinuity.between(snapshots.get(i - 1), snapshots.get(i), Duration.ofMillis(200));
            assertTrue(v instanceof StreamContinuity.Verdict.Continuous, v.toString());
        }
    }

    /** Runs the loop until {@code frames} frames arrived; returns the greeting and the frames. */
    private static List<StreamEvent> run(List<String> command, int frames) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<StreamEvent> events = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        byte[] buf = new byte[8192];
        try (InputStream in = p.getInputStream()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (events.size() < frames + 1 && System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                for (StreamEvent e : decoder.feed(buf, 0, n)) {
                    assertTrue(!(e instanceof StreamEvent.Corrupt), e.toString());
                    events.add(e);
                }
            }
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        assertEquals(frames + 1, events.size(), events.toString());
        return events;
    }
}
