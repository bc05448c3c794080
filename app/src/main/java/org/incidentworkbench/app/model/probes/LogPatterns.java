package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.incidentworkbench.parse.LogsReport;

/**
 * The logs view's answers: messages grouped by pattern (numbers, ids, hex and addresses masked, so a
 * thousand "connection from 10.0.0.7 port 51234" lines are one row with a count), each with its first and
 * last time; OOM kills, I/O errors and segfaults first, then by severity; severities counted in severity
 * order; and one line per log source that says where the entries came from, so that "no journal files"
 * and 99 kernel lines read as one story. Pure.
 */
public final class LogPatterns {

    /** syslog's severities, most severe first (RFC 5424). */
    public static final List<String> SEVERITY_ORDER = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

    /** Flags that pull a group to the top, in this order. */
    private static final List<String> FLAG_ORDER = List.of(LogsReport.OOM_KILL, LogsReport.IO_ERROR, LogsReport.SEGFAULT, LogsReport.OOM);

    // most specific first: a UUID holds hex and numbers, an address holds numbers
    private static final Pattern UUID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX_PREFIXED = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");
    private static final Pattern HEX_WORD = Pattern.compile("\\b(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{6,}\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_\\d])\\d+(?:[.:]\\d+)*");
    /** Digits glued to a name that are an id, not part of the name ({@code /iwck798}, {@code worker1234}; not {@code sda1}, {@code eth0}). */
    private static final Pattern SUFFIX_ID = Pattern.compile("(?<=[A-Za-z_])\\d{3,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private LogPatterns() {
    }

    /**
     * A group of messages with the same pattern from the same source.
     *
     * @param severity the most severe of its entries
     * @param source   the tag ({@code kernel}, {@code sshd}), or the origin when there is none
     * @param pattern  the message with variable parts masked ({@code <n>}, {@code <hex>}, {@code <ip>}, {@code <id>})
     * @param example  the first message as printed
     * @param count    entries
     * @param first    the first entry's time as printed (empty when the line had none)
     * @param last     the last entry's time as printed
     * @param flags    the flags of its entries (oom-kill, io-error, segfault, oom)
     */
    public record Group(String severity, String source, String pattern, String example, long count, String first,
                        String last, List<String> flags) {
        public Group {
            flags = List.copyOf(flags);
        }

        public boolean flagged() {
            return !flags.isEmpty();
        }
    }

    /** One severity and how many entries carry it. */
    public record SeverityCount(String severity, int count) {
    }

    /** The variable parts of a message masked, so that repeats of one event compare equal. */
    public static String mask(String message) {
        String m = UUID.matcher(message).replaceAll("<id>");
        m = HEX_PREFIXED.matcher(m).replaceAll("<hex>");
        m = IPV4.matcher(m).replaceAll("<ip>");
        m = HEX_WORD.matcher(m).replaceAll("<hex>");
        m = NUMBER.matcher(m).replaceAll("<n>");
        m = SUFFIX_ID.matcher(m).replaceAll("<n>");
        return SPACES.matcher(m.strip()).replaceAll(" ");
    }

    public static List<Group> groups(LogsReport logs) {
        Map<String, List<LogsReport.LogEntry>> byKey = new LinkedHashMap<>();
        for (LogsReport.LogEntry e : logs.entries()) {
            byKey.computeIfAbsent(source(e) + "\u0000" + mask(e.message()), k -> new ArrayList<>()).add(e);
        }
        List<Group> out = new ArrayList<>();
        byKey.forEach((key, entries) -> {
            Set<String> flags = new LinkedHashSet<>();
            entries.forEach(e -> flags.addAll(e.flags()));
            List<String> ordered = FLAG_ORDER.stream().filter(flags::contains).toList();
            String severity = entries.stream().map(LogsReport.LogEntry::severity).min(Comparator.comparingInt(LogPatterns::rank)).orElse("");
            out.add(new Group(severity, source(entries.get(0)), key.substring(key.indexOf('\u0000') + 1), entries.get(0).message(),
                    entries.size(), entries.get(0).timestamp().orElse(""), entries.get(entries.size() - 1).timestamp().orElse(""), ordered));
        });
        out.sort(Comparator.comparingInt(LogPatterns::flagRank).thenComparingInt(g -> rank(g.severity()))
                .thenComparing(Comparator.comparingLong(Group::count).reversed()));
        return out;
    }

