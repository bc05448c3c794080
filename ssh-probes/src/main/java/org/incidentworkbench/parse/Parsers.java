package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every parser the product has. The CLI's help, {@code workbench parse PROBE FILE} and the probe
 * set all read this list, so a parser registered here is available everywhere.
 */
public final class Parsers {

    private static final List<OutputParser<?>> ALL = build();

    private Parsers() {
    }

    private static List<OutputParser<?>> build() {
        List<OutputParser<?>> all = new ArrayList<>();
        // Register parsers here, one line each, in the order help should list them.
        all.add(new WParser());
        all.add(new UptimeParser());
        all.add(new PsParser());
        all.add(new DfParser());
        all.add(new TopParser());
        all.add(new IostatParser());
        all.add(new SsParser());
        all.add(new IpParser());
        all.add(new LogsParser());
        all.add(new FreeParser());
        all.add(new VmstatParser());
        return List.copyOf(all);
    }

    public static List<OutputParser<?>> all() {
        return ALL;
    }

    public static Optional<OutputParser<?>> byName(String name) {
        return ALL.stream().filter(p -> p.info().name().equals(name)).findFirst();
    }

    /** The first parser that recognises the text, for {@code workbench parse auto FILE}. */
    public static Optional<OutputParser<?>> guess(String text) {
        for (OutputParser<?> p : ALL) {
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
