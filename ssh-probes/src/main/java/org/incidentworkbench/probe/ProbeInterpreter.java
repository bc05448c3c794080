package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.parse.Sections;

/**
 * Decides what a probe's run means for the user and parses its text: the one place where "timed
 * out", "missing tool", "command failed" and "parsed" are told apart, so the CLI, the UI and the
 * journal all say the same thing about the same output.
 *
 * <p>Order of the checks: no end line (the channel ended or timed out first); killed at its own
 * timeout; a missing tool without fallback (the message names the package); a failing command with
 * no output; then the parser. A command that failed but printed something parseable (df exits 1 when
 * one mount is unreadable) is parsed, with the failure kept as a note. Stateless.
 */
public final class ProbeInterpreter {

    /** Exit statuses of a command killed at its timeout: GNU timeout's 124, SIGKILL's 137, SIGTERM's 143. */
    private static final List<Integer> TIMEOUT_STATUSES = List.of(124, 137, 143);

    private ProbeInterpreter() {
    }

    /**
     * @param probe          the probe that ran
     * @param run            what the script reported for it
     * @param host           the host's name, for messages
     * @param channelTimedOut the channel as a whole hit its bound
     * @param channelLimit   that bound
     * @param wallTime       fallback duration when the server's clock did not give one
     */
    public static ProbeResult interpret(Probe<?> probe, ProbeRun run, String host, boolean channelTimedOut,
                                        Duration channelLimit, Duration wallTime) {
        String name = probe.name();
        String raw = run.text();
        int status = run.exitStatus().orElse(-1);
        Duration duration = run.duration().orElse(wallTime);
        if (channelTimedOut && (!run.ended() || run.exitStatus().isEmpty())) {
            // the channel's bound killed the script while this probe ran (its status never arrived)
            return new ProbeResult.TimedOut(name, raw, -1, wallTime, channelLimit);
        }
        if (!run.ended()) {
            String what = run.began() ? "while the " + name + " probe was running" : "before the " + name + " probe started";
            return new ProbeResult.CommandFailed(name, raw, -1, wallTime,
                    "The connection to " + host + " ended " + what + " (" + raw.length()
                    + " characters had arrived); run the triage again, and if this recurs look at the server's sshd log.");
        }
        if (TIMEOUT_STATUSES.contains(status) && duration.plusMillis(100).compareTo(probe.timeout()) >= 0) {
            return new ProbeResult.TimedOut(name, raw, status, duration, probe.timeout());
        }
        List<String> notes = new ArrayList<>();
        for (ProbeRun.MissingTool m : run.missing()) {
            if (!m.hadFallback()) {
                return new ProbeResult.CommandFailed(name, raw, status, duration,
                        "'" + m.tool() + "' is not installed on " + host + ": install the package " + m.pkg()
                        + " (apt-get install " + m.pkg() + " or dnf install " + m.pkg() + ") to get the " + name + " probe.");
            }
            notes.add(fallbackNote(m, raw));
        }
        for (String refused : run.sudoRefused()) {
            int space = refused.indexOf(' ');
            String command = space < 0 ? refused : refused.substring(0, space);
            String answer = space < 0 ? "" : refused.substring(space + 1);
            notes.add("sudo -n " + command + " was refused" + (answer.isEmpty() ? "" : " (" + answer + ")")
                    + ": read as the login user instead; a NOPASSWD sudoers rule for " + command + " lets --sudo read it");
        }
        String firstError = firstLine(run.stderr());
        if (run.exitStatus().isEmpty() && raw.isBlank()) {
            return new ProbeResult.CommandFailed(name, raw, status, duration,
                    "The " + name + " probe printed nothing on " + host + " and its exit status never arrived"
                    + (firstError.isEmpty() ? "; run the triage again." : ": " + firstError));
        }
        if (status != 0 && raw.isBlank()) {
            return new ProbeResult.CommandFailed(name, raw, status, duration,
                    "The " + name + " probe failed on " + host + " with exit status " + status
                    + (firstError.isEmpty() ? " and printed nothing." : ": " + firstError));
        }
        if (run.exitStatus().isPresent() && status != 0 && status != 141) {
            notes.add("exited with status " + status + (firstError.isEmpty() ? "" : ": " + firstError));
        } else if (!firstError.isEmpty()) {
            notes.add("stderr: " + firstError);
        }
        if (run.truncated()) {
            notes.add("output beyond " + probe.maxOutputBytes() + " bytes was discarded on the server (the probe's output cap)");
        }
        ParseOutcome<?> outcome = Parsers.safeParse(probe.parser(), raw);
        if (outcome instanceof ParseOutcome.Parsed<?> parsed) {
            return new ProbeResult.Parsed(name, raw, status, duration, parsed.value(), parsed.warnings(), notes);
        }
        String reason = outcome instanceof ParseOutcome.Unrecognised<?> u ? u.reason() : "unrecognised output";
        return new ProbeResult.ParseFailed(name, raw, status, duration, reason + joinNotes(notes));
    }

    private static String fallbackNote(ProbeRun.MissingTool m, String raw) {
        String fallbacks = Sections.split(raw).keySet().stream().filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        return m.tool() + " is not installed (package " + m.pkg() + ")"
                + (fallbacks.isEmpty() ? "" : "; read " + fallbacks + " instead");
    }

    private static String firstLine(String text) {
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }

    private static String joinNotes(List<String> notes) {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }
}
