package org.incidentworkbench.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recent warnings and errors from the journal (or syslog file) and the kernel ring buffer, with the
 * lines that matter during an incident flagged and counted.
 *
 * @param entries            one per log line (continuation lines joined), in the order printed
 * @param countBySeverity    entries per severity name (emerg, alert, crit, err, warning, notice, info, debug)
 * @param oomKills           processes killed by the kernel's or systemd-oomd's OOM killer
 * @param ioErrors           block-device and filesystem error lines
 * @param segfaults          segfault / general-protection / trap lines
 * @param notes              what the tools said instead of log lines ("-- No entries --", "dmesg: read kernel
 *                           buffer failed: Operation not permitted")
 */
public record LogsReport(List<LogEntry> entries, Map<String, Integer> countBySeverity, int oomKills, int ioErrors,
                         int segfaults, List<String> notes) {

    public LogsReport {
        entries = List.copyOf(entries);
        countBySeverity = Map.copyOf(countBySeverity);
        notes = List.copyOf(notes);
    }

    /** Flag names on entries. */
    public static final String OOM = "oom", OOM_KILL = "oom-kill", IO_ERROR = "io-error", SEGFAULT = "segfault";

    /**
     * One log line.
     *
     * @param origin           {@code journal}, {@code syslog}, {@code dmesg}, or {@code text} for a line in no known format
     * @param timestamp        the time as printed ({@code 2026-11-25T07:01:02+0000}, {@code Oct 11 22:14:15},
     *                         {@code Wed Nov 25 07:38:23 2026})
     * @param kernelSeconds    raw dmesg's seconds since boot ({@code [12345.678901]})
     * @param host             the host name field of journal and syslog lines
     * @param source           the tag ({@code sshd}, {@code kernel}, {@code systemd})
     * @param pid              the {@code [pid]} after the tag
     * @param severity         syslog severity name, from the {@code <PRI>} or dmesg's level when printed, else inferred
     * @param severityInferred true when no level was printed and the severity was guessed from the words of the message
     * @param message          the text
     * @param flags            {@link #OOM_KILL}, {@link #OOM}, {@link #IO_ERROR}, {@link #SEGFAULT}
     */
    public record LogEntry(String origin, Optional<String> timestamp, Optional<Double> kernelSeconds, Optional<String> host,
                           Optional<String> source, Optional<Long> pid, String severity, boolean severityInferred,
                           String message, List<String> flags) {
        public LogEntry {
            flags = List.copyOf(flags);
        }
    }

    /** Entries carrying the given flag. */
    public List<LogEntry> flagged(String flag) {
        return entries.stream().filter(e -> e.flags().contains(flag)).toList();
    }
}
