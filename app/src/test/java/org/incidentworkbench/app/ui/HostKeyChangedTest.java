package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
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
 * A real sshd whose key differs from the one in known_hosts (another server's key written for its
 * address, as a man-in-the-middle would present): the window refuses, marks the host unreachable and
 * explains it with both fingerprints, the known_hosts line and the fix.
 */
@ExtendWith(ApplicationExtension.class)
class HostKeyChangedTest {

    private static OpenSshTestServer sshd;
    private static OpenSshTestServer impostor;
    private static Path wrongKnownHosts;
    private WindowFixture fx;

    @BeforeAll
    static void startServers() throws Exception {
        OpenSshTestServer.assumeAvailable();
        sshd = OpenSshTestServer.builder().address("127.0.0.1").start();
        impostor = OpenSshTestServer.builder().address("127.0.0.1").start();
        wrongKnownHosts = sshd.directory().resolve("known_hosts_changed");
        Files.writeString(wrongKnownHosts, "[127.0.0.1]:" + sshd.port() + " " + impostor.hostPublicKey() + "\n");
    }

    @AfterAll
    static void stopServers() {
        if (sshd != null) {
            sshd.close();
        }
        if (impostor != null) {
            impostor.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        SshOptions wrong = sshd.sshOptions().withKnownHostsFile(wrongKnownHosts).withIdentityFiles(List.of(sshd.userKeyFile()));
        fx = new WindowFixture(wrong, SshConfigResolver::empty);
        fx.show(stage, 1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void changedHostKeyIsRefusedAndExplainedWithBothFingerprints(FxRobot robot) throws Exception {
        String target = sshd.user() + "@127.0.0.1:" + sshd.port();
        robot.clickOn("#host-add").write(target);
        robot.clickOn("#host-add-button");
        WindowFixture.waitFor(5, "the host in the list", () -> fx.view.hosts().find(target).isPresent());
        HostRow host = fx.view.hosts().find(target).orElseThrow();
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of(target)));
        WindowFixture.runFx(() -> fx.view.triageSelected());
        WindowFixture.waitFor(30, "the failed triage", () -> host.report().isPresent() && !host.triagingProperty().get());
        TriageReport report = host.report().get();
        assertEquals(HostFailure.Kind.HOST_KEY_CHANGED, report.failure().orElseThrow().kind());
        assertEquals("unreachable", host.status().label());
        WindowFixture.waitFor(10, "the failure pane", () -> robot.lookup("#failure-headline").tryQuery().isPresent());
        String headline = robot.lookup("#failure-headline").queryAs(Label.class).getText();
        assertTrue(headline.contains("CHANGED"), headline);
        String detail = robot.lookup("#failure-detail").queryAs(TextArea.class).getText();
        String message = robot.lookup("#failure-message").queryAs(Label.class).getText();
        String all = message + "\n" + detail;
        assertTrue(all.split("SHA256:", -1).length >= 3, "both fingerprints are shown: " + all);
        assertTrue(all.contains(wrongKnownHosts.toString()), "the known_hosts file and line are named: " + all);
        String fix = robot.lookup("#failure-fix").queryAs(Label.class).getText();
        assertTrue(fix.contains("ssh-keygen -R"), fix);
    }
}
