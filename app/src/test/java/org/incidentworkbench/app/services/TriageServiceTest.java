package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's per-host triage, as {@code ui.triage.ServiceTriager} calls it, on this machine and with a broken config. */
class TriageServiceTest {

    @TempDir
    Path dir;

    @Test
    void thisMachineIsTriagedUnderItsListedNameWithItsStepInWords() {
        List<String> steps = new ArrayList<>();
        AppContext app = new AppContext(new SshTransport(SshOptions.defaults().withoutAgent(), UserPrompter.NONE),
                SshConfigResolver::empty, dir.resolve("m.mv.db"), dir.resolve("incidents"));
        TriageReport report = app.localTriage(TriageSettings.standard()).triage("local", "local", steps::add);
        assertTrue(report.triaged(), report.failure().map(HostFailure::message).orElse(""));
        assertEquals("local", report.host());
        assertEquals(List.of("running probes on this machine"), steps);
        assertTrue(!report.results().isEmpty(), "the probes ran");
    }

    @Test
    void aConfigThatBreaksWhileTheWindowRunsFailsThatHostOnlyAndSaysWhy() throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host web-1\n  HostName 127.0.0.1\n  Port 2\n");
        AppContext app = new AppContext(new SshTransport(SshOptions.defaults().withoutAgent(), UserPrompter.NONE),
                () -> SshConfigResolver.load(config), dir.resolve("m.mv.db"), dir.resolve("incidents"));
        TriageService ssh = app.triage(TriageSettings.standard());
        Files.delete(config); // the config is re-read for every host, so the window sees the edit at once
        List<String> steps = new ArrayList<>();
        TriageReport report = ssh.triage("web-1 (prod)", "web-1", steps::add);
        HostFailure failure = report.failure().orElseThrow();
        assertEquals(HostFailure.Kind.BAD_CONFIG, failure.kind());
        assertEquals("web-1 (prod)", report.host());
        assertEquals("web-1", report.target());
        assertTrue(failure.message().startsWith("Could not work out how to connect to 'web-1': "), failure.message());
        assertTrue(failure.message().contains(config.toString()), failure.message());
        assertEquals(List.of(), steps, "nothing was connected to");
    }
}
