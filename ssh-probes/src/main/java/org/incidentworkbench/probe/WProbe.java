package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.WParser;
import org.incidentworkbench.parse.WReport;

/**
 * w: who is logged in and what they run; {@code who -u} when procps is missing.
 */
public final class WProbe implements Probe<WReport> {

    private static final WParser PARSER = new WParser();

    @Override
    public String name() {
        return "w";
    }

    @Override
    public List<String> commands() {
        return List.of("w");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("w", "procps", "who", "coreutils");
    }

    @Override
    public String fragment() {
        return "if command -v w >/dev/null 2>&1; then w; else "
                + missing("w", "procps", true) + section("who -u") + "who -u; fi";
    }

    @Override
    public OutputParser<WReport> parser() {
        return PARSER;
    }

    @Override
    public Class<WReport> type() {
        return WReport.class;
    }
}
