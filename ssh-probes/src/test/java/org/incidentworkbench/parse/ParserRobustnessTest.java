package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantee the probe layer relies on: whatever the text (another command's output, a cut-off
 * transfer, binary garbage), every parser returns an outcome and never throws. Parsers are called
 * directly, not through {@link Parsers#safeParse}, so a bug shows here instead of being caught.
 */
@Timeout(120) // a parser that loops forever on odd text fails here instead of hanging the build
class ParserRobustnessTest {

    private static final List<String> WORDS = List.of("PID", "USER", "Filesystem", "Mounted on", "Device", "r/s", "%util",
            "State", "Recv-Q", "Send-Q", "Local Address:Port", "Mem:", "Swap:", "total", "used", "top - ", "load average:",
            "Tasks:", "%Cpu(s):", "inet", "RX:", "TX:", "1:", "lo:", "<UP>", "mtu", "default", "via", "dev", "[", "]",
            "<34>", "Oct 11 22:14:15", "2026-11-25T07:01:02+0000", "procs", "-memory-", "disk-", "up", "users,", "-",
            "?", "%", ":", "@", "users:((\"a\",pid=", ",fd=", "))", "avg-cpu:", "#### iw-section: ", "/proc/stat",
            "cpu", "/proc/diskstats 1", "/proc/net/tcp", "0100007F:1F90", "99999999999999999999999", "-1", "1.5e309", "NaN");

    static Stream<OutputParser<?>> parsers() {
        return Probes.parsers().stream();
    }

    @Test
    void everyNamedParserIsRegistered() {
        // the probes in report order (Probes.STANDARD), then the parse-only parsers
        assertEquals(List.of("w", "uptime", "ps", "ip", "df", "top", "iostat", "ss", "logs", "kernel", "systemd", "free", "vmstat"),
                Probes.parsers().stream().map(p -> p.info().name()).toList());
    }

    @ParameterizedTest(name = "{0} on empty input")
    @MethodSource("parsers")
    void emptyInputIsAnEmptyReport(OutputParser<?> parser) {
        for (String empty : List.of("", "\n", "  \n\n")) {
            ParseOutcome<?> outcome = parser.parse(empty);
            assertTrue(outcome instanceof ParseOutcome.Parsed<?> p && p.warnings().isEmpty(), parser.info().name() + ": " + outcome);
        }
    }

    @ParameterizedTest(name = "{0} on other commands' fixtures, cut and whole")
    @MethodSource("parsers")
    void otherCommandsAndTruncatedFixturesGiveAnOutcome(OutputParser<?> parser) {
        List<String> failures = new ArrayList<>();
        for (Fixtures.Fixture f : Fixtures.all()) {
            String text = f.text();
            check(parser, text, f + " whole", failures);
            for (int cut = 1; cut < text.length(); cut += Math.max(1, text.length() / 12)) {
                check(parser, text.substring(0, cut), f + " cut at " + cut, failures);
                check(parser, text.substring(cut), f + " from " + cut, failures);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.subList(0, Math.min(5, failures.size())));
    }

    @ParameterizedTest(name = "{0} on random bytes and word salad")
    @MethodSource("parsers")
    void randomInputGivesAnOutcome(OutputParser<?> parser) {
        Random random = new Random(20261125L ^ parser.info().name().hashCode());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            check(parser, new String(bytes, i % 2 == 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), "random bytes " + i, failures);
            StringBuilder salad = new StringBuilder();
            int n = random.nextInt(200);
            for (int k = 0; k < n; k++) {
                int r = random.nextInt(10);
                salad.append(r < 5 ? WORDS.get(random.nextInt(WORDS.size()))
                        : r < 8 ? String.valueOf(random.nextInt(100000)) : r < 9 ? "\n" : "   ");
                salad.append(random.nextBoolean() ? " " : "");
            }
            check(parser, salad.toString(), "word salad " + i + ": " + salad, failures);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.subList(0, Math.min(3, failures.size())));
    }

    @ParameterizedTest(name = "{0} on its own fixtures with fields swapped for junk")
    @MethodSource("parsers")
    void mutatedFixturesGiveAnOutcome(OutputParser<?> parser) {
        Random random = new Random(7);
        List<String> failures = new ArrayList<>();
        for (Fixtures.Fixture f : Fixtures.all()) {
            if (!Fixtures.parserOf(f).equals(parser.info().name())) {
                continue;
            }
            for (int i = 0; i < 20; i++) {
                String[] tokens = f.text().split("(?<=\\s)|(?=\\s)");
                for (int k = 0; k < tokens.length; k++) {
                    if (!tokens[k].isBlank() && random.nextInt(8) == 0) {
                        tokens[k] = WORDS.get(random.nextInt(WORDS.size()));
                    }
                }
                check(parser, String.join("", tokens), f + " mutation " + i, failures);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.subList(0, Math.min(3, failures.size())));
    }

    private static void check(OutputParser<?> parser, String text, String what, List<String> failures) {
        try {
            ParseOutcome<?> outcome = parser.parse(text);
            if (outcome == null) {
                failures.add(what + ": null outcome");
            }
            parser.recognises(text);
        } catch (RuntimeException | StackOverflowError e) {
            failures.add(what + ": " + e);
        }
    }
}
