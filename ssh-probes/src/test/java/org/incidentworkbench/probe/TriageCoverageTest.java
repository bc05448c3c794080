package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.LocalUser;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coverage is part of the result (issue 12 items 1 and 2), on a real sshd logged in as an ordinary user
 * made for the test. This machine has kernel.dmesg_restrict=1 (Debian's default), so that user cannot
 * read the kernel log: the triage must say so as a finding, never "no findings"; with {@code --sudo}
 * and a NOPASSWD sudoers rule for the logs probe's commands it reads the kernel log; with --sudo and no
 * rule, sudo would prompt: the probe falls back and the coverage says so.
 */
class TriageCoverageTest {

    /** The sudoers rule docs/triage-json.md gives for --sudo. */
    static final String RULE = "ALL=(root) NOPASSWD: /usr/bin/dmesg -T, /usr/bin/ss -tanp, /usr/bin/journalctl -p warning -n 300 -o short-iso"
            + " --no-pager, /usr/bin/tail -n 300 /var/log/syslog, /usr/bin/tail -n 300 /var/log/messages";

    private static LocalUser user;
    private static OpenSshTestServer sshd;

    @BeforeAll
    static void start() {
        OpenSshTestServer.assumeAvailable();
        user = LocalUser.create();
        sshd = OpenSshTestServer.builder().address("127.0.0.66").readableByAllUsers().start();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
        if (user != null) {
            user.close();
        }
    }

    private static TriageReport triage(boolean sudo) {
        TriageSettings settings = TriageSettings.standard().withSudo(sudo);
        return new TriageRunner(new SshTransport(sshd.sshOptions(), UserPrompter.NONE), settings, Findings::evaluate)
                .triage(sshd.hostSpec(user.name()));
    }

    private static ProbeCoverage logs(TriageReport report) {
        return report.coverage().stream().filter(c -> c.probe().equals("logs")).findFirst().orElseThrow();
    }

    @Test
    void anOrdinaryUserWithoutKernelLogAccessGetsACoverageFindingNotNoFindings() throws Exception {
        TriageReport report = triage(false);
        assertTrue(report.triaged(), () -> report.failure().toString());
        assertEquals(Probes.STANDARD.size(), report.coverage().size());
        ProbeCoverage logs = logs(report);
        assertEquals(ProbeCoverage.Level.PARTIAL, logs.level(), logs::toString);
        assertTrue(logs.reasons().get(0).startsWith("kernel log not readable as " + user.name() + ": OOM kills and disk"
                + " errors are invisible (dmesg: read kernel buffer failed: Operation not permitted)"), logs::toString);
        ProbeCoverage ss = report.coverage().stream().filter(c -> c.probe().equals("ss")).findFirst().orElseThrow();
        assertEquals(ProbeCoverage.Level.PARTIAL, ss.level(), "this login's own connection belongs to root's sshd: " + ss);
        assertTrue(ss.reasons().get(0).contains(" without a process as " + user.name() + ": ss -p shows only"), ss::toString);
        Finding blind = report.findings().stream().filter(f -> f.rule().equals("coverage.kernel-log")).findFirst()
                .orElseThrow(() -> new AssertionError("no coverage finding in " + report.findings()));
        assertEquals(Severity.WARNING, blind.severity());
        assertEquals("kernel log not readable as " + user.name() + ": OOM kills and disk errors are invisible", blind.title());
        assertTrue(blind.hint().contains("--sudo"), blind.hint());
        // the JSON carries it
        String json = org.incidentworkbench.json.Json.mapper().writeValueAsString(report);
        assertTrue(json.contains("\"coverage\":[{\"probe\":\"w\",\"level\":\"full\""), json.substring(0, Math.min(400, json.length())));
        assertTrue(json.contains("\"level\":\"partial\""), "logs is partial in the JSON");
        // and reading it back gives the same coverage
        assertEquals(report.coverage(), TriageReportJson.read(json).coverage());
        // a triage that ended normally leaves nothing either (its watchdog goes with the script)
        assertEquals(List.of(), user.awaitNoProcesses(5000));
    }

    @Test
    void withSudoAndANopasswdRuleTheKernelLogIsRead() {
        LocalUser.assumeSudo();
        user.allowSudo(RULE);
        try {
            TriageReport report = triage(true);
            ProbeCoverage logs = logs(report);
            assertEquals(ProbeCoverage.Level.FULL, logs.level(), logs::toString);
            assertEquals(List.of(), logs.blindSpots());
            assertFalse(report.findings().stream().anyMatch(f -> f.rule().startsWith("coverage.")), report.findings()::toString);
            assertTrue(report.coverage().stream().allMatch(c -> c.level() == ProbeCoverage.Level.FULL
                    || c.probe().equals("iostat") && c.reasons().stream().allMatch(r -> r.contains("is not installed"))
                    // nothing hidden: this machine's init is not systemd, so there are no units to read
                    || c.probe().equals("systemd") && c.reasons().stream().allMatch(r -> r.startsWith("systemd is not running"))),
                    report.coverage()::toString);
            String dmesg = org.incidentworkbench.parse.Sections.split(report.result("logs").orElseThrow().raw()).get("dmesg");
            assertFalse(dmesg.contains("Operation not permitted"), dmesg);
        } finally {
            user.close(); // removes the rule (and the user; the other test made its own reports already)
            user = LocalUser.create();
        }
    }

    @Test
    void withSudoButNoRuleTheProbeFallsBackAndTheCoverageSaysSo() {
        LocalUser.assumeSudo();
        TriageReport report = triage(true);
        ProbeCoverage logs = logs(report);
        assertEquals(ProbeCoverage.Level.PARTIAL, logs.level());
        assertTrue(logs.reasons().stream().anyMatch(r -> r.startsWith("sudo -n dmesg was refused (sudo: a password is"
                + " required): read as the login user instead")), logs::toString);
        assertTrue(report.findings().stream().anyMatch(f -> f.rule().equals("coverage.kernel-log")), report.findings()::toString);
    }
}
