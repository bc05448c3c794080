package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Twenty hosts (one real sshd reached under twenty ssh_config aliases, imported through the hosts
 * pane) triaged with one click while a frame monitor watches the FX thread: every host must finish,
 * the FX thread must never wait in the workbench's code, and it may not work more than 100 ms between
 * two frames, which proves that SSH, parsing and findings run off the FX thread and that publishing
 * twenty reports does not stall it (see the comment at the verdict for why CPU time, not wall time).
 */
@ExtendWith(ApplicationExtension.class)
class TwentyHostTriageTest {

    private static OpenSshTestServer sshd;
    private static Path config;
    private WindowFixture fx;

    @BeforeAll
    static void startServer() throws Exception {
        OpenSshTestServer.assumeAvailable();
        // twenty connections at once: lift sshd's MaxStartups (10:30:100 drops some unauthenticated ones)
        sshd = OpenSshTestServer.builder().address("127.0.0.1").config("MaxStartups 100").start();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            sb.append(String.format("Host node-%02d%n  HostName 127.0.0.1%n  Port %d%n  User %s%n  IdentityFile %s%n",
                    i, sshd.port(), sshd.user(), sshd.userKeyFile()));
        }
        config = sshd.directory().resolve("ssh_config_20");
        Files.writeString(config, sb.toString());
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        SshOptions options = sshd.sshOptions();
        fx = new WindowFixture(options, () -> SshConfigResolver.load(config));
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void twentyHostsTriageWithoutStallingTheFxThread() throws Exception {
        // the machine's load before this test adds its own (one-minute average per core)
        double perCore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
        List<String> names = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("node-%02d", i)).toList();
        WindowFixture.runFx(() -> fx.view.hosts().importSshConfig(config));
        WindowFixture.waitFor(10, "20 imported hosts", () -> names.stream().allMatch(n -> fx.view.hosts().find(n).isPresent()));
        // Warm-up, unmonitored: the JVM's first report view loads and links the table, list and tab
        // classes and their CSS (about a second on this shared 2-core machine, a one-time cost per
        // process, not blocking work). The monitored run below is a user's second triage.
        HostRow first = fx.view.hosts().find(names.get(0)).orElseThrow();
        WindowFixture.runFx(() -> {
            fx.view.hostsView().select(List.of(names.get(0)));
            fx.view.triageSelected();
        });
        WindowFixture.waitFor(30, "the warm-up triage", () -> first.report().isPresent() && !first.triagingProperty().get());
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of(names.get(1))));
        FrameMonitor monitor = new FrameMonitor();
        Thread[] fxThread = new Thread[1];
        WindowFixture.runFx(() -> fxThread[0] = Thread.currentThread());
        StallWatch watch = new StallWatch(monitor, fxThread[0]);
        // the user selects the 20 hosts, then presses Triage: the selection's own pulse (the tree's selection model and
        // CSS for 20 rows, about 100 ms of FX-thread CPU on a loaded machine) is drawn before the monitored triage
        WindowFixture.runFx(() -> fx.view.hostsView().select(names));
        FrameMonitor settle = new FrameMonitor();
        WindowFixture.runFx(settle::start);
        WindowFixture.waitFor(10, "the selection drawn", () -> settle.frames() >= 3);
        WindowFixture.runFx(settle::stop);
        WindowFixture.runFx(() -> {
            monitor.start();
            fx.view.triageSelected();
        });
        List<HostRow> rows = names.stream().map(n -> fx.view.hosts().find(n).orElseThrow()).toList();
        WindowFixture.waitFor(90, "all 20 reports", () -> rows.stream().allMatch(r -> r.report().isPresent() && !r.triagingProperty().get()));
        // a few more frames after the last report, so publishing it is inside the window
        WindowFixture.waitFor(5, "frames after the last report", () -> monitor.frames() > 10);
        WindowFixture.runFx(monitor::stop);
        watch.close();
        for (HostRow r : rows) {
            assertTrue(r.report().get().triaged(), () -> r.name() + " failed: " + r.report().get().failure());
            assertEquals(r.name(), r.report().get().host());
        }
        assertTrue(monitor.frames() >= 5, "the frame monitor saw " + monitor.frames() + " frames");
        assertTrue(watch.waitsInOurCode().isEmpty(), "the FX thread waited in workbench code: " + watch.waitsInOurCode());
        String detail = String.format("longest gap %.1f ms wall, most FX-thread CPU between two frames %.1f ms, median gap %.1f ms,"
                + " %d frames, load %.1f per core before the test; the FX thread meanwhile:%n%s", monitor.maxGapMillis(),
                monitor.maxCpuBetweenFramesMillis(), monitor.quantileMillis(0.5), monitor.frames(), perCore, watch.longestStall());
        System.err.println("20-host triage: " + detail.substring(0, detail.indexOf(';')));
        // The verdict is on the FX thread's own time between two frames (CPU, not wall clock): the twenty
        // test servers run on this same machine, and their login shells and key exchanges take the
        // cores for seconds, which delays every thread's scheduling, the FX thread's too. Real servers
        // do that work on their own CPUs. What this window controls, work and waiting on its FX thread,
        // must stay under 100 ms between frames; the wall-clock figures are printed for the record.
        assertTrue(monitor.maxCpuBetweenFramesMillis() <= Double.parseDouble(System.getProperty("workbench.stallCpuMillis", "100")), "the FX thread worked too long between two frames: " + detail
                + "\nsamples in the gap with the most FX-thread CPU:\n" + watch.samplesAt(monitor.maxCpuFrame()));
    }
}
