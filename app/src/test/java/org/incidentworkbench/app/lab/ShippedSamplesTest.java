package org.incidentworkbench.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.export.PostmortemExporter;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ManualTickSource;
import org.incidentworkbench.playbooks.replay.ReplayClock;
import org.incidentworkbench.playbooks.training.PlaybookTemplates;
import org.incidentworkbench.playbooks.training.TrainingSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The sample incidents the product ships (recorded by {@link IncidentLab}) verify, replay to their end,
 * train, export, tick the playbook of their kind, and are listed in {@code index.json}.
 */
class ShippedSamplesTest {

    static final Path SAMPLES = Path.of("src/main/resources/samples");

    /** Each sample and the built-in playbook that should fit it best. */
    static final Map<String, String> PLAYBOOK = Map.of(
            "disk-full.iwbundle", "disk-full",
            "cpu-hog.iwbundle", "high-load",
            "memory-leak-oom.iwbundle", "memory-leak",
            "log-flood.iwbundle", "runaway-logs",
            "close-wait-leak.iwbundle", "network-errors");

    /**
     * The finding each sample's story rests on, and the findings that may head the triage that first shows
     * it: the real cause, never a stale OOM kill or the recording machine's own load.
     */
    static final Map<String, List<String>> CAUSE = Map.of(
            "disk-full.iwbundle", List.of("fs.full"),
            "cpu-hog.iwbundle", List.of("load.per-core", "cpu.busy", "proc.cpu"),
            "memory-leak-oom.iwbundle", List.of("logs.oom-kill"),
            "log-flood.iwbundle", List.of("fs.full"),
            "close-wait-leak.iwbundle", List.of("net.close-wait"));

    static Stream<String> samples() {
        return PLAYBOOK.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void verifiesReplaysTrainsAndExports(String name) throws Exception {
        Path file = SAMPLES.resolve(name);
        VerificationReport report = BundleVerifier.verify(file);
        assertTrue(report.ok(), report.describe());
        IncidentBundle bundle = IncidentBundle.open(file);
        assertTrue(bundle.manifest().writtenBy().contains("incident lab"), bundle.manifest().writtenBy());
        assertTrue(bundle.attachmentNames().contains("lab-scenario.txt"));
        assertFalse(bundle.metrics().isEmpty(), "sampled metrics");
        assertTrue(bundle.events().stream().filter(JournalEvent.TriageRun.class::isInstance).count() >= 2, "triaged before and after");
        assertTrue(bundle.events().get(bundle.events().size() - 1) instanceof JournalEvent.IncidentClosed);

        ReplayClock clock = ReplayClock.over(bundle, new ManualTickSource());
        while (!clock.atEnd()) {
            clock.stepNext();
        }
        assertEquals(bundle.events().size(), clock.state().eventCount());

        TrainingSession session = TrainingSession.over(IncidentTimeline.of(bundle));
        assertTrue(session.responderPath().size() >= 4, "a path worth training on");
        assertEquals(PLAYBOOK.get(name), PlaybookTemplates.bestMatch(bundle.events()).orElseThrow().id());

        List<String> cause = CAUSE.get(name);
        List<String> firstRules = bundle.events().stream().filter(JournalEvent.TriageRun.class::isInstance)
                .map(e -> ((JournalEvent.TriageRun) e).findingRules()).filter(rules -> rules.contains(cause.get(0)))
                .findFirst().orElseThrow(() -> new AssertionError(name + ": no triage found " + cause.get(0)));
        assertTrue(cause.contains(firstRules.get(0)), name + ": the triage that shows the cause leads with " + firstRules);

        String markdown = PostmortemExporter.toMarkdown(bundle.events(), Redactor.standard());
        assertTrue(markdown.startsWith("# Postmortem: " + bundle.manifest().title()));
    }

    @Test
    void indexListsEverySample() throws Exception {
        JsonNode index = Json.mapper().readTree(Files.readString(SAMPLES.resolve("index.json")));
        List<String> listed = new java.util.ArrayList<>();
        index.forEach(e -> listed.add(e.get("file").asText()));
        assertEquals(samples().toList(), listed.stream().sorted().toList());
        for (JsonNode e : index) {
            assertEquals(Files.size(SAMPLES.resolve(e.get("file").asText())), e.get("bytes").asLong(), e.toString());
        }
    }
}
