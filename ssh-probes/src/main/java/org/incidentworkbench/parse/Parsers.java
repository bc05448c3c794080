package org.incidentworkbench.parse;

import java.util.List;
import java.util.Optional;

/**
 * What every caller of a parser relies on: {@link #safeParse} never throws, {@link #guess} picks a
 * parser by the text. The list of parsers is {@code probe.Probes#parsers()}: each probe brings its
 * parser, so there is no second registry to keep in step.
 */
public final class Parsers {

    private Parsers() {
    }

    /**
     * How much of a text {@link #guess} looks at: every command's header or first lines fit many times over,
     * and a 50 MB paste of noise is decided in the time 64 KiB takes instead of running each recogniser over
     * all of it.
     */
    public static final int GUESS_PREFIX_CHARS = 64 * 1024;

    /** The start of every reason {@link #parsePasted} gives for input without data rows. */
    public static final String NO_DATA_ROWS = "no data rows";

    /**
     * The first of {@code parsers} that recognises the text, for {@code workbench parse auto FILE}. Reads at
     * most {@link #GUESS_PREFIX_CHARS} of it, normalised ({@link InputText}).
     */
    public static Optional<OutputParser<?>> guess(List<OutputParser<?>> parsers, String text) {
        String prefix = InputText.normalise(prefix(text == null ? "" : text));
        for (OutputParser<?> p : parsers) {
            try {
                if (p.recognises(prefix)) {
                    return Optional.of(p);
                }
            } catch (RuntimeException e) {
                // a recogniser that trips over odd text just does not recognise it
            }
        }
        return Optional.empty();
    }

    /** The text cut to {@link #GUESS_PREFIX_CHARS}, at the last whole line when it has one. */
    static String prefix(String text) {
        if (text.length() <= GUESS_PREFIX_CHARS) {
            return text;
        }
        int nl = text.lastIndexOf('\n', GUESS_PREFIX_CHARS);
        return text.substring(0, nl > 0 ? nl + 1 : GUESS_PREFIX_CHARS);
    }

    /**
     * Parses text a person pasted or saved ({@code workbench parse}, the window): normalised first, and
     * empty or header-only input is {@link ParseOutcome.Unrecognised} with a reason starting
     * {@link #NO_DATA_ROWS}, never a parsed record with nothing in it ("0 processes" reads as a fact).
     */
    public static <T> ParseOutcome<T> parsePasted(OutputParser<T> parser, String text) {
        String clean = InputText.normalise(text);
        // prompt lines are looked for in the prefix only: splitting 50 MB into lines to find one row is waste
        String head = prefix(clean);
        if (TextTable.nonBlankLines(TextTable.stripPrompt(head)).isEmpty() && clean.substring(head.length()).isBlank()) {
            return ParseOutcome.unrecognised(NO_DATA_ROWS + ": the input is empty (or holds only a shell prompt)");
        }
        ParseOutcome<T> outcome = safeParse(parser, clean);
        if (outcome instanceof ParseOutcome.Parsed<T> p && !hasData(parser, p.value())) {
            return ParseOutcome.unrecognised(NO_DATA_ROWS + ": the input has a " + parser.info().name()
                    + " header but nothing under it");
        }
        return outcome;
    }

    /** True when a reason says the input had no data rows (as opposed to being another command's output). */
    public static boolean isNoDataRows(ParseOutcome<?> outcome) {
        return outcome instanceof ParseOutcome.Unrecognised<?> u && u.reason().startsWith(NO_DATA_ROWS);
    }

    private static <T> boolean hasData(OutputParser<T> parser, T value) {
        try {
            return parser.hasData(value);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Runs a parser with the guarantee the probe layer relies on: whatever the text, the result is
     * an outcome, never an exception. A parser bug becomes {@link ParseOutcome.Unrecognised} naming it.
     */
    public static <T> ParseOutcome<T> safeParse(OutputParser<T> parser, String text) {
        try {
            ParseOutcome<T> outcome = parser.parse(InputText.normalise(text));
            return outcome == null ? ParseOutcome.unrecognised(parser.info().name() + " parser returned nothing") : outcome;
        } catch (RuntimeException | StackOverflowError e) {
            return ParseOutcome.unrecognised("the " + parser.info().name() + " parser failed on this text ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); showing the raw text instead");
        }
    }
}
