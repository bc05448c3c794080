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
 * iproute2 is missing. BusyBox ip rejects {@code -s}: there, {@code ip addr} (section {@code busybox ip addr})
 * with the counters of {@code /proc/net/dev} merged in by interface name, and {@code ip route}.
 */
public final class IpProbe implements Probe<IpReport> {

    private static final IpParser PARSER = new IpParser();
    /** BusyBox ip has no {@code -s}: addresses from it, counters from {@code /proc/net/dev}. */
    static final String BUSYBOX = "busybox ip addr";
    /** Each interface's operational state (BusyBox ip and /proc/net/dev print none): builtins only, no process. */
    static final String OPERSTATE = section("/sys/class/net operstate")
            + "for iw_i in /sys/class/net/*; do read -r iw_s < \"$iw_i/operstate\" 2>/dev/null && printf '%s %s\\n' \"${iw_i##*/}\" \"$iw_s\"; done; ";

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
        return "if " + Probe.busyBox("ip") + "; then " + section(BUSYBOX) + "ip addr; s=$?; "
                + section("/proc/net/dev") + "cat /proc/net/dev; " + OPERSTATE + section("ip route") + "ip route; exit $s\n"
                + "elif command -v ip >/dev/null 2>&1; then ip -s addr; s=$?; " + section("ip route") + "ip route; exit $s; else "
                + missing("ip", "iproute2", true) + section("/proc/net/dev") + "cat /proc/net/dev; " + OPERSTATE + "fi";
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
