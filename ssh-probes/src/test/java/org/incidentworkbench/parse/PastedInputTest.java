package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/**
 * What a paste brings besides the output (BOM, CRLF, colours, terminal control, NULs) is removed before
 * parsing, and a paste without data rows is said to be one. Fixtures are real captures (see the
 * fixtures README): {@code grep --color=always}, {@code top} run under {@code script}, a Windows-style
 * copy with BOM and CRLF, a log file with trailing NULs, header-only {@code ps} and {@code ss}.
 */
class PastedInputTest {

    @Test
    void grepColourAroundPsColumnsIsRemovedBeforeTheHeaderIsRead() {
        String text = Fixtures.text("debian-12/ps-aux--grep-color-always.out");
        assertTrue(text.contains("\u001B[01;31m"), "the capture has grep's colour codes");
        assertEquals("ps", Probes.guessParser(text).map(p -> p.info().name()).orElse("none"));
        PsReport ps = pasted(new PsParser(), text);
        assertFalse(ps.processes().isEmpty());
        for (PsReport.ProcessRow p : ps.processes()) {
            assertTrue(p.user().isPresent() && p.rssBytes().isPresent(), "columns in place for " + p.pid());
            assertFalse(p.command().contains("\u001B"), p.command());
        }
    }

    @Test
    void topCapturedThroughATerminalReadsAsTopBatchOutput() {
        String text = Fixtures.text("debian-12/top-n1-w160--through-a-terminal.out");
        assertTrue(text.contains("\u001B(B") && text.contains("\r\n"), "the capture has charset switches and CRLF");
        assertEquals("top", Probes.guessParser(text).map(p -> p.info().name()).orElse("none"));
        TopReport top = pasted(new TopParser(), text);
        assertTrue(top.cpu().isPresent() && top.memory().isPresent() && top.tasks().isPresent());
        assertEquals(95, top.tasks().get().total().orElseThrow());
        assertFalse(top.processes().isEmpty());
        top.processes().forEach(p -> assertTrue(p.user().isPresent() && !p.command().isBlank(), "row " + p.pid()));
    }

    @Test
    void bomAndCrlfOfAWindowsCopyDoNotRenameTheFirstColumn() {
        String text = Fixtures.text("debian-12/ps-aux--utf8-bom-crlf.out");
        assertTrue(text.startsWith("\uFEFFUSER") && text.contains("\r\n"));
        PsReport ps = pasted(new PsParser(), text);
        assertEquals(text.lines().count() - 1, ps.processes().size());
        ps.processes().forEach(p -> assertTrue(p.user().isPresent(), "USER read for " + p.pid()));
        assertFalse(ps.processes().get(0).other().keySet().stream().anyMatch(k -> k.contains("USER")));
    }

    @Test
    void trailingNulsOfALogFileAreNotARow() {
        String text = Fixtures.text("debian-12/df-h--trailing-nuls.out");
        assertTrue(text.endsWith("\0"));
        DfReport df = pasted(new DfParser(), text);
        assertEquals(text.lines().filter(l -> !l.isBlank() && !l.startsWith("\0")).count() - 1, df.filesystems().size());
    }

    @Test
    void headerOnlyPsAndSsAreNoDataRowsNotZeroProcesses() {
        for (String f : List.of("debian-12/ps-p-999999--header-only.out", "debian-12/ss-tan-state-syn-recv--header-only.out")) {
            String text = Fixtures.text(f);
            OutputParser<?> parser = Probes.guessParser(text).orElseThrow(() -> new AssertionError("auto recognises " + f));
            ParseOutcome<?> outcome = Parsers.parsePasted(parser, text);
            assertTrue(Parsers.isNoDataRows(outcome), f + ": " + outcome);
        }
    }

    @Test
    void emptyOrPromptOnlyInputIsNoDataRows() {
        for (String text : List.of("", "\n\n", "\uFEFF\r\n", "$ ps aux\n", "\0\0\0")) {
            assertTrue(Parsers.isNoDataRows(Parsers.parsePasted(new PsParser(), text)), "\"" + text + "\"");
        }
    }

    @Test
    void normaliseLeavesCleanTextAlone() {
        String clean = "a b\nc d\n";
        assertSame(clean, InputText.normalise(clean));
        assertEquals("x\ny\n", InputText.normalise("\u001B]0;title\u0007x\ry\r\n\u001B[K"));
        assertEquals("PID\n", InputText.normalise("\u009B1mPID\u001B[m\n\0\0"));
    }

    @Test
    void guessReadsOnlyABoundedPrefix() {
        String ps = Fixtures.text("debian-12/ps-aux.out");
        StringBuilder big = new StringBuilder(ps);
        while (big.length() <= Parsers.GUESS_PREFIX_CHARS) {
            big.append(ps, ps.indexOf('\n') + 1, ps.length());
        }
        // a text whose only readable part lies past the prefix is not looked at
        String late = "x\n".repeat(Parsers.GUESS_PREFIX_CHARS) + ps;
        OutputParser<String> counting = new OutputParser<>() {
            @Override
            public ParserInfo info() {
                return new ParserInfo("counting", List.of("x"), List.of("linux"), "x");
            }

            @Override
            public ParseOutcome<String> parse(String text) {
                return ParseOutcome.parsed(text);
            }

            @Override
            public boolean recognises(String text) {
                assertTrue(text.length() <= Parsers.GUESS_PREFIX_CHARS, "recogniser saw " + text.length() + " chars");
                return false;
            }
        };
        assertEquals(Optional.empty(), Parsers.guess(List.of(counting), big.toString()));
        assertEquals(Optional.empty(), Probes.guessParser(late));
        assertEquals("ps", Probes.guessParser(big.toString()).map(p -> p.info().name()).orElse("none"));
    }

    private static <T> T pasted(OutputParser<T> parser, String text) {
        ParseOutcome<T> outcome = Parsers.parsePasted(parser, text);
        ParseOutcome.Parsed<T> p = assertInstanceOf(ParseOutcome.Parsed.class, outcome, () -> String.valueOf(outcome));
        assertEquals(List.of(), p.warnings());
        return p.value();
    }
}
