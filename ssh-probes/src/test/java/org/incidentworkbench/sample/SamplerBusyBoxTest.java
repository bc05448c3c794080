package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.BusyBoxRoot;
import org.incidentworkbench.testing.LocalUser;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;

/**
 * The sampler on a real BusyBox host (issue 18): a real sshd chroots an ordinary user into a root holding only
 * BusyBox, so the loop runs under BusyBox ash with BusyBox's date (no %N). Its frame times carry milliseconds
 * (EPOCHREALTIME in Debian's ash; /proc/uptime anchored to date's tick elsewhere, SamplerScriptTest), so points
 * are not stamped on whole seconds and the clock offset is the delivery delay, well under a second.
 */
class SamplerBusyBoxTest {

    @Test
    void aBusyBoxHostIsSampledWithSubSecondFrameTimes() throws Exception {
        OpenSshTestServer.assumeAvailable();
        BusyBoxRoot.assumeAvailable();
        List<MetricSample> points = Collections.synchronizedList(new ArrayList<>());
        try (LocalUser user = LocalUser.create(); BusyBoxRoot root = BusyBoxRoot.create(user);
             OpenSshTestServer sshd = OpenSshTestServer.builder().address("127.0.0.68").chroot(user.name(), root.directory()).start();
             Sampler sampler = Sampler.start(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), points::addAll,
                     SamplerConfig.of(Duration.ofMillis(300)))) {
            sampler.start(sshd.hostSpec(user.name()));
            String alias = sshd.hostSpec(user.name()).alias();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sampler.status(alias).orElseThrow().frames() < 6) {
                assertTrue(System.nanoTime() < deadline, () -> "only " + sampler.status(alias).orElseThrow() + "\n" + sshd.log());
                Thread.sleep(50);
            }
            HostStatus s = sampler.status(alias).orElseThrow();
            assertEquals(State.SAMPLING, s.state(), s::toString);
            assertEquals("sh", s.shell().orElseThrow(), "no bash in the root: BusyBox ash runs the loop");
            assertEquals(0, s.corruptFrames());
            Duration offset = s.clockOffset().orElseThrow();
            assertTrue(offset.abs().compareTo(Duration.ofMillis(900)) < 0, "one machine, one clock: " + offset);
        }
        List<MetricSample> all;
        synchronized (points) {
            all = new ArrayList<>(points);
        }
        List<Long> times = all.stream().filter(p -> p.metric().equals("cpu.user") && !p.isGapMarker())
                .map(MetricSample::timestampMillis).toList();
        assertTrue(times.size() >= 4, all::toString);
        assertTrue(times.stream().anyMatch(t -> t % 1000 != 0), "frame times on whole seconds: " + times);
    }
}
