package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.DfParser;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.parse.OutputParser;

/**
 * df: space and inodes per filesystem. {@code -P} keeps one line per filesystem, {@code -k} fixes the
 * unit, {@code -T} adds the type. A hung NFS mount makes df hang: the timeout turns that into a finding.
 */
public final class DfProbe implements Probe<DfReport> {

    private static final DfParser PARSER = new DfParser();

    @Override
    public String name() {
        return "df";
    }

    @Override
    public List<String> commands() {
        return List.of("df -PTk", "df -Pi");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("df", "coreutils");
    }

    @Override
    public String fragment() {
        return "if command -v df >/dev/null 2>&1; then df -PTk; s=$?; " + section("df -Pi") + "df -Pi; exit $s; else "
                + missing("df", "coreutils", false) + "exit 127; fi";
    }

    @Override
    public OutputParser<DfReport> parser() {
        return PARSER;
    }

    @Override
    public Class<DfReport> type() {
        return DfReport.class;
    }
}
