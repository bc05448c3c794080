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

    /** The first of {@code parsers} that recognises the text, for {@code workbench parse auto FILE}. */
    public static Optional<OutputParser<?>> guess(List<OutputParser<?>> parsers, String text) {
        for (OutputParser<?> p : parsers) {
            try {
                if (p.recognises(text)) {
                    return Optional.of(p);
                }
            } catch (RuntimeException e) {
                // a recogniser that trips over odd text just does not recognise it
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a parser with the guarantee the probe layer relies on: whatever the text, the result is
     * an outcome, never an exception. A parser bug becomes {@link ParseOutcome.Unrecognised} naming it.
     */
    public static <T> ParseOutcome<T> safeParse(OutputParser<T> parser, String text) {
        try {
            ParseOutcome<T> outcome = parser.parse(text == null ? "" : text);
            return outcome == null ? ParseOutcome.unrecognised(parser.info().name() + " parser returned nothing") : outcome;
        } catch (RuntimeException | StackOverflowError e) {
            return ParseOutcome.unrecognised("the " + parser.info().name() + " parser failed on this text ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); showing the raw text instead");
        }
    }
}
