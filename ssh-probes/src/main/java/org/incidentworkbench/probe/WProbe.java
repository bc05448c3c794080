package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.WParser;
import org.incidentworkbench.parse.WReport;

/**
 * w: who is logged in and what they run; {@code who -u} when procps is missing. BusyBox's w (section
 * {@code busybox w}) is followed by a {@code utmp} section saying whether there is a utmp file: BusyBox hosts
 * often record no logins, and "nobody" must not read as "nobody logged in" then (see {@link #coverage}).
 */
public final class WProbe implements Probe<WReport> {

    private static final WParser PARSER = new WParser();
    static final String BUSYBOX = "busybox w";
    /** Section saying whether a utmp file is there to read: without one, w lists nobody whoever is logged in. */
    static final String UTMP = "utmp";
    static final String UTMP_CHECK = "if [ -r /var/run/utmp ]; then echo 'readable /var/run/utmp'; elif [ -r /run/utmp ]; then"
            + " echo 'readable /run/utmp'; else echo 'none readable: neither /var/run/utmp nor /run/utmp'; fi; ";

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
        return "if " + Probe.busyBox("w") + "; then " + section(BUSYBOX) + "w; s=$?; " + section(UTMP) + UTMP_CHECK + "exit $s\n"
                + "elif command -v w >/dev/null 2>&1; then w; else "
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

    @Override
    public ProbeCoverage coverage(ProbeResult result, String loginUser) {
        ProbeCoverage basic = ProbeCoverage.basic(result);
        String utmp = org.incidentworkbench.parse.Sections.split(result.raw()).get(UTMP);
        if (result.isParsed() && utmp != null && utmp.strip().startsWith("none readable")) {
            return basic.with(List.of("no readable utmp on this host (" + utmp.strip().substring("none readable: ".length())
                    + "): logins are not recorded, so an empty list does not mean nobody is logged in"), List.of());
        }
        return basic;
    }
}
