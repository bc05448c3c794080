package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry: {@code workbench parse auto} picks the right parser for every Linux fixture. */
class ParsersTest {

    static Stream<Fixtures.Fixture> linuxFixtures() {
        return Fixtures.all().stream().filter(f -> !f.foreign());
    }

    @ParameterizedTest(name = "auto recognises {0}")
    @MethodSource("linuxFixtures")
    void guessPicksTheFixturesParser(Fixtures.Fixture f) {
        Optional<OutputParser<?>> guessed = Probes.guessParser(f.text());
        assertEquals(Fixtures.parserOf(f), guessed.map(p -> p.info().name()).orElse("none"));
    }

    @ParameterizedTest(name = "a terminal paste of {0} with its prompt line")
    @MethodSource("linuxFixtures")
    void promptLineOfAPasteIsIgnored(Fixtures.Fixture f) {
        String name = Fixtures.parserOf(f);
        String command = name.equals("logs") ? "dmesg -T" : name.equals("systemd") ? "systemctl --failed" : name;
        String pasted = "[alice@web-1 ~]$ sudo " + command + "\n" + f.text();
        assertEquals(name, Probes.guessParser(pasted).map(p -> p.info().name()).orElse("none"));
        OutputParser<?> parser = Probes.parser(name).orElseThrow();
        assertEquals(Parsers.safeParse(parser, f.text()), Parsers.safeParse(parser, pasted));
    }

    @Test
    void promptsAreRecognisedNarrowly() {
        assertTrue(TextTable.isPrompt("$ df -h"));
        assertTrue(TextTable.isPrompt("root@web-1:~# ps aux"));
        assertTrue(TextTable.isPrompt("# free -m"));
        assertTrue(!TextTable.isPrompt(Sections.marker("df -Pi")));
        assertTrue(!TextTable.isPrompt("Filesystem     1K-blocks    Used Available Use% Mounted on"));
        assertTrue(!TextTable.isPrompt("$ rm -rf /tmp/x"));
    }

    @Test
    void safeParseTurnsABugIntoUnrecognised() {
        OutputParser<String> broken = new OutputParser<>() {
            @Override
            public ParserInfo info() {
                return new ParserInfo("broken", java.util.List.of("x"), java.util.List.of("linux"), "x");
            }

            @Override
            public ParseOutcome<String> parse(String text) {
                throw new IllegalStateException("boom");
            }
        };
        ParseOutcome.Unrecognised<String> u = assertInstanceOf(ParseOutcome.Unrecognised.class, Parsers.safeParse(broken, "x"));
        assertTrue(u.reason().contains("boom"));
    }

    @Test
    void everyParserDescribesItself() {
        for (OutputParser<?> p : Probes.parsers()) {
            assertTrue(!p.info().commands().isEmpty() && p.info().platforms().contains("linux") && !p.info().description().isBlank(),
                    p.info().toString());
            assertEquals(p, Probes.parser(p.info().name()).orElseThrow());
        }
    }
}
