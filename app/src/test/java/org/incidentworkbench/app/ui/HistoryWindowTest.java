package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.incidentworkbench.app.lab.Sysstat;
import org.incidentworkbench.app.ui.metrics.ChartLegend;
import org.incidentworkbench.app.ui.metrics.ChartPanel;
import org.incidentworkbench.app.ui.metrics.ChartSeries;
import org.incidentworkbench.app.ui.metrics.TimeRange;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Load 7 days of history from sysstat" in the window: a real sshd host whose archive sysstat's own sadc
 * wrote during the test (records 2 s apart), loaded with the metrics tab's button, then sampled every second
 * with the Sample button; both lines of the host share one chart and its axis, and the legend tells them
 * apart by source and step.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryWindowTest {

    private static OpenSshTestServer sshd;
    @TempDir
    static Path dir;
    private WindowFixture fx;

    @BeforeAll
    static void startServer() {
        OpenSshTestServer.assumeAvailable();
        Sysstat.assumeInstalled();
        sshd = OpenSshTestServer.builder().address("127.0.0.1").start();
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        SshOptions options = sshd.sshOptions().withIdentityFiles(List.of(sshd.userKeyFile()));
        fx = new WindowFixture(options, SshConfigResolver::empty);
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void sarHistoryAndSamplesOfOneHostShareAChartAndTheLegendSaysEachStep(FxRobot robot) throws Exception {
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Sysstat.collect(sa, 2, 4); // three records 2 s apart
        String target = sshd.user() + "@127.0.0.1:" + sshd.port();
        WindowFixture.runFx(() -> fx.view.hosts().addTyped(target + " lab"));
        WindowFixture.waitFor(5, "the host listed", () -> fx.view.hosts().find(target).isPresent());
        showMetrics();
        Button load = robot.lookup("#load-sar-history").queryAs(Button.class);
        assertTrue(load.isDisabled(), "nothing to load with no host selected");
        WindowFixture.runFx(() -> {
            fx.view.sarHistory().setDirs(List.of(sa.toString()));
            fx.view.hostsView().select(List.of(target));
            fx.view.metrics().metricProperty().set(SampleMetrics.CPU_USER);
        });
        WindowFixture.waitFor(5, "the button enabled by the selection", () -> !load.isDisabled());
        robot.clickOn("#load-sar-history");
        WindowFixture.waitFor(30, "the history loaded", () -> !fx.view.sarHistory().busyProperty().get()
                && fx.view.sarHistory().messageProperty().get().contains("points of sysstat history from 3 records in 1 archive"));
        String said = robot.lookup("#sar-history-message").queryAs(Label.class).getText();
        assertTrue(said.startsWith(target + ": "), said);
        robot.clickOn("#sample-button");
        String sarLabel = target + " source=sar";
        WindowFixture.waitFor(40, "sar history and samples of the host on one chart", () -> {
            if (fx.view.metrics().panels().isEmpty()) {
                return false;
            }
            List<ChartSeries> s = fx.view.metrics().panels().get(0).series();
            return s.size() == 2 && s.stream().anyMatch(c -> c.label().equals(sarLabel))
                    && s.stream().anyMatch(c -> c.label().equals(target) && c.size() >= 3);
        });
        WindowFixture.runFx(fx.view::sampleSelected); // stop sampling: the figures below stay put
        ChartPanel panel = fx.view.metrics().panels().get(0);
        ChartSeries sar = panel.series().stream().filter(c -> c.label().equals(sarLabel)).findFirst().orElseThrow();
        ChartSeries sampled = panel.series().stream().filter(c -> c.label().equals(target)).findFirst().orElseThrow();
        assertEquals(3, sar.size(), "sadc's three records");
        assertEquals("sar, 2 s step", sar.source());
        assertEquals("sampled, 1 s step", sampled.source());
        TimeRange axis = fx.view.metrics().axis().range();
        assertTrue(axis.fromMillis() <= sar.firstTime() && sampled.lastTime() <= axis.toMillis() + 1000,
                "both on the one axis " + axis + ": sar from " + sar.firstTime() + ", samples to " + sampled.lastTime());
        assertTrue(sar.firstTime() < sampled.firstTime(), "the history was recorded before sampling began");
        ChartLegend legend = fx.view.metricsView().panels().get(0).legend();
        // the legend's Source column: "sar, 2 s step" beside "sampled, 1 s step"
        WindowFixture.waitFor(5, "the legend's source column", () -> legend.rowSources().stream().sorted().toList()
                .equals(List.of("sampled, 1 s step", "sar, 2 s step")));
    }

    @Test
    void aHostWithoutArchivesIsToldHowToTurnCollectionOn(FxRobot robot) throws Exception {
        Path empty = dir.resolve("no-archives");
        WindowFixture.waitFor(10, "the host list", () -> fx.view.hosts().find("local").isPresent());
        showMetrics();
        WindowFixture.runFx(() -> {
            fx.view.sarHistory().setDirs(List.of(empty.toString()));
            fx.view.hostsView().select(List.of("local"));
        });
        robot.clickOn("#load-sar-history");
        WindowFixture.waitFor(20, "the answer", () -> !fx.view.sarHistory().busyProperty().get()
                && !fx.view.sarHistory().messageProperty().get().startsWith("Reading"));
        String said = robot.lookup("#sar-history-message").queryAs(Label.class).getText();
        assertTrue(said.contains("no archives in " + empty + " (no such directory): collection is off"), said);
        assertTrue(said.contains("ENABLED=\"true\" in /etc/default/sysstat"), said);
        assertFalse(said.contains("Exception"), said);
    }

    private void showMetrics() throws Exception {
        // by id: the replay tab has an inner tab of the same name
        WindowFixture.runFx(() -> fx.view.tabs().getSelectionModel().select(
                fx.view.tabs().getTabs().stream().filter(t -> "tab-metrics".equals(t.getId())).findFirst().orElseThrow()));
        WindowFixture.waitFor(5, "the metrics view", () -> fx.view.metricsView().getScene() != null);
    }
}
