package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The screenshot tour headless (Scene.snapshot under Monocle): every main view is reached with real
 * work on this machine and written as a PNG of the window's size. Writes to
 * {@code target/screenshots}, or to {@code -Dworkbench.screenshots.dir=docs/screenshots} to refresh
 * the README's pictures.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {

    private WindowFixture fx;
    private Stage stage;

    private static OpenSshTestServer sshd;
    private static Path config;

    /** Two more hosts for the charts: ssh_config aliases of a real sshd on loopback, sampled over SSH like any host. */
    @BeforeAll
    static void startServer() throws Exception {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.1").start();
        StringBuilder sb = new StringBuilder();
        for (String alias : MORE_HOSTS) {
            sb.append(String.format("Host %s%n  HostName 127.0.0.1%n  Port %d%n  User %s%n  IdentityFile %s%n",
                    alias, sshd.port(), sshd.user(), sshd.userKeyFile()));
        }
        config = sshd.directory().resolve("ssh_config_screenshots");
        Files.writeString(config, sb.toString());
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static final List<String> MORE_HOSTS = List.of("lab-a", "lab-b");

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fx = new WindowFixture(sshd.sshOptions(), () -> SshConfigResolver.load(config));
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void writesAPngOfEveryMainView() throws Exception {
        String dir = System.getProperty("workbench.screenshots.dir");
        Path out = dir == null || dir.isBlank() ? Path.of("target", "screenshots") : Path.of(dir);
        List<Path> pngs = new ScreenshotTour(fx.view, stage.getScene(), out, MORE_HOSTS).run();
        boolean sysstat = Files.isExecutable(Path.of("/usr/lib/sysstat/sadc"));
        // one shot per probe view the tour photographs, from its own list
        List<String> expected = new java.util.ArrayList<>(List.of("triage.png"));
        ScreenshotTour.PROBE_SHOTS.forEach(p -> expected.add("triage-" + p + ".png"));
        expected.add("paste.png");
        expected.addAll(List.of("metrics.png", "metrics-small-multiples.png",
                "replay.png", "training.png", "training-dark.png", "fleet.png", "fleet-1280.png", "help.png", "triage-dark.png"));
        if (sysstat) {
            // sar history beside the samples, when sysstat records it
            expected.add(expected.indexOf("metrics-small-multiples.png") + 1, "metrics-history.png");
        }
        assertEquals(expected, pngs.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : pngs) {
            assertTrue(Files.size(p) > 10_000, p + " is too small to be a picture of the window");
            Image img = new Image(p.toUri().toString());
            // the fleet board is shot at 1600 px wide, the widest view given the screen, and again at 1280; the rest at the window's 1280
            String name = p.getFileName().toString();
            // the paste window is a window of its own, 1100 px wide
            assertEquals(name.equals("fleet.png") ? 1600 : name.equals("paste.png") ? 1100 : 1280, img.getWidth(), 0.5, p.toString());
        }
    }
}
