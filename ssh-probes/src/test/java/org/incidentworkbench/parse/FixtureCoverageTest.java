package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/**
 * Writes {@code target/fixture-coverage.txt}: per command, how many fixture files parse completely
 * (no warnings), parse with warnings, or degrade to unrecognised, for the release notes. Asserts that
 * every Linux fixture parses.
 */
class FixtureCoverageTest {

    @Test
    void everyLinuxFixtureParsesAndTheTallyIsWritten() throws IOException {
        Map<String, int[]> tally = new TreeMap<>();
        List<String> details = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Fixtures.Fixture f : Fixtures.all()) {
            String name = Fixtures.parserOf(f);
            OutputParser<?> parser = Probes.parser(name).orElseThrow();
            ParseOutcome<?> outcome = Parsers.safeParse(parser, f.text());
            int[] t = tally.computeIfAbsent(name, k -> new int[4]);
            t[0]++;
            String what;
            if (outcome instanceof ParseOutcome.Parsed<?> p && p.warnings().isEmpty()) {
                t[1]++;
                what = "complete";
            } else if (outcome instanceof ParseOutcome.Parsed<?> p) {
                t[2]++;
                what = "with " + p.warnings().size() + " warning(s): " + p.warnings().get(0);
            } else {
                t[3]++;
                what = "unrecognised: " + ((ParseOutcome.Unrecognised<?>) outcome).reason();
            }
            details.add(String.format("  %-7s %-45s %s", name, f.toString(), what));
            if (!f.foreign() && !(outcome instanceof ParseOutcome.Parsed<?>)) {
                failures.add(f + ": " + what);
            }
        }
        StringBuilder out = new StringBuilder("parser  files  complete  with-warnings  unrecognised\n");
        tally.forEach((k, t) -> out.append(String.format("%-7s %5d %9d %14d %13d%n", k, t[0], t[1], t[2], t[3])));
        out.append("\n");
        details.forEach(d -> out.append(d).append('\n'));
        Files.writeString(Path.of("target", "fixture-coverage.txt"), out);
        assertTrue(failures.isEmpty(), failures.toString());
    }
}
