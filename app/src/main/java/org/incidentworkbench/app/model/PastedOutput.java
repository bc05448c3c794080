package org.incidentworkbench.app.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.parse.InputText;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;

/**
 * Command output an engineer pasted into the window, read as {@code workbench parse auto} reads it: the parser picked
 * from the text ({@link Probes#guessParser}), the result as a one-probe triage report (so the triage's probe views
 * show it) with the findings that rules can draw from that one output; or a sentence saying why it was not read.
 * Pure and thread-safe: call it off the FX thread, pastes can be megabytes.
 *
 * @param report   the pasted output as host {@link #HOST}'s one probe result and its findings; empty when not read
 * @param sentence what was read ("Read as df output: 2 findings.") or why not, and what to paste instead
 */
public record PastedOutput(Optional<TriageReport> report, String sentence) {

    public static final String HOST = "pasted";

    /**
     * The commands whose output is read, as an engineer types them. Every parser of {@link Probes#parsers()} is named
     * here ({@code PastedOutputTest} checks), so the sentence for unknown text never leaves one out.
     */
    public static final String KNOWN = "ps aux, df -h, ss -tanp or ss -s, top -b -n 1, iostat -x, ip addr or ip -s link, w,"
            + " uptime, free, vmstat, journalctl, /var/log/syslog or messages, dmesg, systemctl --failed, and the /proc files"
            + " of the kernel probe";

    public static PastedOutput read(String text, Instant now) {
        if (text == null || InputText.normalise(text).isBlank()) {
            return new PastedOutput(Optional.empty(), "Nothing to read yet: paste what one command printed in a terminal,"
                    + " from its header line on.");
        }
        Optional<OutputParser<?>> parser = Probes.guessParser(text);
        if (parser.isEmpty()) {
            return new PastedOutput(Optional.empty(), "The workbench does not recognise this text as the output of a command"
                    + " it knows. It reads: " + KNOWN + ". Paste one command's whole output, from its header line on"
                    + " (for processes, the output of ps aux with its USER PID %CPU line).");
        }
        return read(parser.get(), text, now);
    }

    private static <T> PastedOutput read(OutputParser<T> parser, String text, Instant now) {
        String name = parser.info().name();
        ParseOutcome<T> outcome = Parsers.parsePasted(parser, text);
        if (outcome instanceof ParseOutcome.Unrecognised<T> u) {
            return new PastedOutput(Optional.empty(), Parsers.isNoDataRows(outcome)
                    ? "This looks like " + name + " output but holds no data rows (" + u.reason() + "): paste the command's"
                            + " whole output, with its rows."
                    : "This looks like " + name + " output but could not be read: " + u.reason() + ".");
        }
        ParseOutcome.Parsed<T> p = (ParseOutcome.Parsed<T>) outcome;
        ProbeResult.Parsed result = new ProbeResult.Parsed(name, text, 0, Duration.ZERO, p.value(), p.warnings(), List.of());
        TriageReport report = new TriageReport(HOST, HOST, now, Duration.ZERO, Optional.empty(), List.of(result), List.of());
        // the rules that read this one output; coverage findings are about what a triage could not read, not a paste
        List<Finding> findings = Findings.evaluate(report).stream()
                .filter(f -> f.probe().equals(name) && !f.rule().startsWith("coverage.")).toList();
        String counted = findings.isEmpty() ? "no findings" : findings.size() == 1 ? "1 finding" : findings.size() + " findings";
        return new PastedOutput(Optional.of(report.withFindings(findings)), "Read as " + name + " output (" + parser.info().description()
                + "): " + counted + (p.warnings().isEmpty() ? "." : "; " + p.warnings().size() + " line(s) not understood, listed in the view."));
    }
}
