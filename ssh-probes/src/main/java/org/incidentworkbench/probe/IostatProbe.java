package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.IostatParser;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.parse.OutputParser;

/**
 * iostat: per-device utilisation, await and throughput over the last second. {@code -dxk 1 2} because
 * the first report is the average since boot and only the second one shows the last second; two reads
 * of {@code /proc/diskstats} a second apart when sysstat is missing. A background probe: it waits by
 * design, so it samples while the others run.
 */
public final class IostatProbe implements Probe<IostatReport> {

    private static final IostatParser PARSER = new IostatParser();

    @Override
    public String name() {
        return "iostat";
    }

    @Override
    public List<String> commands() {
        return List.of("iostat -dxk 1 2");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("iostat", "sysstat");
    }

    @Override
    public String fragment() {
        return "if command -v iostat >/dev/null 2>&1; then iostat -dxk 1 2; else "
                + missing("iostat", "sysstat", true)
                + section("/proc/diskstats 1") + "cat /proc/uptime /proc/diskstats; sleep 1; "
                + section("/proc/diskstats 2") + "cat /proc/uptime /proc/diskstats; fi";
    }

    @Override
    public OutputParser<IostatReport> parser() {
        return PARSER;
    }

    @Override
    public Class<IostatReport> type() {
        return IostatReport.class;
    }

    @Override
    public boolean background() {
        return true;
    }

    @Override
    public List<String> fixturePrefixes() {
        return List.of("iostat", "proc-diskstats");
    }
}
