package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.ssh.LocalTransport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real triage of this machine written with {@link Json#mapper()} reads back with the same typed
 * records (DfReport, TopReport, ...) for all nine probes; data that no longer fits becomes a
 * ParseFailed with the raw text kept.
 */
class TriageReportJsonTest {

    private static TriageReport live;

    @BeforeAll
    static void triage() {
        live = new TriageRunner(new LocalTransport(), TriageSettings.standard(), Findings::evaluate).triage(LocalTransport.HOST);
    }

    @Test
    void aLocalReportRoundTripsWithTypedDataForAllProbes() throws Exception {
        assertEquals(Probes.STANDARD.size(), live.results().size());
        JsonNode json = Json.mapper().valueToTree(live);
        TriageReport back = TriageReportJson.read(json);
        assertEquals(live.host(), back.host());
        assertEquals(live.startedAt(), back.startedAt());
        assertEquals(live.findings(), back.findings());
        for (ProbeResult r : live.results()) {
            ProbeResult b = back.result(r.probe()).orElseThrow();
            assertInstanceOf(ProbeResult.Parsed.class, r, r.probe() + " parsed on this machine: " + r.error().orElse(""));
            Object data = ((ProbeResult.Parsed) r).data();
            Class<?> type = TriageReportJson.recordTypeOfProbe(r.probe()).orElseThrow();
            assertInstanceOf(type, data, r.probe());
            assertEquals(data, b.data(type).orElseThrow(), r.probe() + " data equal after the round trip");
            assertEquals(r, b, r.probe());
        }
        assertEquals(live, back);
        assertEquals(live, TriageReportJson.read(Json.mapper().writeValueAsString(live)));
    }

    @Test
    void dataThatDoesNotFitBecomesParseFailedWithTheRawText() {
        ObjectNode json = Json.mapper().valueToTree(live);
        for (JsonNode r : json.withArray("results")) {
            if (r.get("probe").asText().equals("df")) {
                ((ObjectNode) r).putArray("data").add("not a df report");
            }
            if (r.get("probe").asText().equals("w")) {
                ((ObjectNode) r).put("probe", "no-such-probe");
            }
        }
        TriageReport back = TriageReportJson.read(json);
        ProbeResult df = back.result("df").orElseThrow();
        assertInstanceOf(ProbeResult.ParseFailed.class, df);
        assertEquals(live.result("df").orElseThrow().raw(), df.raw());
        assertTrue(df.error().orElseThrow().contains("DfReport"), df.error().orElseThrow());
        assertInstanceOf(ProbeResult.ParseFailed.class, back.result("no-such-probe").orElseThrow());
        assertEquals(List.of(), back.result("uptime").filter(r -> !r.isParsed()).stream().toList());
    }
}
