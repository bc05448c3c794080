package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.incidentworkbench.playbooks.export.EventText;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/** Prints events as "[+mm:ss hh:mm:ss] actor  text", with a triage's findings and a command's first lines below. */
final class EventPrinter {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final Instant start;
    private final Redactor redactor;

    EventPrinter(PrintStream out, Instant start, Redactor redactor) {
        this.out = out;
        this.start = start;
        this.redactor = redactor;
    }

    void print(List<JournalEvent> events) {
        UnaryOperator<String> inline = t -> redactor.redact(t).strip().replace("\n", " ");
        for (JournalEvent e : events) {
            long s = Math.max(0, Duration.between(start.truncatedTo(ChronoUnit.SECONDS), e.time().truncatedTo(ChronoUnit.SECONDS)).getSeconds());
            out.printf("[+%02d:%02d %s] %-10s %s%n", s / 60, s % 60, CLOCK.format(e.time()), e.actor(),
                    EventText.oneLine(e, inline, CLOCK::format));
        }
    }

    void details(JournalEvent e) {
        if (e instanceof JournalEvent.CommandOutput c) {
            List<String> lines = redactor.redact(c.output()).lines().toList();
            lines.stream().limit(15).forEach(l -> out.println("    " + l));
            if (lines.size() > 15) {
                out.println("    ... (" + (lines.size() - 15) + " more lines)");
            }
        } else if (e instanceof JournalEvent.TriageRun t) {
            t.report().path("findings").forEach(f -> out.println("    " + f.path("severity").asText() + "  "
                    + redactor.redact(f.path("title").asText()) + " — " + redactor.redact(f.path("evidence").asText())
                    + (f.path("hint").asText("").isEmpty() ? "" : System.lineSeparator() + "      hint: " + f.path("hint").asText())));
        }
    }
}
