package org.incidentworkbench.findings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;

/** Triage reports built by parsing real probe texts with the real parsers, as the probe layer does. */
final class Reports {

    private final Map<String, String> texts = new LinkedHashMap<>();

    static Reports builder() {
        return new Reports();
    }

    /** Adds a probe's text. */
    Reports probe(String probe, String text) {
        texts.put(probe, text);
        return this;
    }

    /** Adds a probe's text from a fixture file under {@code fixtures/}. */
    Reports fixture(String probe, String path) {
        return probe(probe, read(path));
    }

    TriageReport build() {
        List<ProbeResult> results = new ArrayList<>();
        texts.forEach((probe, text) -> {
            OutputParser<?> parser = Probes.parser(probe).orElseThrow(() -> new IllegalStateException("no parser " + probe));
            ParseOutcome<?> outcome = Parsers.safeParse(parser, text);
            if (outcome instanceof ParseOutcome.Parsed<?> p) {
                results.add(new ProbeResult.Parsed(probe, text, 0, Duration.ofMillis(5), p.value(), p.warnings(), List.of()));
            } else if (outcome instanceof ParseOutcome.Unrecognised<?> u) {
                results.add(new ProbeResult.ParseFailed(probe, text, 0, Duration.ofMillis(5), u.reason()));
            }
        });
        return new TriageReport("web-1", "root@web-1:22", Instant.parse("2026-11-25T07:00:00Z"), Duration.ofSeconds(1),
                Optional.empty(), results, List.of());
    }

    List<Finding> evaluate() {
        return Findings.evaluate(build());
    }

    /** Every rule at its defaults except the given ones, which replace the default rule of their class. */
    List<Finding> evaluate(FindingRule... replacing) {
        List<FindingRule> rules = new ArrayList<>(Findings.RULES);
        for (FindingRule r : replacing) {
            rules.replaceAll(d -> d.getClass() == r.getClass() ? r : d);
        }
        return Findings.evaluate(build(), rules);
    }

    static String read(String path) {
        try {
            return Files.readString(Path.of(Reports.class.getResource("/fixtures").toURI()).resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The findings of one rule. */
    static List<Finding> rule(List<Finding> all, String rule) {
        return all.stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
