package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.junit.jupiter.api.AfterEach;
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

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        fx = new WindowFixture(SshOptions.defaults().withoutAgent(), SshConfigResolver::empty);
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
        List<Path> pngs = new ScreenshotTour(fx.view, stage.getScene(), out).run();
        assertEquals(List.of("triage.png", "fleet.png", "metrics.png", "metrics-small-multiples.png", "replay.png", "training.png",
                "help.png", "triage-dark.png"), pngs.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : pngs) {
            assertTrue(Files.size(p) > 10_000, p + " is too small to be a picture of the window");
            Image img = new Image(p.toUri().toString());
            assertEquals(1280, img.getWidth(), 0.5, p.toString());
        }
    }
}
