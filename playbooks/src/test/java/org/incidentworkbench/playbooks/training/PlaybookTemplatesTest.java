package org.incidentworkbench.playbooks.training;

import static org.incidentworkbench.playbooks.testing.DiskFullIncident.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.PlaybookJson;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;

class PlaybookTemplatesTest {

    @Test
    void everyBuiltInTemplateLoads() {
        assertEquals(PlaybookTemplates.BUILT_IN, PlaybookTemplates.builtIn().stream().map(PlaybookTemplate::id).toList());
        for (PlaybookTemplate t : PlaybookTemplates.builtIn()) {
            assertTrue(t.steps().size() >= 4, t.id());
            t.steps().forEach(s -> assertFalse(s.hint().isBlank(), t.id() + "/" + s.id() + " needs a hint"));
        }
    }

    @Test
    void diskFullStepsTickFromTheJournalAsItGrows() {
        PlaybookTemplate t = PlaybookTemplates.byId("disk-full").orElseThrow();
        List<JournalEvent> events = DiskFullIncident.events();
        assertEquals(0, t.tickedCount(events.subList(0, 2)));
        List<PlaybookTemplate.StepProgress> p = t.progress(events.subList(0, 3));
        assertTrue(p.get(0).ticked(), "a triage whose findings include fs.full ticks 'find the full filesystem'");
        assertEquals(at(30), p.get(0).tickedBy().orElseThrow().time());
        assertEquals(5, t.tickedCount(events));
        assertEquals("disk-full", PlaybookTemplates.bestMatch(events).orElseThrow().id());
    }

    @Test
    void aTriageWithoutTheFindingDoesNotTick() {
        PlaybookTemplate t = PlaybookTemplates.byId("disk-full").orElseThrow();
        JournalEvent healthy = new JournalEvent.TriageRun(at(1), "a", "web-2", DiskFullIncident.triage("web-2", null, null, null));
        JournalEvent inodes = new JournalEvent.TriageRun(at(1), "a", "web-2", DiskFullIncident.triage("web-2", "fs.inodes", "warning", "x"));
        assertEquals(0, t.tickedCount(List.of(healthy)));
        assertEquals(1, t.tickedCount(List.of(inodes)));
    }

    @Test
    void highLoadTicksOnLoadFindingsCpuChartsAndPs() {
        PlaybookTemplate t = PlaybookTemplates.byId("high-load").orElseThrow();
        List<JournalEvent> events = List.of(
                new JournalEvent.TriageRun(at(1), "a", "db-1", DiskFullIncident.triage("db-1", "load.per-core", "warning", "Load is 4 per core")),
                new JournalEvent.ChartViewed(at(2), "a", "cpu.user", List.of("db-1"), at(-600), at(2)),
                new JournalEvent.CommandOutput(at(3), "a", "db-1", "ps -eo pid,pcpu,args --sort=-pcpu", 0, "...", Duration.ZERO),
                new JournalEvent.ActionTaken(at(4), "a", Optional.of("db-1"), "Killed the runaway report job (pid 4242)", Optional.empty()));
        assertEquals(List.of(true, true, true, false, true),
                t.progress(events).stream().map(PlaybookTemplate.StepProgress::ticked).toList());
    }

    @Test
    void matcherJsonRoundTripsAndRejectsNonsense() throws Exception {
        JsonNode json = PlaybookJson.mapper().readTree(
                "{\"kind\":\"command\",\"where\":{\"command\":{\"matches\":\"\\\\bdu\\\\b\"},\"host\":\"web-1\",\"exitStatus\":{\"exists\":true}}}");
        EvidenceMatcher m = EvidenceMatcher.fromJson(json);
        assertEquals(json, m.toJson());
        JournalEvent du = DiskFullIncident.events().get(6);
        assertTrue(m.matches(du));
        assertFalse(m.matches(DiskFullIncident.events().get(5)), "another kind never matches");
        assertThrows(IllegalArgumentException.class, () -> EvidenceMatcher.fromJson(PlaybookJson.mapper().readTree("{\"kind\":\"teleport\"}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvidenceMatcher.fromJson(
                PlaybookJson.mapper().readTree("{\"kind\":\"note\",\"where\":{\"text\":{\"like\":\"x\"}}}")));
        assertTrue(e.getMessage().contains("'like' is not a condition"), e.getMessage());
    }
}
