package org.incidentworkbench.app.lab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;

/**
 * The scripted responder of a lab incident: everything it does goes through the product (the triage
 * service, an SSH connection of the product's transport) and is recorded in the incident's journal
 * as it happens, exactly as the window records a person's work.
 */
final class Responder {

    private final IncidentRecording recording;
    private final TriageService triage;
    private final HostSpec host;
    private final HostConnection shell;
    /** Time between the responder's steps, so the journal has a person's pace (and the metrics move meanwhile). */
    private final Duration pace = Duration.ofSeconds(4);

    Responder(IncidentRecording recording, TriageService triage, HostSpec host, HostConnection shell) {
        this.recording = recording;
        this.triage = triage;
        this.host = host;
        this.shell = shell;
    }

    /** Triages the host and records the report; a host that could not be triaged stops the lab (no sample with holes). */
    TriageReport triage() throws IOException {
        think();
        TriageReport report = triage.triage(host);
        if (report.failure().isPresent()) {
            throw new IOException("The lab's triage of " + host.alias() + " failed, so this recording is abandoned: "
                    + report.failure().get().message());
        }
        recording.triage(report);
        System.err.println("  triage: " + report.findings().stream().map(f -> f.rule() + " " + f.title()).toList());
        return report;
    }

    /** Runs a command on the host, records it with its output, and returns the output. */
    String run(String command) throws IOException {
        think();
        ExecResult r = shell.exec(command, Duration.ofSeconds(30), 256 * 1024);
        String output = r.stdout() + (r.stderr().isBlank() ? "" : r.stderr());
        System.err.println("  $ " + command + "  (exit " + r.exitStatus() + ")");
        recording.command(host.alias(), command, r.exitStatus(), output, r.duration());
        return output;
    }

    /** Fails the recording unless the report has a finding of this rule (the sample would tell a false story). */
    static void expectFinding(TriageReport report, String rule) {
        if (report.findings().stream().noneMatch(f -> f.rule().equals(rule))) {
            throw new IllegalStateException("The triage has no " + rule + " finding, so this recording is abandoned; findings: "
                    + report.findings().stream().map(f -> f.rule()).toList());
        }
    }

    void chart(String metric, Duration back) throws IOException {
        think();
        Instant now = recording.now();
        recording.chart(metric, List.of(host.alias()), now.minus(back), now);
    }

    void note(String text, String... tags) throws IOException {
        think();
        recording.note(text, List.of(tags));
    }

    String hypothesis(String text) throws IOException {
        think();
        return recording.hypothesis(text).id();
    }

    void confirm(String id, String reason) throws IOException {
        think();
        recording.updateHypothesis(id, HypothesisState.CONFIRMED, Optional.of(reason));
    }

    void reject(String id, String reason) throws IOException {
        think();
        recording.updateHypothesis(id, HypothesisState.REJECTED, Optional.of(reason));
    }

    /** Does something to the host and records it as an action with what came of it. */
    String act(String action, String command, String outcomeCommand) throws IOException {
        think();
        ExecResult r = shell.exec(command, Duration.ofSeconds(30), 64 * 1024);
        if (r.exitStatus() != 0) {
            throw new IOException("The responder's action failed (exit " + r.exitStatus() + "): " + command + "\n" + r.stderr());
        }
        String outcome = outcomeCommand == null ? "" : shell.exec(outcomeCommand, Duration.ofSeconds(30), 64 * 1024).stdout().strip();
        System.err.println("  action: " + action + " -> " + outcome);
        recording.action(Optional.of(host.alias()), action + " (`" + command + "`)",
                outcome.isEmpty() ? Optional.empty() : Optional.of(outcome));
        return outcome;
    }

    void marker(String label) throws IOException {
        recording.marker(label);
    }

    IncidentRecording recording() {
        return recording;
    }

    private void think() {
        try {
            Thread.sleep(pace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The lab was interrupted.", e);
        }
    }

    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
