package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * One-click triage in a real window against a real OpenSSH sshd and this machine: the button and
 * Ctrl+T, findings first, then probe tabs with tables and raw text.
 */
@ExtendWith(ApplicationExtension.class)
class TriageFlowTest {

    private static OpenSshTestServer sshd;
    private WindowFixture fx;

    @BeforeAll
    static void startServers() throws Exception {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.1").start();
        // a second server's key written for the first one's address: what a man-in-the-middle presents
    }

    @AfterAll
    static void stopServers() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        if (sshd == null) {
            return;
        }
        SshOptions options = sshd.sshOptions().withIdentityFiles(List.of(sshd.userKeyFile()));
        fx = new WindowFixture(options, SshConfigResolver::empty);
        fx.show(stage, 1280, 800);
    }

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private String target() {
        return sshd.user() + "@127.0.0.1:" + sshd.port();
    }

    private HostRow row(String name) throws Exception {
        WindowFixture.waitFor(5, name + " in the host list", () -> fx.view.hosts().find(name).isPresent());
        return fx.view.hosts().find(name).orElseThrow();
    }

    @Test
    void triageButtonTriagesTheSshdAndShowsFindingsThenProbeTabs(FxRobot robot) throws Exception {
        robot.clickOn("#host-add").write(target() + " lab");
        robot.clickOn("#host-add-button");
        HostRow host = row(target());
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of(target())));
        robot.clickOn("#triage-button");
        WindowFixture.waitFor(30, "the triage report of " + target(), () -> host.report().isPresent() && !host.triagingProperty().get());
        TriageReport report = host.report().get();
        assertTrue(report.triaged(), () -> "not triaged: " + report.failure());
        assertEquals(target(), report.host());
        WindowFixture.waitFor(10, "the probe tabs", () -> robot.lookup("#probe-tabs").tryQuery().isPresent());
        TabPane probes = robot.lookup("#probe-tabs").queryAs(TabPane.class);
        assertEquals(List.of("w", "uptime", "ps", "ip", "df", "top", "iostat", "ss", "logs", "kernel", "systemd"),
                probes.getTabs().stream().map(t -> t.getText()).toList());
        assertTrue(robot.lookup("#findings").tryQuery().isPresent(), "the findings list comes first");
        assertTrue(fx.notifier.history().stream().anyMatch(n -> n.title().equals("Triage finished")), "a notification says triage finished");
        assertTrue(fx.ctx.prefs().recentHosts().contains(target()), "the host is remembered as recent");
    }

    @Test
    void ctrlTTriagesThisMachineLocally(FxRobot robot) throws Exception {
        HostRow local = row("local");
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of("local")));
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.T).release(javafx.scene.input.KeyCode.T, javafx.scene.input.KeyCode.CONTROL);
        WindowFixture.waitFor(30, "the local triage report", () -> local.report().isPresent() && !local.triagingProperty().get());
        assertTrue(local.report().get().triaged());
        assertTrue(local.report().get().results().size() >= 9);
        // the ps tab has a process table whose rows can be filtered
        WindowFixture.waitFor(10, "the probe tabs", () -> robot.lookup("#probe-tabs").tryQuery().isPresent());
        WindowFixture.runFx(() -> robot.lookup("#probe-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        WindowFixture.waitFor(10, "the ps table's filter", () -> robot.lookup(".table-filter").tryQuery().isPresent());
        // ps opens on its purpose-built view: this machine's processes, the top CPU consumer first, no kernel threads
        WindowFixture.waitFor(10, "the ps view", () -> robot.lookup("#process-table").tryQuery().isPresent());
        assertTrue(WindowFixture.onFx(() -> {
            @SuppressWarnings("unchecked")
            var rows = ((javafx.scene.control.TableView<org.incidentworkbench.app.model.probes.ProcessLine>) robot.lookup("#process-table").query()).getItems();
            return !rows.isEmpty() && rows.stream().noneMatch(org.incidentworkbench.app.model.probes.ProcessLine::kernelThread)
                    && rows.get(0).cpuPercent() == rows.stream().mapToDouble(org.incidentworkbench.app.model.probes.ProcessLine::cpuPercent).max().orElse(-1);
        }), "the local ps view lists processes by CPU without kernel threads");
        // the fleet tab lists the host with its key numbers
        robot.clickOn("Fleet");
        WindowFixture.waitFor(10, "local in the fleet table", () -> fx.view.fleet().rows().stream().anyMatch(r -> r.host().name().equals("local")));
        var figures = fx.view.fleet().rows().get(0).figures();
        assertTrue(figures.loadPerCore().isPresent() && figures.fullestPct().isPresent(), figures.toString());
    }
}