    /** Entries per severity, most severe first, only those present. */
    public static List<SeverityCount> severities(LogsReport logs) {
        List<SeverityCount> out = new ArrayList<>();
        for (String s : SEVERITY_ORDER) {
            Integer n = logs.countBySeverity().get(s);
            if (n != null && n > 0) {
                out.add(new SeverityCount(s, n));
            }
        }
        logs.countBySeverity().forEach((s, n) -> {
            if (!SEVERITY_ORDER.contains(s) && n > 0) {
                out.add(new SeverityCount(s, n));
            }
        });
        return out;
    }

    /**
     * Where the entries came from, one line per source, with what the tools said instead of lines turned into
     * the reason a source is empty: "journal: no journal files on this host" beside "dmesg: 99 entries", never
     * a bare "No journal files were found" beside a full list.
     */
    public static List<String> sources(LogsReport logs) {
        Map<String, Long> byOrigin = new LinkedHashMap<>();
        logs.entries().forEach(e -> byOrigin.merge(e.origin(), 1L, Long::sum));
        List<String> out = new ArrayList<>();
        boolean noJournalFiles = logs.notes().stream().anyMatch(n -> n.startsWith("No journal files"));
        boolean noEntries = logs.notes().stream().anyMatch(n -> n.equals("-- No entries --"));
        if (byOrigin.containsKey("journal")) {
            out.add("journal: " + entries(byOrigin.get("journal")));
        } else if (noJournalFiles) {
            out.add("journal: none on this host (journald keeps no files here)" + (byOrigin.containsKey("syslog") ? ", so the syslog file was read" : ""));
        } else if (noEntries) {
            out.add("journal: no entries at warning or above");
        }
        if (byOrigin.containsKey("syslog")) {
            out.add("syslog file: " + entries(byOrigin.get("syslog")));
        }
        List<String> dmesgNotes = logs.notes().stream().filter(n -> n.startsWith("dmesg:")).toList();
        if (byOrigin.containsKey("dmesg")) {
            out.add("kernel log (dmesg): " + entries(byOrigin.get("dmesg")));
        } else if (!dmesgNotes.isEmpty()) {
            out.add("kernel log (dmesg): not readable (" + dmesgNotes.get(0).substring("dmesg:".length()).strip() + ")");
        } else {
            out.add("kernel log (dmesg): no entries");
        }
        if (byOrigin.containsKey("text")) {
            out.add("lines in no known format: " + byOrigin.get("text"));
        }
        logs.notes().stream().filter(n -> !n.startsWith("No journal files") && !n.equals("-- No entries --") && !n.startsWith("dmesg:"))
                .forEach(n -> out.add("note: " + n));
        return out;
    }

    private static final Pattern CTIME = Pattern.compile("^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\\d{1,2}) (\\d\\d:\\d\\d:\\d\\d) \\d{4}$");
    private static final Pattern ISO = Pattern.compile("^\\d{4}-(\\d\\d-\\d\\d)T(\\d\\d:\\d\\d:\\d\\d)(?:[.,]\\d+)?(?:[+-]\\d{2}:?\\d{2}|Z)?$");

    /**
     * A time as printed, shortened for a narrow column: dmesg -T's {@code Thu Dec  3 05:48:51 2026} as
     * {@code Dec 3 05:48:51}, journal's {@code 2026-11-25T07:01:02+0000} as {@code 11-25 07:01:02}; others as printed.
     */
    public static String shortTime(String printed) {
        java.util.regex.Matcher m = CTIME.matcher(printed.strip());
        if (m.matches()) {
            return m.group(1) + " " + m.group(2) + " " + m.group(3);
        }
        m = ISO.matcher(printed.strip());
        if (m.matches()) {
            return m.group(1) + " " + m.group(2);
        }
        return printed;
    }

    private static String entries(long n) {
        return n + (n == 1 ? " entry" : " entries");
    }

    private static String source(LogsReport.LogEntry e) {
        return e.source().orElse(e.origin());
    }

    static int rank(String severity) {
        int i = SEVERITY_ORDER.indexOf(severity);
        return i < 0 ? SEVERITY_ORDER.size() : i;
    }

    private static int flagRank(Group g) {
        return g.flags().isEmpty() ? FLAG_ORDER.size() : FLAG_ORDER.indexOf(g.flags().get(0));
    }
}
