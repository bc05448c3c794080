package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.probe.Probes;

/**
 * The real command output under {@code src/test/resources/fixtures/<os>/<command>.out} (with jc's
 * {@code .json} beside its own files), grouped by the parser that reads them.
 */
final class Fixtures {

    /**
     * File-name prefixes per parser, from the probe registry ({@code Probe#fixturePrefixes()}: {@code df-PTk.out}
     * belongs to df, {@code syslog-3164.out} to logs); a parse-only parser's prefix is its name.
     */
    static final Map<String, List<String>> PREFIXES = prefixes();

    private static Map<String, List<String>> prefixes() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Probes.STANDARD.forEach(p -> out.put(p.name(), p.fixturePrefixes()));
        Probes.PARSE_ONLY.forEach(p -> out.put(p.info().name(), List.of(p.info().name())));
        return Map.copyOf(out);
    }

    private Fixtures() {
    }

    /** One fixture file. {@code toString} is the test's display name, "df -PTk on debian-12". */
    record Fixture(String os, String name, Path out, Optional<Path> json) {

        String text() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode expected() {
            try {
                return Json.mapper().readTree(json.orElseThrow().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** BSD output that must degrade (unrecognised, or parsed with a warning), never throw. */
        boolean foreign() {
            return os.startsWith("osx");
        }

        @Override
        public String toString() {
            return command(name) + " on " + os;
        }
    }

    /**
     * The display name of a fixture file: {@code df-PTk} → {@code df -PTk}, {@code ip_route} → {@code ip route},
     * {@code iostat-dxk-1-2} → {@code iostat -dxk 1 2}, {@code proc-net-tcp} → {@code /proc/net/tcp}; what
     * follows {@code --} says what is odd about the capture: {@code ss-s--with-ss-tanp-close-wait} →
     * {@code ss -s (with ss tanp close wait)}.
     */
    static String command(String name) {
        String[] halves = name.split("--", 2);
        String cmd = halves[0];
        String text;
        if (cmd.startsWith("proc-")) {
            text = "/" + cmd.replace('-', '/');
        } else {
            String[] parts = cmd.replace('_', ' ').split("-");
            StringBuilder b = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                // numbers and ip's objects (addr, route, link) are arguments; the rest are flags
                b.append(parts[i].matches("\\d+|addr|route|link") ? " " : " -").append(parts[i]);
            }
            text = b.toString();
        }
        return halves.length > 1 ? text + " (" + halves[1].replace('-', ' ') + ")" : text;
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Fixture> all() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(p -> p.toString().endsWith(".out")).sorted().map(p -> {
                String file = p.getFileName().toString();
                String name = file.substring(0, file.length() - 4);
                Path json = p.resolveSibling(name + ".json");
                String os = root().relativize(p.getParent()).toString().replace('\\', '/');
                if (os.startsWith("jc/")) {
                    os = os.substring(3);
                }
                return new Fixture(os, name, p, Files.exists(json) ? Optional.of(json) : Optional.empty());
            }).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String parserOf(Fixture f) {
        for (Map.Entry<String, List<String>> e : PREFIXES.entrySet()) {
            for (String prefix : e.getValue()) {
                if (f.name().equals(prefix) || f.name().startsWith(prefix + "-") || f.name().startsWith(prefix + "_")) {
                    return e.getKey();
                }
            }
        }
        return "?";
    }

    static Stream<Fixture> forParser(String parser) {
        List<Fixture> list = all().stream().filter(f -> parserOf(f).equals(parser)).collect(Collectors.toList());
        assertTrue(!list.isEmpty(), "no fixtures for " + parser);
        return list.stream();
    }

    /**
     * Parses a fixture and checks the contract: Linux output parses with no warnings, BSD output
     * degrades (unrecognised or with a warning). Returns the record for Linux output, empty for BSD.
     */
    static <T> Optional<T> parse(OutputParser<T> parser, Fixture f) {
        return parse(parser, f, 0);
    }

    /** As {@link #parse(OutputParser, Fixture)} for a fixture with that many deliberately bad fields. */
    static <T> Optional<T> parse(OutputParser<T> parser, Fixture f, int expectedWarnings) {
        ParseOutcome<T> outcome = Parsers.safeParse(parser, f.text());
        if (f.foreign()) {
            if (outcome instanceof ParseOutcome.Parsed<T> p) {
                assertTrue(!p.warnings().isEmpty(), f + " is BSD output and must carry a warning when parsed");
            }
            return Optional.empty();
        }
        ParseOutcome.Parsed<T> p = assertInstanceOf(ParseOutcome.Parsed.class, outcome, () -> f + ": " + outcome);
        assertEquals(expectedWarnings, p.warnings().size(), f + " parses with " + expectedWarnings + " warnings: " + p.warnings());
        // as Parsers.guess does: recognisers read the normalised text (no BOM, colours, CRLF)
        assertTrue(parser.recognises(InputText.normalise(f.text())), parser.info().name() + " recognises " + f);
        try {
            Json.mapper().writeValueAsString(p.value());
        } catch (IOException e) {
            fail(f + " does not serialise to JSON: " + e);
        }
        return Optional.of(p.value());
    }

    /** The text of a file under {@code fixtures/}, for example {@code debian-12/ps-auxf.out}. */
    static String text(String relative) {
        try {
            return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed value of a text the test expects to parse without warnings. */
    static <T> T parsed(OutputParser<T> parser, String text) {
        ParseOutcome<T> outcome = Parsers.safeParse(parser, text);
        ParseOutcome.Parsed<T> p = assertInstanceOf(ParseOutcome.Parsed.class, outcome, () -> String.valueOf(outcome));
        assertEquals(List.of(), p.warnings());
        return p.value();
    }

    static long jsonLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        assertTrue(v != null && v.isNumber(), "jc's json has a number in " + field + ": " + n);
        return v.asLong();
    }
}
