package org.incidentworkbench.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.junit.jupiter.api.Test;

class JournalLineTest {

    private static String triageLine(String reportJson) throws Exception {
        return JournalLine.summary(new JournalEvent.TriageRun(Instant.parse("2026-12-03T07:00:00Z"), "alice", "web-1",
                Json.mapper().readTree(reportJson)));
    }

    @Test
    void aTriageLineCountsItsFindingsInGoodEnglish() throws Exception {
        assertEquals("triage web-1 (1 finding: Load is 2.65 per core)",
                triageLine("{\"findings\":[{\"title\":\"Load is 2.65 per core\"}]}"));
        assertEquals("triage web-1 (2 findings: / is 97 % full)",
                triageLine("{\"findings\":[{\"title\":\"/ is 97 % full\"},{\"title\":\"Load is 2.65 per core\"}]}"));
        assertEquals("triage web-1 (0 findings)", triageLine("{\"findings\":[]}"));
    }
}
