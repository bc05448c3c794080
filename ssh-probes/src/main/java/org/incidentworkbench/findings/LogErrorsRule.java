package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Errors the logs name outright: any OOM kill (critical: a process was killed, often the one that
 * matters), any block-device or filesystem I/O error (critical: data may be lost, the filesystem may go
 * read-only), any segfault (warning: a crashing program, sometimes a symptom of bad memory). No count
 * threshold: one is already worth reading. An OOM kill or I/O error older than
 * {@link Limits#logRecentHours()} (24 h, see {@link LogAge}) is a warning instead of critical.
 */
final class LogErrorsRule extends ThresholdRule<LogErrorsRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("an OOM kill or I/O error younger than a day is critical, an older one (dmesg keeps everything since boot) a warning, so last week's incident does not read like today's; when the age cannot be told it counts as recent") double logRecentHours) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(24);

        @Override
        public List<String> units() {
            return List.of("hours");
        }
    }

    LogErrorsRule() {
        this(Limits.DEFAULTS);
    }

    LogErrorsRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        List<Finding> out = new ArrayList<>();
        report.get(Probes.LOGS).ifPresent(logs -> {
            if (logs.oomKills() > 0) {
                out.add(finding(report, Severity.CRITICAL, "logs.oom-kill", logs, LogsReport.OOM_KILL,
                        logs.oomKills() + " process" + (logs.oomKills() == 1 ? " was" : "es were") + " killed for lack of memory",
                        "Check which service lost a process (systemctl --failed, its logs) and what grew: ps by RSS, "
                                + "cgroup memory limits (systemctl show -p MemoryMax UNIT)."));
            }
            if (logs.ioErrors() > 0) {
                out.add(finding(report, Severity.CRITICAL, "logs.io-error", logs, LogsReport.IO_ERROR,
                        logs.ioErrors() + " I/O error line" + (logs.ioErrors() == 1 ? "" : "s") + " in the logs",
                        "Check the device's health (smartctl -a, dmesg for resets) and whether a filesystem went "
                                + "read-only (mount | grep ro,); plan a failover before it fails further."));
            }
            if (logs.segfaults() > 0) {
                out.add(finding(report, Severity.WARNING, "logs.segfault", logs, LogsReport.SEGFAULT,
                        logs.segfaults() + " segfault" + (logs.segfaults() == 1 ? "" : "s") + " in the logs",
                        "See which program crashed (the name before [pid]) and whether it restarted; repeated "
                                + "crashes in different programs point at memory hardware."));
            }
        });
        return out;
    }

    private Finding finding(TriageReport report, Severity s, String rule, LogsReport logs, String flag, String title, String hint) {
        List<LogsReport.LogEntry> flagged = logs.flagged(flag);
        LogsReport.LogEntry last = flagged.get(flagged.size() - 1);
        String when = last.timestamp().orElse(last.kernelSeconds().map(x -> x + " s after boot").orElse("?"));
        var age = LogAge.age(last, report);
        Severity severity = s;
        if (age.isPresent() && age.get().toSeconds() > t.logRecentHours() * 3600 && s == Severity.CRITICAL) {
            severity = Severity.WARNING; // old news: still worth reading, not an outage now
        }
        String ago = age.map(a -> " (" + LogAge.text(a) + " before the triage)").orElse("");
        String msg = last.message().length() > 160 ? last.message().substring(0, 160) + "..." : last.message();
        Finding f = new Finding(severity, rule, "logs", title + age.map(a -> ", latest " + LogAge.text(a) + " ago").orElse(""),
                "latest at " + when + ago + ": " + msg, hint);
        return age.map(f::since).orElse(f); // "since when", for the ranking's recency
    }
}
