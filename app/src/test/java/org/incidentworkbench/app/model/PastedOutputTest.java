package org.incidentworkbench.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.incidentworkbench.app.model.probes.ProbeFixtures;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;
import org.junit.jupiter.api.Test;

/** Pasted terminal output (real captures from Debian 12) read as {@code workbench parse auto} reads it, with its findings. */
class PastedOutputTest {

    @Test
    void psAuxWithZombiesAndDStateIsReadAsPsWithItsFindings() {
        PastedOutput out = PastedOutput.read(ProbeFixtures.text("ps-aux--d-state-zombies.out"), Instant.now());
        TriageReport report = out.report().orElseThrow(() -> new AssertionError(out.sentence()));
        assertEquals("ps", report.results().get(0).probe());
        assertTrue(report.results().get(0) instanceof ProbeResult.Parsed);
        List<String> rules = report.findings().stream().map(Finding::rule).toList();
        assertTrue(rules.contains("proc.zombies"), rules.toString());
        assertTrue(report.findings().stream().allMatch(f -> f.probe().equals("ps")), "only the findings of the pasted output");
        assertTrue(out.sentence().startsWith("Read as ps output") && out.sentence().contains(rules.size() + " finding"), out.sentence());
    }

    @Test
    void dfHWithNothingWrongSaysNoFindings() {
        PastedOutput out = PastedOutput.read(ProbeFixtures.text("df-h.out"), Instant.now());
        assertEquals("df", out.report().orElseThrow().results().get(0).probe());
        assertTrue(out.sentence().contains("no findings") || out.sentence().contains("finding"), out.sentence());
    }

    @Test
    void textNoParserKnowsNamesTheCommandsItReads() {
        PastedOutput out = PastedOutput.read("Hello team,\nthe API is slow since 9:00, can someone look?\n", Instant.now());
        assertTrue(out.report().isEmpty());
        assertTrue(out.sentence().contains("does not recognise") && out.sentence().contains(PastedOutput.KNOWN), out.sentence());
        assertTrue(PastedOutput.read("  \n\n", Instant.now()).sentence().startsWith("Nothing to read"));
    }

    @Test
    void theListOfKnownCommandsNamesEveryParser() {
        for (OutputParser<?> p : Probes.parsers()) {
            boolean named = PastedOutput.KNOWN.contains(p.info().name())
                    || p.info().commands().stream().anyMatch(c -> PastedOutput.KNOWN.contains(c.split(" ")[0]));
            assertTrue(named, "PastedOutput.KNOWN names no command of the " + p.info().name() + " parser " + p.info().commands());
        }
    }
}
