package org.incidentworkbench.parse;

/**
 * One parser per command, as jc has one module per command. Implementations are stateless and
 * thread-safe; {@link #parse} never throws (a bug inside a parser is caught by {@link Parsers#safeParse}).
 *
 * @param <T> the record the parser returns
 */
public interface OutputParser<T> {

    ParserInfo info();

    /** Parses the full text of one invocation's output. Empty input gives an empty report. */
    ParseOutcome<T> parse(String text);

    /**
     * True when the text looks like this parser's command (from its header or first lines), so
     * {@code workbench parse auto FILE} can pick a parser. The default says no.
     */
    default boolean recognises(String text) {
        return false;
    }

    /**
     * False when a parsed record holds no data rows (a header alone: no process, socket, filesystem or log
     * line), so a paste of it is not reported as "0 processes". The default says it has data.
     */
    default boolean hasData(T value) {
        return true;
    }
}
