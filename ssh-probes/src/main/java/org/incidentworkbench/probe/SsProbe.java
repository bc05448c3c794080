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
        // ss -p names only the login user's own processes: --sudo runs it through sudo -n (Probe.privilegedRunner)
        return Probe.privilegedRunner()
                + "if command -v ss >/dev/null 2>&1; then ss -s; s=$?; " + section("ss -tanp") + "iw_priv ss -tanp; exit $s; else "
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
        return List.of("ss", "proc-net-tcp", "netstat");
    }

    /**
     * {@code ss -p} names a socket's process only where the login user may see it (its own, or all as root):
     * as anyone else, sockets without an owner are other users' (a leak's CLOSE-WAIT sockets cannot be
     * pinned on a service), so the coverage says so with how many.
     */
    @Override
    public ProbeCoverage coverage(ProbeResult result, String loginUser) {
        ProbeCoverage basic = ProbeCoverage.basic(result);
        if (loginUser.isEmpty() || loginUser.equals("root")) {
            return basic;
        }
        return result.data(SsReport.class).map(ss -> {
            long unowned = ss.sockets().stream().filter(sock -> sock.processes().isEmpty()
                    && sock.state().map(st -> !st.equals("LISTEN") && !st.equals("TIME-WAIT")).orElse(false)).count();
            return unowned == 0 ? basic : basic.with(List.of(unowned + " connection" + (unowned == 1 ? "" : "s")
                    + " without a process as " + loginUser + ": ss -p shows only the user's own processes; triage as root or"
                    + " with a user that may read them to see which service holds them"), List.of());
        }).orElse(basic);
    }
}
