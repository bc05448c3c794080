package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses log lines: the journal ({@code journalctl -o short-iso} and the default {@code short}, and their
 * {@code short-precise} and {@code short-iso-precise} forms with fractional seconds), syslog
 * files (RFC 3164 with or without {@code <PRI>}, rsyslog's RFC 3339 timestamps, RFC 5424), and the kernel
 * ring buffer ({@code dmesg -T}, raw {@code dmesg}, {@code dmesg -r}, {@code dmesg -x}).
 *
 * <p>Invocation (probe {@code logs}, under {@code LC_ALL=C}): part {@code ""} empty, then one of the sections
 * {@code journalctl} ({@code journalctl -p warning -n 300 -o short-iso --no-pager}), {@code /var/log/syslog} or
 * {@code /var/log/messages} ({@code tail -n 300}), then {@code dmesg} ({@code dmesg -T 2>&1 | tail -n 100}).
 * Samples:
 * <pre>
 * 2026-11-25T07:01:02+0000 web-1 sshd[812]: error: kex_exchange_identification: Connection closed by remote host
 * &lt;34&gt;Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8
 * [Wed Nov 25 07:38:23 2026] python3[32302]: segfault at 0 ip 00007fc596185ad8 sp 00007ffc15d4e8f8 error 4 in libc.so.6
 * [  873.114] Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:6012345kB
 * </pre>
 *
 * <p>Record: {@link LogsReport}. Severity comes from {@code <PRI>} (PRI mod 8), dmesg's {@code <N>} or
 * {@code kern  :err   :} prefix; otherwise it is inferred from the words (panic/Oops/OOM: crit;
 * error/fail/segfault: err; warn: warning; else the section's floor: warning for the journal probe, which
 * asks for {@code -p warning}, info elsewhere), and {@code severityInferred} says so. Flags: OOM kills
 * ("Killed process N", systemd-oomd "Killed ..."), other OOM lines, I/O errors (block layer, Buffer I/O,
 * EXT4/XFS/Btrfs errors, ATA/SCSI/NVMe failures, read-only remounts, hung tasks), segfaults (segfault, general
 * protection, traps). Indented continuation lines join the previous entry; tool messages
 * ({@code -- No entries --}, {@code No journal files were found.}, {@code dmesg: read kernel buffer failed})
 * become notes. A {@code <PRI>} above 191 is a bad field: the line is kept without it and a warning added.
 *
 * <p>Checked against systemd 252, rsyslog 8.2302 and util-linux 2.38 (Debian 12), and jc's RFC 3164
 * samples. Text where no line has a known log format is unrecognised.
 */
public final class LogsParser implements OutputParser<LogsReport> {

    private static final ParserInfo INFO = new ParserInfo("logs",
            List.of("journalctl -p warning -n 300 -o short-iso --no-pager", "tail -n 300 /var/log/syslog",
                    "tail -n 300 /var/log/messages", "dmesg -T", "dmesg"),
            List.of("linux"), "log entries: time, source, severity, message; OOM kills, I/O errors, segfaults flagged");

    static final String[] SEVERITIES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private static final String TAG = "([^\\s\\[:]+)(?:\\[(\\d{1,10})\\])?:\\s?(.*)";
    /** short-iso, rsyslog RFC 3339 and RFC 5424 style timestamps. */
    private static final Pattern ISO = Pattern.compile(
            "^(?:<(\\d+)>(?:1 )?)?(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?)\\s+(\\S+)\\s+" + TAG + "$");
    /**
     * RFC 3164 / journal short: {@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}; {@code journalctl -o short-precise}
     * adds microseconds ({@code Dec 03 05:21:01.734233}).
     */
    private static final Pattern BSD = Pattern.compile(
            "^(?:<(\\d+)>)?([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)\\s+(\\S+)\\s+" + TAG + "$");
    /** RFC 3164 without a tag: {@code Mar  8 15:18:40 avas: last message repeated 11 times}. */
    private static final Pattern BSD_NO_TAG = Pattern.compile(
            "^(?:<(\\d+)>)?([A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?)\\s+([^\\s:]+):\\s+(.*)$");
    /**
     * RFC 5424 ({@code logger --rfc5424}, rsyslog's RSYSLOG_SyslogProtocol23Format): {@code <PRI>1 TIMESTAMP HOSTNAME
     * APP-NAME PROCID MSGID STRUCTURED-DATA MSG}, each header field {@code -} when nil; structured data is one or
     * more {@code [id name="value"...]} elements whose values may hold escaped quotes and brackets.
     */
    private static final Pattern RFC5424 = Pattern.compile(
            "^<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\"\\\\]|\"(?:[^\"\\\\]|\\\\.)*\")*\\])+)(?: (.*))?$");
    /** dmesg: optional {@code kern  :err   : } or {@code <3>}, then {@code [seconds]} or {@code [Wed Nov 25 07:38:23 2026]}. */
    private static final Pattern DMESG = Pattern.compile(
            "^(?:([a-z]+)\\s*:\\s*([a-z]+)\\s*:\\s)?(?:<(\\d+)>)?\\[\\s*(\\d+\\.\\d+|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4})\\]\\s?(.*)$");
    private static final Pattern TASK = Pattern.compile("^([\\w.-]+)\\[(\\d{1,10})\\]: (.*)$");
    private static final Pattern NOTE = Pattern.compile(
            "^(?:-- .* --|No journal files were found\\.|dmesg: .*|journalctl: .*|Hint: .*|tail: .*)$");

    private static final Pattern OOM_KILL = Pattern.compile("Killed process \\d+|systemd-oomd.*Killed");
    private static final Pattern OOM_ANY = Pattern.compile("(?i)out of memory|oom-killer|oom_reaper|oom-kill");
    private static final Pattern IO = Pattern.compile("(?i)I/O error|Buffer I/O|blk_update_request|end_request:|critical (?:medium|target) error"
            + "|EXT[234]-fs (?:error|warning)|XFS \\(.*\\): .*(?:error|corruption|shutdown)|BTRFS (?:error|critical)|Medium Error"
            + "|ata\\d+(?:\\.\\d+)?: (?:failed command|exception|error|hard resetting)|SCSI error|nvme\\d+.*(?:timeout|I/O \\d+ QID|controller is down)"
            + "|Remounting filesystem read-only|blocked for more than \\d+ seconds");
    private static final Pattern SEGV = Pattern.compile("segfault at|general protection(?: fault)?|traps: .* trap |trap (?:invalid opcode|divide error)");

    private static final Pattern CRIT = Pattern.compile("(?i)kernel panic|\\bpanic\\b|Oops|BUG:|Call Trace|out of memory|Killed process|oom-kill");
    private static final Pattern ERR = Pattern.compile("(?i)\\berror\\b|\\bfail(?:ed|ure)?\\b|\\bfatal\\b|segfault|I/O error|denied|timed? ?out|refused");
    private static final Pattern WARN = Pattern.compile("(?i)\\bwarn(?:ing)?\\b|deprecated|retry|blocked for more than");

    @Override
    public boolean hasData(LogsReport value) {
        return !value.entries().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        Map<String, String> parts = Sections.split(text);
        if (parts.containsKey("journalctl") || parts.containsKey("dmesg") || parts.containsKey("/var/log/syslog")
                || parts.containsKey("/var/log/messages")) {
            return true;
        }
        int known = 0;
        int lines = 0;
        for (String line : TextTable.nonBlankLines(text)) {
            if (++lines > 20) {
                break;
            }
            if (ISO.matcher(line).matches() || BSD.matcher(line).matches() || DMESG.matcher(line).matches()
                    || RFC5424.matcher(line).matches()
                    || BSD_NO_TAG.matcher(line).matches()
                    || line.startsWith("-- ") || line.equals("No journal files were found.")) {
                known++;
            }
        }
        return lines > 0 && known * 2 >= lines;
    }

    @Override
    public ParseOutcome<LogsReport> parse(String text) {
        text = TextTable.stripPrompt(text);
        if (!anyKnownLine(text)) {
            // checked first, with anchored patterns only, so another command's long output costs little
            return text.isBlank() ? ParseOutcome.parsed(new LogsReport(List.of(), emptyCounts(), 0, 0, 0, List.of()))
                    : ParseOutcome.unrecognised("no line has a journal, syslog or dmesg format");
        }
        List<String> warnings = new ArrayList<>();
        List<LogsReport.LogEntry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int known = 0;
        int unknown = 0;
        for (Map.Entry<String, String> part : Sections.split(text).entrySet()) {
            String floor = part.getKey().equals("journalctl") ? "warning" : "info";
            for (String line : TextTable.lines(part.getValue())) {
                if (line.isBlank()) {
                    continue;
                }
                if (NOTE.matcher(line.strip()).matches()) {
                    notes.add(line.strip());
                    known++;
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0)) && !entries.isEmpty() && !DMESG.matcher(line.strip()).matches()) {
                    LogsReport.LogEntry prev = entries.remove(entries.size() - 1);
                    entries.add(entry(prev.origin(), prev.timestamp(), prev.kernelSeconds(), prev.host(), prev.source(),
                            prev.pid(), prev.severityInferred() ? null : prev.severity(), floor,
                            prev.message() + "\n" + line.strip()));
                    continue;
                }
                Optional<LogsReport.LogEntry> e = line(line, part.getKey(), floor, warnings);
                if (e.isPresent()) {
                    known++;
                    entries.add(e.get());
                } else {
                    unknown++;
                    warnings.add("log line \"" + line.strip() + "\" has no journal, syslog or dmesg format; kept as text");
                    entries.add(entry("text", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), null, floor, line.strip()));
                }
            }
        }
        if (known == 0 && unknown > 0) {
            return ParseOutcome.unrecognised("no line has a journal, syslog or dmesg format");
        }
        Map<String, Integer> counts = emptyCounts();
        int oomKills = 0;
        int io = 0;
        int segv = 0;
        for (LogsReport.LogEntry e : entries) {
            counts.merge(e.severity(), 1, Integer::sum);
            oomKills += e.flags().contains(LogsReport.OOM_KILL) ? 1 : 0;
            io += e.flags().contains(LogsReport.IO_ERROR) ? 1 : 0;
            segv += e.flags().contains(LogsReport.SEGFAULT) ? 1 : 0;
        }
        return ParseOutcome.parsed(new LogsReport(entries, counts, oomKills, io, segv, notes), warnings);
    }

    private static Map<String, Integer> emptyCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String s : SEVERITIES) {
            counts.put(s, 0);
        }
        return counts;
    }

    private static boolean anyKnownLine(String text) {
        for (String line : TextTable.lines(text)) {
            String s = line.strip();
            if (!s.isEmpty() && (NOTE.matcher(s).matches() || ISO.matcher(line).matches() || BSD.matcher(line).matches()
                    || RFC5424.matcher(line).matches()
                    || BSD_NO_TAG.matcher(line).matches() || DMESG.matcher(s).matches())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<LogsReport.LogEntry> line(String line, String section, String floor, List<String> warnings) {
        Matcher m;
        if ((m = RFC5424.matcher(line)).matches()) {
            // structured data is not kept (no field for it); it stands in for an empty MSG
            String msg = m.group(8) == null || m.group(8).isBlank() ? (m.group(7).equals("-") ? "" : m.group(7)) : m.group(8);
            return Optional.of(entry("syslog", nil(m.group(2)), Optional.empty(), nil(m.group(3)), nil(m.group(4)),
                    nil(m.group(5)).filter(p -> p.matches("\\d{1,10}")).map(Long::parseLong), pri(m.group(1), line, warnings),
                    floor, msg.strip()));
        }
        if ((m = ISO.matcher(line)).matches() || (m = BSD.matcher(line)).matches()) {
            String origin = section.equals("journalctl") ? "journal" : section.startsWith("/var/log") ? "syslog"
                    : m.group(1) != null || m.pattern() == BSD ? "syslog" : "journal";
            String severity = pri(m.group(1), line, warnings);
            return Optional.of(entry(origin, Optional.of(m.group(2)), Optional.empty(), Optional.of(m.group(3)),
                    Optional.of(m.group(4)), Optional.ofNullable(m.group(5)).map(Long::parseLong), severity, floor,
                    m.group(6).strip()));
        }
        if ((m = BSD_NO_TAG.matcher(line)).matches()) {
            return Optional.of(entry(section.equals("journalctl") ? "journal" : "syslog", Optional.of(m.group(2)),
                    Optional.empty(), Optional.of(m.group(3)), Optional.empty(), Optional.empty(),
                    pri(m.group(1), line, warnings), floor, m.group(4).strip()));
        }
        if ((m = DMESG.matcher(line)).matches()) {
            String severity = m.group(2) != null ? normalise(m.group(2)) : pri(m.group(3), line, warnings);
            String stamp = m.group(4);
            boolean seconds = Character.isDigit(stamp.charAt(0));
            String msg = m.group(5);
            Optional<String> source = Optional.of("kernel");
            Optional<Long> pid = Optional.empty();
            Matcher t = TASK.matcher(msg);
            if (t.matches()) {
                // user-space reports the kernel logs on a task's behalf: "python3[32302]: segfault at 0 ..."
                source = Optional.of(t.group(1));
                pid = Optional.of(Long.parseLong(t.group(2)));
            }
            return Optional.of(entry("dmesg", seconds ? Optional.empty() : Optional.of(stamp),
                    seconds ? Optional.of(Double.parseDouble(stamp)) : Optional.empty(), Optional.empty(), source, pid,
                    severity, "dmesg".equals(section) || section.isEmpty() ? "info" : floor, msg.strip()));
        }
        return Optional.empty();
    }

    /** An RFC 5424 header field: {@code -} is nil. */
    private static Optional<String> nil(String field) {
        return field.equals("-") ? Optional.empty() : Optional.of(field);
    }

    /** dmesg -x level names ({@code warn}, {@code err}) as syslog's. */
    private static String normalise(String level) {
        return switch (level) {
            case "warn" -> "warning";
            case "emerg", "alert", "crit", "err", "notice", "info", "debug" -> level;
            default -> level.toLowerCase(Locale.ROOT);
        };
    }

    private static String pri(String raw, String line, List<String> warnings) {
        if (raw == null) {
            return null;
        }
        int pri = Integer.parseInt(raw.length() > 6 ? "999" : raw);
        if (pri > 191) {
            warnings.add("syslog priority <" + raw + "> is above 191 (facility 23, severity 7); severity inferred instead in \""
                    + line.strip() + "\"");
            return null;
        }
        return SEVERITIES[pri % 8];
    }

    private static LogsReport.LogEntry entry(String origin, Optional<String> ts, Optional<Double> secs, Optional<String> host,
                                             Optional<String> source, Optional<Long> pid, String severity, String floor,
                                             String message) {
        List<String> flags = new ArrayList<>();
        if (OOM_KILL.matcher(message).find()) {
            flags.add(LogsReport.OOM_KILL);
        } else if (OOM_ANY.matcher(message).find()) {
            flags.add(LogsReport.OOM);
        }
        if (IO.matcher(message).find()) {
            flags.add(LogsReport.IO_ERROR);
        }
        if (SEGV.matcher(message).find()) {
            flags.add(LogsReport.SEGFAULT);
        }
        boolean inferred = severity == null;
        String s = severity;
        if (inferred) {
            s = CRIT.matcher(message).find() ? "crit" : ERR.matcher(message).find() ? "err"
                    : WARN.matcher(message).find() ? "warning" : floor;
        }
        return new LogsReport.LogEntry(origin, ts, secs, host, source, pid, s, inferred, message, flags);
    }
}
