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
    private static final String DMESG = "dmesg -T 2>&1 | tail -n 100";

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

    @Override
    public String fragment() {
        return "if command -v journalctl >/dev/null 2>&1; then j=$(" + JOURNAL + " 2>&1); js=$?; "
                + "else j=; js=127; fi\n"
                + "case $j in *'No journal files were found'*) nj=1;; *) nj=0;; esac\n"
                + "if [ $js -eq 0 ] && [ $nj -eq 0 ]; then " + section("journalctl") + "printf '%s\\n' \"$j\"\n"
                + "elif [ -r /var/log/syslog ]; then " + section("/var/log/syslog") + "tail -n 300 /var/log/syslog\n"
                + "elif [ -r /var/log/messages ]; then " + section("/var/log/messages") + "tail -n 300 /var/log/messages\n"
                + "elif [ $js -ne 127 ]; then " + section("journalctl") + "printf '%s\\n' \"$j\"\n"
                + "else " + missing("journalctl", "systemd", true) + "fi\n"
                + section("dmesg") + DMESG + "\n"
                + "exit 0";
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
