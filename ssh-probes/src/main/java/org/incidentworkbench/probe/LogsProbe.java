package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.LogsParser;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.parse.OutputParser;

/**
 * logs: the last warnings from the journal (or the classic syslog files) and the kernel ring buffer.
 * journalctl without a journal (containers, syslog-only hosts) says so on stderr and exits 0: then the
 * classic log files are the better source.
 */
public final class LogsProbe implements Probe<LogsReport> {
    private static final String JOURNAL = "journalctl -p warning -n 300 -o short-iso --no-pager";
    private static final String DMESG = "dmesg -T | tail -n 100";

    private static final LogsParser PARSER = new LogsParser();

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public List<String> commands() {
        return List.of(JOURNAL, DMESG);
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("journalctl", "systemd", "dmesg", "util-linux");
    }

    /**
     * The journal, the syslog files and the kernel log are what an ordinary user is often refused: each
     * runs through {@link Probe#privilegedRunner()} ({@code sudo -n} under {@code --sudo}, else as is),
     * and a syslog file that exists but is unreadable is still named (its {@code tail} error is the
     * evidence the coverage reads) rather than skipped in silence.
     */
    @Override
    public String fragment() {
        return Probe.privilegedRunner()
                + "if command -v journalctl >/dev/null 2>&1; then j=$(iw_priv " + JOURNAL + "); js=$?; "
                + "else j=; js=127; fi\n"
                + "case $j in *'No journal files were found'*) nj=1;; *) nj=0;; esac\n"
                + "if [ $js -eq 0 ] && [ $nj -eq 0 ]; then " + section("journalctl") + "printf '%s\\n' \"$j\"\n"
                + "elif [ -e /var/log/syslog ]; then " + section("/var/log/syslog") + "iw_priv tail -n 300 /var/log/syslog\n"
                + "elif [ -e /var/log/messages ]; then " + section("/var/log/messages") + "iw_priv tail -n 300 /var/log/messages\n"
                + "elif [ $js -ne 127 ]; then " + section("journalctl") + "printf '%s\\n' \"$j\"\n"
                + "else " + missing("journalctl", "systemd", true) + "fi\n"
                // BusyBox dmesg has no -T: its raw "[seconds] message" lines
                + section("dmesg") + "if " + Probe.busyBox("dmesg") + "; then iw_priv dmesg | tail -n 100; else iw_priv dmesg -T | tail -n 100; fi\n"
                + "exit 0";
    }

    /**
     * Reads the refusals out of the text: dmesg's "Operation not permitted" (kernel.dmesg_restrict, or a
     * container without CAP_SYSLOG), the journal's "not seeing messages from other users and the
     * system" hint, a syslog file {@code tail} could not open; and says where there is no journal or syslog.
     */
    @Override
    public ProbeCoverage coverage(ProbeResult result, String loginUser) {
        ProbeCoverage basic = ProbeCoverage.basic(result);
        String as = loginUser.isEmpty() ? "" : " as " + loginUser;
        String group = loginUser.isEmpty() ? "the login user" : loginUser;
        String kernelFix = "use --sudo with a NOPASSWD sudoers rule for dmesg (docs/triage-json.md), or log in as a user"
                + " allowed to read it (CAP_SYSLOG; kernel.dmesg_restrict=1 refuses everyone else)";
        String journalFix = "add " + group + " to the adm or systemd-journal group, or use --sudo with a NOPASSWD sudoers"
                + " rule for journalctl and tail (docs/triage-json.md)";
        if (!(result instanceof ProbeResult.Parsed)) {
            String why = result.error().orElse("the logs probe gave no data");
            return basic.with(List.of(), List.of(
                    new ProbeCoverage.BlindSpot(ProbeCoverage.BlindSpot.KERNEL_LOG, "the logs probe gave no data" + as + ": " + why,
                            kernelFix),
                    new ProbeCoverage.BlindSpot(ProbeCoverage.BlindSpot.JOURNAL, "the logs probe gave no data" + as, journalFix)));
        }
        java.util.Map<String, String> parts = org.incidentworkbench.parse.Sections.split(result.raw());
        List<String> reasons = new java.util.ArrayList<>();
        List<ProbeCoverage.BlindSpot> blind = new java.util.ArrayList<>();
        String dmesg = parts.getOrDefault("dmesg", "");
        if (dmesg.contains("Operation not permitted") || dmesg.contains("read kernel buffer failed")) {
            String reason = "kernel log not readable" + as + ": OOM kills and disk errors are invisible";
            reasons.add(reason + " (" + firstLine(dmesg) + ")");
            blind.add(new ProbeCoverage.BlindSpot(ProbeCoverage.BlindSpot.KERNEL_LOG, reason, kernelFix));
        }
        String journal = parts.getOrDefault("journalctl", "");
        if (journal.contains("not seeing messages from other users and the system")) {
            String reason = "journal only partly readable" + as + ": system services' errors are invisible";
            reasons.add(reason);
            blind.add(new ProbeCoverage.BlindSpot(ProbeCoverage.BlindSpot.JOURNAL, reason, journalFix));
        }
        for (String file : List.of("/var/log/syslog", "/var/log/messages")) {
            String text = parts.getOrDefault(file, "");
            if (text.startsWith("tail: ") && (text.contains("Permission denied") || text.contains("cannot open"))) {
                String reason = file + " not readable" + as + ": services' errors are invisible";
                reasons.add(reason);
                blind.add(new ProbeCoverage.BlindSpot(ProbeCoverage.BlindSpot.JOURNAL, reason, journalFix));
            }
        }
        boolean noSystemLog = journal.contains("No journal files were found") && !parts.containsKey("/var/log/syslog")
                && !parts.containsKey("/var/log/messages");
        ProbeCoverage seen = basic.with(reasons, blind);
        if (noSystemLog) {
            // nothing refused: the host keeps no journal or syslog file (a container, a minimal image); said, not a blind spot
            return new ProbeCoverage(seen.probe(), seen.level(), concat(seen.reasons(),
                    List.of("no journal or syslog file on this host (a container or a minimal image?)")), seen.blindSpots());
        }
        return seen;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String firstLine(String text) {
        return text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }

    @Override
    public OutputParser<LogsReport> parser() {
        return PARSER;
    }

    @Override
    public Class<LogsReport> type() {
        return LogsReport.class;
    }

    @Override
    public List<String> fixturePrefixes() {
        return List.of("journalctl", "syslog", "dmesg", "logs");
    }
}
