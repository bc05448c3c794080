package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.IpParser;
import org.incidentworkbench.parse.IpReport;
import org.incidentworkbench.parse.OutputParser;

/**
 * ip: interfaces with their counters (errors, drops) and the routes; {@code /proc/net/dev} when
 * iproute2 is missing.
 */
public final class IpProbe implements Probe<IpReport> {

    private static final IpParser PARSER = new IpParser();

    @Override
    public String name() {
        return "ip";
    }

    @Override
    public List<String> commands() {
        return List.of("ip -s addr", "ip route");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("ip", "iproute2");
    }

    @Override
    public String fragment() {
        return "if command -v ip >/dev/null 2>&1; then ip -s addr; s=$?; " + section("ip route") + "ip route; exit $s; else "
                + missing("ip", "iproute2", true) + section("/proc/net/dev") + "cat /proc/net/dev; fi";
    }

    @Override
    public OutputParser<IpReport> parser() {
        return PARSER;
    }

    @Override
    public Class<IpReport> type() {
        return IpReport.class;
    }

    @Override
    public List<String> fixturePrefixes() {
        return List.of("ip", "proc-net-dev");
    }
}
