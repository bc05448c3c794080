package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.SsParser;
import org.incidentworkbench.parse.SsReport;

/**
 * ss: socket totals and every TCP connection with its state and process; {@code /proc/net/tcp} and
 * {@code tcp6} when iproute2 is missing.
 */
public final class SsProbe implements Probe<SsReport> {

    private static final SsParser PARSER = new SsParser();

    @Override
    public String name() {
        return "ss";
    }

    @Override
    public List<String> commands() {
        return List.of("ss -s", "ss -tanp");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("ss", "iproute2");
    }

    @Override
    public String fragment() {
        return "if command -v ss >/dev/null 2>&1; then ss -s; s=$?; " + section("ss -tanp") + "ss -tanp; exit $s; else "
                + missing("ss", "iproute2", true)
                + section("/proc/net/tcp") + "cat /proc/net/tcp; "
                + section("/proc/net/tcp6") + "cat /proc/net/tcp6 2>/dev/null; exit 0; fi";
    }

    @Override
    public OutputParser<SsReport> parser() {
        return PARSER;
    }

    @Override
    public Class<SsReport> type() {
        return SsReport.class;
    }

    @Override
    public List<String> fixturePrefixes() {
        return List.of("ss", "proc-net-tcp");
    }
}
