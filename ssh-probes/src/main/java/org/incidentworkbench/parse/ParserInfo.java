package org.incidentworkbench.parse;

import java.util.List;

/**
 * What a parser reads: its name (as used by {@code workbench parse NAME}), the invocations it
 * recognises, the platforms it was checked on, and a one-line description for help texts.
 */
public record ParserInfo(String name, List<String> commands, List<String> platforms, String description) {
    public ParserInfo {
        commands = List.copyOf(commands);
        platforms = List.copyOf(platforms);
    }
}
