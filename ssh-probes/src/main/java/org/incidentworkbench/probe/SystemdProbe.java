package org.incidentworkbench.probe;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.SystemdParser;
import org.incidentworkbench.parse.SystemdReport;

/**
 * systemd: the failed units ({@code systemctl --failed}), which the USE checklist does not name but every
 * on-call engineer checks first on a systemd host: a crashed service is often the incident. Runs only where
 * systemd is the init ({@code /run/systemd/system}, as {@code sd_booted()} tests); elsewhere (containers,
 * other inits) it says so, and its coverage is none with that reason. Readable by any user.
 */
public final class SystemdProbe implements Probe<SystemdReport> {

    private static final SystemdParser PARSER = new SystemdParser();
    private static final String FAILED = "systemctl --failed --no-legend --plain";

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public List<String> commands() {
        return List.of(FAILED);
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("systemctl", "systemd");
    }

    @Override
    public String fragment() {
        return "if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then " + FAILED + "; else "
                + "read -r c < /proc/1/comm 2>/dev/null || c=unknown; printf 'iw: systemd is not running (PID 1 is %s)\\n' \"$c\"; fi";
    }

    /** None when systemd is not the init: there are no units to check, which is not the same as none failed. */
    @Override
    public ProbeCoverage coverage(ProbeResult result, String loginUser) {
        ProbeCoverage basic = ProbeCoverage.basic(result);
        if (result instanceof ProbeResult.Parsed parsed && parsed.data() instanceof SystemdReport s && !s.running()) {
            return new ProbeCoverage(basic.probe(), ProbeCoverage.Level.NONE,
                    List.of(s.notRunning().orElse("systemd is not running") + ": no units to check"), List.of());
        }
        return basic;
    }

    @Override
    public OutputParser<SystemdReport> parser() {
        return PARSER;
    }

    @Override
    public Class<SystemdReport> type() {
        return SystemdReport.class;
    }
}
