package org.incidentworkbench.playbooks.export;

import static org.incidentworkbench.playbooks.testing.DiskFullIncident.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;

/**
 * The export is checked against a golden file. After an intended change of the format, regenerate it
 * with {@code -Dgolden.update=true} and review the diff.
 */
class PostmortemExporterTest {

    static final Path GOLDEN = Path.of("src/test/resources/org/incidentworkbench/playbooks/export/disk-full-postmortem.md");

    /** The disk-full incident plus a rejected hypothesis and a command whose line and output hold secrets. */
    static List<JournalEvent> events() {
        List<JournalEvent> events = new ArrayList<>(DiskFullIncident.events());
        events.add(6, new JournalEvent.Hypothesis(at(80), "bob", "h2", "The database is down", HypothesisState.OPEN, Optional.empty()));
        events.add(7, new JournalEvent.Hypothesis(at(85), "bob", "h2", "The database is down", HypothesisState.REJECTED,
                Optional.of("mysql answers")));
        events.add(8, new JournalEvent.CommandOutput(at(86), "bob", "web-1",
                "MYSQL_PWD=hunter2 mysql -h db-1 -u app --password=hunter2 -e 'select 1'", 0,
                "1\ncurl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig' https://admin:s3cret@api.internal/health\nok\n",
                Duration.ofMillis(120)));
        return events;
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        String markdown = PostmortemExporter.toMarkdown(events(), Redactor.standard());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, markdown, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), markdown);
    }

    static final Path GOLDEN_WITH_CHARTS = GOLDEN.resolveSibling("disk-full-postmortem-with-charts.md");

    @Test
    void withMetricsMatchesItsGoldenFile() throws IOException {
        String markdown = PostmortemExporter.toMarkdown(events(), DiskFullIncident.metrics(), Redactor.standard());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN_WITH_CHARTS, markdown, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN_WITH_CHARTS, StandardCharsets.UTF_8), markdown);
        assertEquals(PostmortemExporter.toMarkdown(events(), Redactor.standard()),
                markdown.replaceAll("(?s)### Charts.*?\n\n(?=### Findings)", ""), "the charts are the only difference");
    }

    @Test
    void isAPureFunction() {
        assertEquals(PostmortemExporter.toMarkdown(events(), Redactor.standard()), PostmortemExporter.toMarkdown(events(), Redactor.standard()));
    }

    @Test
    void followsTheSreTemplateInOrder() {
        String md = PostmortemExporter.toMarkdown(events(), Redactor.standard());
        int last = -1;
        for (String heading : List.of("## Summary", "## Impact", "## Root Causes", "## Trigger", "## Resolution", "## Detection",
                "## Action Items", "## Lessons Learned", "### What went well", "### What went wrong", "### Where we got lucky",
                "## Timeline", "## Supporting Information")) {
            int at = md.indexOf("\n" + heading + "\n");
            assertTrue(at > last, heading + " missing or out of order");
            last = at;
        }
    }

    @Test
    void redactsByDefaultAndNotWhenAsked() {
        String redacted = PostmortemExporter.toMarkdown(events(), Redactor.standard());
        assertFalse(redacted.contains("hunter2"), redacted);
        assertFalse(redacted.contains("s3cret"));
        assertFalse(redacted.contains("eyJhbGciOiJIUzI1NiJ9"));
        assertTrue(redacted.contains("| Redaction | on: 6 redactions"), redacted);
        String plain = PostmortemExporter.toMarkdown(events(), Redactor.none());
        assertTrue(plain.contains("--password=hunter2"));
        assertTrue(plain.contains("| Redaction | off: this document may contain secrets |"));
    }

    @Test
    void emptySectionsSayWhatIsMissingAndAnOpenIncidentSaysSo() {
        List<JournalEvent> events = List.of(new JournalEvent.IncidentOpened(at(0), "carol", "inc-1", "Slow checkout", "", List.of(), Optional.empty()),
                JournalEvent.Note.of(at(60), "carol", "Looking at db-1"));
        String md = PostmortemExporter.toMarkdown(events, Redactor.standard());
        assertTrue(md.contains("_Not recorded: say in two sentences what happened._"), md);
        assertTrue(md.contains("_None recorded: add notes tagged action-item._"));
        assertTrue(md.contains(", still open) |"));
        assertTrue(md.contains("| Severity | not set |"));
        assertThrows(IllegalArgumentException.class, () -> PostmortemExporter.toMarkdown(events.subList(1, 2), Redactor.standard()));
    }

    @Test
    void theIncidentsOwnRedactionListIsAppliedAndNotShown() {
        List<JournalEvent> events = List.of(new JournalEvent.IncidentOpened(at(0), "carol", "inc-1", "Slow checkout on db-7.corp.acme", "",
                        List.of(), Optional.empty()),
                JournalEvent.Note.of(at(60), "carol", "db-7.corp.acme answers slowly; curl -u ops:Tr0ub4dor and redis-cli -a Zq9xT4pW "
                        + "both hang; told https://hooks.slack.com/services/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"),
                org.incidentworkbench.playbooks.journal.RedactionList.entry(at(70), "carol", "db-7.corp.acme"));
        String md = PostmortemExporter.toMarkdown(events, Redactor.standard());
        for (String secret : List.of("db-7.corp.acme", "Tr0ub4dor", "Zq9xT4pW", "dxM0Jx3ZcgZ8kWZBOjgNXjbP")) {
            assertFalse(md.contains(secret), secret + " leaked:\n" + md);
        }
        assertTrue(md.contains("Slow checkout on [REDACTED]"), md);
        assertTrue(md.contains("| Redaction | on: 6 redactions"), md);
        assertTrue(PostmortemExporter.toMarkdown(events, Redactor.none()).contains("db-7.corp.acme"), "--no-redact shows everything");
    }

    @Test
    void aLongOutputLineIsCutWhileTheBundleKeepsItWhole() {
        String classPath = String.join(":", java.util.Collections.nCopies(120, "/root/.m2/repository/org/h2/h2.jar"));
        String psLine = " 4111 14422   0 23.0   2 java -cp " + classPath + " org.example.Main";
        List<JournalEvent> events = new ArrayList<>(DiskFullIncident.events());
        events.add(6, new JournalEvent.CommandOutput(at(86), "bob", "web-1", "ps -eo pid,ni,pcpu,etimes,args", 0,
                "  PID  NI %CPU ELAPSED COMMAND\n" + psLine + "\n", Duration.ofMillis(40)));
        String md = PostmortemExporter.toMarkdown(events, Redactor.standard());
        assertFalse(md.contains(classPath), "the multi-kilobyte line is not in the postmortem");
        int more = psLine.length() - 200;
        assertTrue(md.contains(psLine.substring(0, 200) + " ... (" + more + " more characters in the bundle)"), md);
        assertTrue(md.contains("  PID  NI %CPU ELAPSED COMMAND\n"), "short lines stay whole");
    }
}
