package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;

/**
 * Samples this machine through a real OpenSSH sshd while the test loads its CPUs (busy threads) and its
 * disk (writes with fsync), and checks that the sampled series show that load.
 */
class SamplerSshTest {

    @Test
    void sampledSeriesShowTheCpuAndDiskLoadMadeDuringSampling() throws Exception {
        OpenSshTestServer.assumeAvailable();
        List<MetricSample> points = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        // the disk load goes to the module's target dir: /tmp may be a tmpfs, which no block device sees
        Path diskDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "iw-disk-load-");
        try (OpenSshTestServer sshd = OpenSshTestServer.start()) {
            try (Sampler sampler = Sampler.start(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), points::addAll,
                    stallTolerant(SamplerConfig.of(Duration.ofMillis(500)).withDfEvery(2)))) {
                sampler.start(sshd.hostSpec());
                String alias = sshd.hostSpec().alias();
                awaitFrames(sampler, alias, 2);
                for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                    load.add(started(() -> {
                        long x = 0;
                        while (loading.get()) {
                            x += System.nanoTime() % 7;
                        }
                        return x;
                    }));
                }
                load.add(started(() -> {
                    writeWithFsync(diskDir.resolve("load.bin"), loading);
                    return 0L;
                }));
                long framesBefore = sampler.status(alias).orElseThrow().frames();
                awaitFrames(sampler, alias, framesBefore + 5);
                loading.set(false);
                HostStatus s = sampler.status(alias).orElseThrow();
                assertEquals(State.SAMPLING, s.state(), s.toString());
                assertEquals(0, s.corruptFrames());
                assertTrue(s.target().contains(sshd.address()), s.target());
                assertEquals(1, SshdProcesses.loops(sshd).size(), "one loop on the server");
            }
            // closing the channel ends the remote loop at its next write, within one interval
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!SshdProcesses.loops(sshd).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(), SshdProcesses.loops(sshd), "the loop outlived its channel");
        } finally {
            loading.set(false);
            for (Thread t : load) {
                t.join(5000);
            }
            Files.deleteIfExists(diskDir.resolve("load.bin"));
            Files.deleteIfExists(diskDir);
        }
        List<MetricSample> all;
        synchronized (points) {
            all = new ArrayList<>(points);
        }
        double busiest = all.stream().filter(p -> p.metric().equals("cpu.user") && !p.isGapMarker())
                .mapToDouble(p -> p.value() + systemAt(all, p.timestampMillis())).max().orElse(0);
        assertTrue(busiest > 50, "busy threads on every CPU, yet cpu.user + cpu.system peaked at " + busiest + " %");
        double written = all.stream().filter(p -> p.metric().equals("disk.write_bytes_per_s") && !p.isGapMarker())
                .mapToDouble(MetricSample::value).sum();
        assertTrue(written > 1_000_000, "files were written with fsync, yet disk.write_bytes summed to " + written + " bytes/s");
        assertTrue(all.stream().anyMatch(p -> p.metric().equals("fs.used_pct") && p.labels().get("mount").equals("/")));
    }

    /** Busy threads on every CPU can delay a frame; the stall detector is not under test here. */
    private static SamplerConfig stallTolerant(SamplerConfig c) {
        return new SamplerConfig(c.interval(), c.dfEvery(), c.pollPeriod(), 10, c.firstFrameWait(), c.backoffMin(), c.backoffMax(),
                c.connectThreads(), c.clock());
    }

    private static Thread started(java.util.concurrent.Callable<Long> work) {
        Thread t = new Thread(() -> {
            try {
                work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "test-load");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double systemAt(List<MetricSample> all, long t) {
        return all.stream().filter(p -> p.metric().equals("cpu.system") && p.timestampMillis() == t)
                .mapToDouble(MetricSample::value).findFirst().orElse(0);
    }

    private static void writeWithFsync(Path file, AtomicBoolean loading) {
        byte[] block = new byte[1 << 20];
        new java.util.Random(1).nextBytes(block);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            while (loading.get()) {
                f.seek(0);
                for (int i = 0; i < 8 && loading.get(); i++) {
                    f.write(block);
                }
                f.getFD().sync();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left in target/, which the next clean removes
            }
        }
    }

    private static void awaitFrames(Sampler sampler, String alias, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sampler.status(alias).orElseThrow().frames() < frames) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + sampler.status(alias).orElseThrow() + " within 30 s.");
            }
            Thread.sleep(50);
        }
    }
}
