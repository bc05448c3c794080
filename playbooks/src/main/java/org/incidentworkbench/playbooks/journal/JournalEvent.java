package org.incidentworkbench.playbooks.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened during an incident, as one line of the journal: when, what kind, who,
 * and the kind's payload. The cases are the closed set the journal format knows (format version 1);
 * read them with {@code instanceof} patterns.
 *
 * <p>On disk each event is one JSON object on one line (see {@link JournalCodec}):
 * <pre>{"time":"2026-11-25T14:02:11.120Z","kind":"note","actor":"alice","payload":{"text":"pager: web-1 slow","tags":[]}}</pre>
 *
 * <p>Payloads that come from other modules (a whole triage report) are kept as Jackson trees, so this
 * module needs neither ssh-probes nor timeseries, and a bundle opened years later still shows the
 * report exactly as it was recorded.
 */
public sealed interface JournalEvent {

    /** The actor of events the product records on its own (recording resumed, sampling started). */
    String WORKBENCH_ACTOR = "workbench";

    /** When it happened (the recording laptop's clock). */
    Instant time();

    /** Who did it: a user name, or {@code workbench} for what the product did on its own. */
    String actor();

    /** The stable kind name written in the journal, for example {@code note}. */
    default String kind() {
        return JournalCodec.kindOf(getClass());
    }

    /** The incident started being recorded. */
    record IncidentOpened(Instant time, String actor, String incidentId, String title, String severity,
                          List<String> hosts, Optional<String> summary) implements JournalEvent {
        public IncidentOpened {
            requireCommon(time, actor);
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(title, "title");
            severity = severity == null ? "" : severity;
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            summary = summary == null ? Optional.empty() : summary;
        }
    }

    /**
     * The incident was closed. The optional texts are what the responders said about it when
     * closing; the postmortem export uses them for its sections of the same names.
     */
    record IncidentClosed(Instant time, String actor, Optional<String> summary, Optional<String> impact,
                          Optional<String> rootCause, Optional<String> trigger, Optional<String> resolution,
                          Optional<String> detection) implements JournalEvent {
        public IncidentClosed {
            requireCommon(time, actor);
            summary = orEmpty(summary);
            impact = orEmpty(impact);
            rootCause = orEmpty(rootCause);
            trigger = orEmpty(trigger);
            resolution = orEmpty(resolution);
            detection = orEmpty(detection);
        }

        public static IncidentClosed plain(Instant time, String actor, String summary) {
            return new IncidentClosed(time, actor, Optional.ofNullable(summary), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /**
     * A triage of one host ran. {@code report} is the whole report as ssh-probes' {@code Json.mapper()}
     * writes it (host, target, results with raw text, findings with their {@code rule} ids).
     */
    record TriageRun(Instant time, String actor, String host, JsonNode report) implements JournalEvent {
        public TriageRun {
            requireCommon(time, actor);
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(report, "report");
        }

        /** The rule ids of the report's findings, most severe first as recorded (e.g. {@code fs.full}). */
        public List<String> findingRules() {
            return report.path("findings").findValuesAsText("rule");
        }
    }

    /** A command was run on a host (or locally) and printed {@code output}. */
    record CommandOutput(Instant time, String actor, String host, String command, int exitStatus, String output,
                         Duration duration) implements JournalEvent {
        public CommandOutput {
            requireCommon(time, actor);
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(command, "command");
            output = output == null ? "" : output;
            duration = duration == null ? Duration.ZERO : duration;
        }
    }

    /** A chart was looked at: one metric across {@code hosts} over {@code from..to}. */
    record ChartViewed(Instant time, String actor, String metric, List<String> hosts, Instant from, Instant to)
            implements JournalEvent {
        public ChartViewed {
            requireCommon(time, actor);
            Objects.requireNonNull(metric, "metric");
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A free-text note. Tags sort notes into postmortem sections: {@code impact}, {@code detection},
     * {@code trigger}, {@code went-well}, {@code went-wrong}, {@code got-lucky}, {@code action-item}
     * (see {@link NoteTags}).
     */
    record Note(Instant time, String actor, String text, List<String> tags) implements JournalEvent {
        public Note {
            requireCommon(time, actor);
            Objects.requireNonNull(text, "text");
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        public static Note of(Instant time, String actor, String text) {
            return new Note(time, actor, text, List.of());
        }
    }

    /**
     * A hypothesis was stated or its state changed. Several events with the same {@code id} are the
     * updates of one hypothesis; the latest one holds its current text and state.
     */
    record Hypothesis(Instant time, String actor, String id, String text, HypothesisState state,
                      Optional<String> reason) implements JournalEvent {
        public Hypothesis {
            requireCommon(time, actor);
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(state, "state");
            reason = orEmpty(reason);
        }
    }

    /** Something was done to the system (restarted a service, deleted files), on a host if given. */
    record ActionTaken(Instant time, String actor, Optional<String> host, String action, Optional<String> outcome)
            implements JournalEvent {
        public ActionTaken {
            requireCommon(time, actor);
            host = orEmpty(host);
            Objects.requireNonNull(action, "action");
            outcome = orEmpty(outcome);
        }
    }

    /** A named point in time ("alert fired", "mitigated", "recording resumed"). */
    record Marker(Instant time, String actor, String label) implements JournalEvent {
        public Marker {
            requireCommon(time, actor);
            Objects.requireNonNull(label, "label");
        }
    }

    private static void requireCommon(Instant time, String actor) {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
    }

    private static Optional<String> orEmpty(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(s -> !s.isBlank());
    }
}
