package org.incidentworkbench.playbooks.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalHosts;
import org.incidentworkbench.playbooks.journal.NoteTags;
import org.incidentworkbench.playbooks.journal.RedactionList;

/**
 * Drafts a postmortem in Markdown from an incident's journal, following the template of Google's SRE
 * book (chapter 15, "Example Postmortem"): summary, impact, root causes, trigger, resolution,
 * detection, action items, lessons learned (what went well, what went wrong, where we got lucky) and
 * the timeline, then the supporting evidence (findings, hypotheses, commands with their output).
 *
 * <p>Where each section comes from: the texts given when closing ({@code incident.closed}), the
 * notes tagged for that section ({@link NoteTags}), confirmed hypotheses (root causes), rejected
 * ones (ruled out), actions taken (resolution), the first findings (detection). A section with
 * nothing recorded says so in italics, so the draft shows what is left to write.
 *
 * <p>A pure function: the same events give the same text (times in UTC), checked against a golden
 * file. Every recorded text goes through the {@link Redactor}; pass {@link Redactor#standard()}
 * unless the user asked for {@code --no-redact}. The incident's own {@link RedactionList} is added to
 * it, and its entries are not shown. Thread-safe (stateless).
 */
public final class PostmortemExporter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final int OUTPUT_LINES = 20;
    /** A longer output line (a java command line with its class path in ps) is cut: the bundle keeps it whole. */
    static final int OUTPUT_LINE_CHARS = 200;

    private PostmortemExporter() {
    }

    public static String toMarkdown(List<JournalEvent> events, Redactor redactor) {
        return new Draft(events, List.of(), redactor).render();
    }

    /**
     * The postmortem with its charts in text: for each metric the responders charted, the series that
     * moved most over the incident as sparklines with their first, lowest, highest and last values.
     */
    public static String toMarkdown(List<JournalEvent> events, List<MetricSlice> metrics, Redactor redactor) {
        return new Draft(events, metrics, redactor).render();
    }

    private static final class Draft {
        final List<JournalEvent> events;
        final Redactor redactor;
        final JournalEvent.IncidentOpened opened;
        final Optional<JournalEvent.IncidentClosed> closed;
        final boolean multiDay;
        final StringBuilder md = new StringBuilder();
        int redactions;

        final List<MetricSlice> metrics;

        Draft(List<JournalEvent> events, List<MetricSlice> metrics, Redactor redactor) {
            this.metrics = List.copyOf(metrics);
            // the incident's own redaction list hides its values everywhere and is itself not shown
            this.events = RedactionList.without(events).stream().sorted(java.util.Comparator.comparing(JournalEvent::time)).toList();
            this.redactor = redactor.withMarked(RedactionList.of(events));
            this.opened = this.events.stream().filter(JournalEvent.IncidentOpened.class::isInstance)
                    .map(JournalEvent.IncidentOpened.class::cast).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("A postmortem needs the journal's incident.opened event "
                            + "(title, id); this journal has none."));
            this.closed = this.events.stream().filter(JournalEvent.IncidentClosed.class::isInstance)
                    .map(JournalEvent.IncidentClosed.class::cast).findFirst();
            Instant last = this.events.get(this.events.size() - 1).time();
            this.multiDay = !DATE.format(opened.time()).equals(DATE.format(last));
        }

        String clean(String text) {
            Redactor.Result r = redactor.apply(text);
            redactions += r.redactions();
            return r.text();
        }

        /** One line of text for a table cell or a list item. */
        String inline(String text) {
            return clean(text).strip().replace("\r", "").replace("\n", " ");
        }

        /** One line of text for a table cell: pipes escaped. */
        String cell(String text) {
            return inline(text).replace("|", "\\|");
        }

        String time(Instant t) {
            return multiDay ? DATE_TIME.format(t) : TIME.format(t);
        }

        List<JournalEvent.Note> tagged(String tag) {
            return events.stream().filter(JournalEvent.Note.class::isInstance).map(JournalEvent.Note.class::cast)
                    .filter(n -> n.tags().contains(tag)).toList();
        }

        void section(String title) {
            md.append("\n## ").append(title).append("\n\n");
        }

        void items(List<String> lines, String nothing) {
            if (lines.isEmpty()) {
                md.append('_').append(nothing).append("_\n");
            } else {
                lines.forEach(l -> md.append("- ").append(l).append('\n'));
            }
        }

        void prose(Optional<String> closing, List<JournalEvent.Note> notes, List<String> more, String nothing) {
            List<String> lines = new ArrayList<>();
            closing.ifPresent(t -> lines.add(inline(t)));
            notes.forEach(n -> lines.add(inline(n.text()) + " (" + n.actor() + ", " + time(n.time()) + ")"));
            lines.addAll(more);
            items(lines, nothing);
        }

        String render() {
            Instant start = opened.time();
            Instant end = closed.map(JournalEvent::time).orElse(events.get(events.size() - 1).time());
            Set<String> authors = new LinkedHashSet<>();
            events.stream().map(JournalEvent::actor).filter(a -> !a.equals(JournalEvent.WORKBENCH_ACTOR)).forEach(authors::add);

            StringBuilder body = new StringBuilder();
            md.setLength(0);

            section("Summary");
            prose(closed.flatMap(JournalEvent.IncidentClosed::summary).or(opened::summary), List.of(), List.of(),
                    "Not recorded: say in two sentences what happened.");

            section("Impact");
            prose(closed.flatMap(JournalEvent.IncidentClosed::impact), tagged(NoteTags.IMPACT), List.of(),
                    "Not recorded: who was affected, how badly, for how long.");

            section("Root Causes");
            List<String> confirmed = new ArrayList<>();
            List<String> ruledOut = new ArrayList<>();
            latestHypotheses().forEach(h -> {
                String reason = h.reason().map(r -> ": " + inline(r)).orElse("");
                if (h.state() == HypothesisState.CONFIRMED) {
                    confirmed.add("Confirmed hypothesis: " + inline(h.text()) + reason + " (" + h.actor() + ", " + time(h.time()) + ")");
                } else if (h.state() == HypothesisState.REJECTED) {
                    ruledOut.add("Ruled out: " + inline(h.text()) + reason + " (" + h.actor() + ", " + time(h.time()) + ")");
                }
            });
            confirmed.addAll(ruledOut);
            prose(closed.flatMap(JournalEvent.IncidentClosed::rootCause), tagged(NoteTags.ROOT_CAUSE), confirmed,
                    "Not recorded: no root cause was stated or confirmed.");

            section("Trigger");
            prose(closed.flatMap(JournalEvent.IncidentClosed::trigger), tagged(NoteTags.TRIGGER), List.of(),
                    "Not recorded: what set the incident off.");

            section("Resolution");
            List<String> actions = new ArrayList<>();
            events.stream().filter(JournalEvent.ActionTaken.class::isInstance).map(JournalEvent.ActionTaken.class::cast)
                    .forEach(a -> actions.add(time(a.time()) + " " + a.actor() + a.host().map(h -> " on " + h).orElse("") + ": "
                            + inline(a.action()) + a.outcome().map(o -> " → " + inline(o)).orElse("")));
            prose(closed.flatMap(JournalEvent.IncidentClosed::resolution), tagged(NoteTags.RESOLUTION), actions,
                    "Not recorded: how the incident was mitigated and resolved.");

            section("Detection");
            List<String> detection = new ArrayList<>();
            events.stream().filter(JournalEvent.TriageRun.class::isInstance).map(JournalEvent.TriageRun.class::cast)
                    .filter(t -> t.report().path("findings").size() > 0).findFirst()
                    .ifPresent(t -> detection.add("First findings (" + time(t.time()) + ", triage of " + t.host() + "): "
                            + findingsInline(t.report())));
            prose(closed.flatMap(JournalEvent.IncidentClosed::detection), tagged(NoteTags.DETECTION), detection,
                    "Not recorded: how the problem was noticed.");

            section("Action Items");
            List<JournalEvent.Note> items = tagged(NoteTags.ACTION_ITEM);
            if (items.isEmpty()) {
                md.append("_None recorded: add notes tagged action-item._\n");
            } else {
                md.append("| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n");
                for (JournalEvent.Note n : items) {
                    String type = n.tags().stream().filter(t -> t.equals("mitigate") || t.equals("prevent") || t.equals("process"))
                            .findFirst().orElse("");
                    md.append("| ").append(cell(n.text())).append(" | ").append(type).append(" | ").append(n.actor())
                            .append(" | |\n");
                }
            }

            section("Lessons Learned");
            md.append("### What went well\n\n");
            prose(Optional.empty(), tagged(NoteTags.WENT_WELL), List.of(), "Not recorded.");
            md.append("\n### What went wrong\n\n");
            prose(Optional.empty(), tagged(NoteTags.WENT_WRONG), List.of(), "Not recorded.");
            md.append("\n### Where we got lucky\n\n");
            prose(Optional.empty(), tagged(NoteTags.GOT_LUCKY), List.of(), "Not recorded.");

            section("Timeline");
            md.append("All times UTC").append(multiDay ? "." : ", " + DATE.format(start) + ".").append("\n\n");
            for (JournalEvent e : events) {
                md.append("- **").append(time(e.time())).append("** ").append(e.actor()).append(": ").append(describe(e)).append('\n');
            }

            section("Supporting Information");
            supporting();

            String sections = md.toString();
            body.append("# Postmortem: ").append(inline(opened.title())).append("\n\n");
            body.append("| | |\n|---|---|\n");
            body.append("| Incident | ").append(cell(opened.incidentId())).append(" |\n");
            body.append("| Date | ").append(DATE.format(start)).append(" |\n");
            body.append("| Severity | ").append(opened.severity().isBlank() ? "not set" : cell(opened.severity())).append(" |\n");
            body.append("| Authors | ").append(String.join(", ", authors)).append(" |\n");
            body.append("| Hosts | ").append(String.join(", ", hosts())).append(" |\n");
            body.append("| Duration | ").append(duration(Duration.between(start, end))).append(" (")
                    .append(DATE_TIME.format(start)).append(" to ").append(DATE_TIME.format(end)).append(" UTC")
                    .append(closed.isPresent() ? "" : ", still open").append(") |\n");
            body.append("| Status | Draft written by Incident Workbench from the incident journal (")
                    .append(events.size()).append(" events) |\n");
            body.append("| Redaction | ").append(redactor.enabled()
                    ? "on: " + redactions + (redactions == 1 ? " redaction" : " redactions") + " (passwords, tokens, keys, Authorization headers)"
                    : "off: this document may contain secrets").append(" |\n");
            body.append(sections);
            return redactor.redact(body.toString());
        }

        List<JournalEvent.Hypothesis> latestHypotheses() {
            Map<String, JournalEvent.Hypothesis> latest = new LinkedHashMap<>();
            events.stream().filter(JournalEvent.Hypothesis.class::isInstance).map(JournalEvent.Hypothesis.class::cast)
                    .forEach(h -> {
                        latest.remove(h.id());
                        latest.put(h.id(), h);
                    });
            return List.copyOf(latest.values());
        }

        List<String> hosts() {
            Set<String> hosts = new LinkedHashSet<>(opened.hosts());
            for (JournalEvent e : events) {
                // kept as it was: only the first opening's hosts count (they lead the list)
                if (!(e instanceof JournalEvent.IncidentOpened)) {
                    hosts.addAll(JournalHosts.named(e));
                }
            }
            return List.copyOf(hosts);
        }

        String findingsInline(JsonNode report) {
            return EventText.findings(report, this::inline);
        }

        String describe(JournalEvent e) {
            return EventText.oneLine(e, this::inline, this::time);
        }

        void supporting() {
            if (!metrics.isEmpty()) {
                Instant start = opened.time();
                Instant end = closed.map(JournalEvent::time).orElse(events.get(events.size() - 1).time());
                md.append("### Charts (the series that moved most over the incident)\n\n");
                List<String> lines = MetricSummary.lines(events, metrics, start, end);
                items(lines, "No chart was viewed, or the bundle has no data for the charts viewed.");
                md.append('\n');
            }
            List<JournalEvent.TriageRun> triages = events.stream().filter(JournalEvent.TriageRun.class::isInstance)
                    .map(JournalEvent.TriageRun.class::cast).toList();
            md.append("### Findings (latest triage per host)\n\n");
            Map<String, JournalEvent.TriageRun> latest = new LinkedHashMap<>();
            triages.forEach(t -> latest.put(t.host(), t));
            if (latest.isEmpty()) {
                md.append("_No triage was recorded._\n");
            } else {
                md.append("| Host | Time | Severity | Finding | Evidence | Rule |\n|---|---|---|---|---|---|\n");
                latest.values().forEach(t -> {
                    if (t.report().path("findings").isEmpty()) {
                        md.append("| ").append(t.host()).append(" | ").append(time(t.time())).append(" | | no findings | | |\n");
                    }
                    for (JsonNode f : t.report().path("findings")) {
                        md.append("| ").append(t.host()).append(" | ").append(time(t.time())).append(" | ")
                                .append(f.path("severity").asText("")).append(" | ").append(cell(f.path("title").asText("")))
                                .append(" | ").append(cell(f.path("evidence").asText(""))).append(" | `")
                                .append(f.path("rule").asText("")).append("` |\n");
                    }
                });
            }
            List<JournalEvent.CommandOutput> commands = events.stream().filter(JournalEvent.CommandOutput.class::isInstance)
                    .map(JournalEvent.CommandOutput.class::cast).toList();
            md.append("\n### Commands\n\n");
            if (commands.isEmpty()) {
                md.append("_No command was recorded._\n");
            }
            for (JournalEvent.CommandOutput c : commands) {
                md.append("`").append(inline(c.command()).replace("`", "'")).append("` on ").append(c.host()).append(" at ")
                        .append(time(c.time())).append(", exit ").append(c.exitStatus()).append(":\n\n");
                String output = clean(c.output()).stripTrailing();
                List<String> lines = output.isEmpty() ? List.of() : output.lines().collect(Collectors.toList());
                md.append("```\n");
                lines.stream().limit(OUTPUT_LINES).forEach(l -> md.append(shortened(l).replace("```", "'''")).append('\n'));
                if (lines.size() > OUTPUT_LINES) {
                    md.append("... (").append(lines.size() - OUTPUT_LINES).append(" more lines in the bundle)\n");
                }
                md.append("```\n\n");
            }
            if (!commands.isEmpty()) {
                md.setLength(md.length() - 1);
            }
        }

        /** The line, or its first {@link #OUTPUT_LINE_CHARS} characters and how much more the bundle holds. */
        static String shortened(String line) {
            if (line.length() <= OUTPUT_LINE_CHARS) {
                return line;
            }
            return line.substring(0, OUTPUT_LINE_CHARS) + " ... (" + (line.length() - OUTPUT_LINE_CHARS) + " more characters in the bundle)";
        }

        static String duration(Duration d) {
            long s = d.getSeconds();
            if (s >= 3600) {
                return s / 3600 + " h " + (s % 3600) / 60 + " min";
            }
            return s / 60 + " min " + s % 60 + " s";
        }
    }
}
