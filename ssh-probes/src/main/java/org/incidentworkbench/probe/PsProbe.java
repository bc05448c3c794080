package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.PsParser;
import org.incidentworkbench.parse.PsReport;

/**
 * ps: every process with its state, CPU, memory and full command line ({@code -ww}: never cut). No
 * fallback: reading every {@code /proc/PID} from sh would be slow and racy.
 */
public final class PsProbe implements Probe<PsReport> {
    /** ps on a busy server: 10,000 processes of 300 bytes each. */
    public static final int CAP = 4 << 20;
    private static final String PS = "ps -ww -eo pid,ppid,user,stat,pcpu,pmem,rss,vsz,etimes,comm,args";

    private static final PsParser PARSER = new PsParser();

    @Override
    public String name() {
        return "ps";
    }

    @Override
    public List<String> commands() {
        return List.of(PS);
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("ps", "procps");
    }

    @Override
    public String fragment() {
        return "if command -v ps >/dev/null 2>&1; then " + PS + "; else "
                + missing("ps", "procps", false) + "exit 127; fi";
    }

    @Override
    public OutputParser<PsReport> parser() {
        return PARSER;
    }

    @Override
    public Class<PsReport> type() {
        return PsReport.class;
    }

    @Override
    public int maxOutputBytes() {
        return CAP;
    }
}
