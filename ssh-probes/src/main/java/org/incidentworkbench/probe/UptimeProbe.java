package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.UptimeParser;
import org.incidentworkbench.parse.UptimeReport;

/**
 * uptime: load and users, with {@code /proc/uptime}, {@code /proc/loadavg} and the core count, so the
 * load can be read per core even when procps is missing.
 */
public final class UptimeProbe implements Probe<UptimeReport> {

    private static final UptimeParser PARSER = new UptimeParser();

    @Override
    public String name() {
        return "uptime";
    }

    @Override
    public List<String> commands() {
        return List.of("uptime", "cat /proc/uptime", "cat /proc/loadavg", "nproc");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("uptime", "procps", "nproc", "coreutils");
    }

    @Override
    public String fragment() {
        return "if command -v uptime >/dev/null 2>&1; then uptime; s=$?; else " + missing("uptime", "procps", true) + "s=0; fi\n"
                + section("/proc/uptime") + "cat /proc/uptime\n"
                + section("/proc/loadavg") + "cat /proc/loadavg\n"
                + section("nproc") + "nproc 2>/dev/null || getconf _NPROCESSORS_ONLN\n"
                + "exit $s";
    }

    @Override
    public OutputParser<UptimeReport> parser() {
        return PARSER;
    }

    @Override
    public Class<UptimeReport> type() {
        return UptimeReport.class;
    }
}
