package org.incidentworkbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.parse.OutputParser;
import org.junit.jupiter.api.Test;

/** The registry's promises: one probe per name, its parser of the same name, its commands in its fragment. */
class ProbesTest {

    @Test
    void theProbesInReportOrder() {
        assertEquals(List.of("w", "uptime", "ps", "ip", "df", "top", "iostat", "ss", "logs", "kernel", "systemd"),
                Probes.STANDARD.stream().map(Probe::name).toList());
    }

    @Test
    void everyProbeRunsTheCommandsItNamesWithAParserOfItsName() {
        for (Probe<?> p : Probes.STANDARD) {
            assertEquals(p.name(), p.parser().info().name());
            assertFalse(p.commands().isEmpty(), p.name());
            for (String command : p.commands()) {
                assertTrue(p.fragment().contains(command), p.name() + "'s fragment does not run '" + command + "'");
            }
            assertEquals(p, Probes.byName(p.name()).orElseThrow());
        }
    }

    @Test
    void parsersAreEveryProbesThenTheParseOnlyOnes() {
        List<OutputParser<?>> expected = new java.util.ArrayList<>();
        Probes.STANDARD.forEach(p -> expected.add(p.parser()));
        expected.addAll(Probes.PARSE_ONLY);
        assertEquals(expected, Probes.parsers());
        assertEquals(List.of("free", "vmstat"), Probes.PARSE_ONLY.stream().map(p -> p.info().name()).toList());
    }

    @Test
    void aLowerTimeoutKeepsEverythingElse() {
        Probe<DfReport> df = Probes.DF.withTimeout(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), df.timeout());
        assertEquals(Probes.DF.fragment(), df.fragment());
        assertEquals(DfReport.class, df.type());
        assertEquals(Duration.ofSeconds(1), df.withTimeout(Duration.ofSeconds(1)).timeout());
        assertThrows(IllegalArgumentException.class, () -> Probes.DF.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Probe.unparsed("Bad Name", "true", Duration.ofSeconds(1), 10, false));
    }

    @Test
    void triageJsonDocumentsEveryProbe() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/triage-json.md"));
        for (Probe<?> p : Probes.STANDARD) {
            String row = doc.lines().filter(l -> l.startsWith("| " + p.name() + " | ")).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/triage-json.md has no raw-sections row for " + p.name()));
            // logs has no main command: its text starts at a marker
            assertTrue(p == Probes.LOGS ? row.contains("(empty)") : row.contains("`" + p.commands().get(0) + "`"), row);
        }
    }
}
