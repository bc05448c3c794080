package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ps} tables by their header, whatever the column set: the probe's
 * {@code ps -ww -eo pid,ppid,user,stat,pcpu,pmem,rss,vsz,etimes,comm,args}, and pasted {@code ps aux},
 * {@code ps -ef}, {@code ps -eF}, {@code ps -eo ...}.
 *
 * <p>Invocation (probe {@code ps}, under {@code LC_ALL=C}). Sample (procps-ng 4.0.2, Debian 12):
 * <pre>
 *     PID    PPID USER     STAT %CPU %MEM   RSS    VSZ ELAPSED COMMAND         COMMAND
 *       1       0 root     S     0.0  0.0  3104   4360       2 busy.sh         /bin/bash /usr/local/bin/loadgen.sh
 *       6       1 root     R    86.6  0.0  1724   2920       2 yes             yes
 *     175       9 root     Z     0.0  0.0     0      0       2 python3         [python3] &lt;defunct&gt;
 * </pre>
 *
 * <p>Record: {@link PsReport}; RSS and VSZ become bytes (ps prints KiB), {@code etimes} seconds. Header
 * names map to fields in one table ({@link #FIELDS}); unknown columns land in {@code other}. Free-text columns
 * ({@code COMMAND}, {@code CMD}, {@code ARGS}, {@code STARTED}) may hold spaces: the word columns before and
 * after them are read as words, and the free-text ones split the middle by the header's start positions
 * (shifted when a long value pushes the row right), so a {@code comm} such as {@code Web Content} stays whole.
 * With two COMMAND columns the first is {@code comm} and the second {@code args}; a single COMMAND/CMD is
 * the command line. {@code ?} and {@code -} become empty.
 *
 * <p>Checked against procps-ng 4.0.2 (Debian 12) and 3.3.10 (CentOS 7). BSD/macOS {@code ps} (with
 * {@code TT}, {@code STARTED}, numeric UIDs in {@code -ef}) parses on a best-effort basis with a warning.
 * Text without a header naming {@code PID} is unrecognised.
 */
public final class PsParser implements OutputParser<PsReport> {

    private static final ParserInfo INFO = new ParserInfo("ps",
            List.of("ps -ww -eo pid,ppid,user,stat,pcpu,pmem,rss,vsz,etimes,comm,args", "ps aux", "ps -ef", "ps -eo ..."),
            List.of("linux"), "processes; top by CPU and RSS; zombies; D state");

    /** Header (as procps prints it) to field; the one place renames live, as in jc's top.py. */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("PID", "pid"), Map.entry("PPID", "ppid"),
            Map.entry("USER", "user"), Map.entry("UID", "user"), Map.entry("RUSER", "user"), Map.entry("EUSER", "user"),
            Map.entry("STAT", "state"), Map.entry("S", "state"),
            Map.entry("%CPU", "cpu"), Map.entry("C", "cpu"), Map.entry("%MEM", "mem"),
            Map.entry("RSS", "rss"), Map.entry("RSZ", "rss"), Map.entry("VSZ", "vsz"), Map.entry("VSIZE", "vsz"),
            Map.entry("ELAPSED", "elapsed"),
            Map.entry("TTY", "tty"), Map.entry("TT", "tty"),
            Map.entry("START", "started"), Map.entry("STIME", "started"), Map.entry("STARTED", "started"),
            Map.entry("TIME", "time"),
            Map.entry("COMMAND", "command"), Map.entry("CMD", "command"), Map.entry("ARGS", "command"),
            Map.entry("COMM", "comm"),
            Map.entry("LWP", "tid"), Map.entry("SPID", "tid"), Map.entry("TID", "tid"),
            Map.entry("NLWP", "threads"), Map.entry("THCNT", "threads"));

    private static final Set<String> KNOWN = Set.copyOf(FIELDS.values());
    private static final Set<String> FREE_TEXT = Set.of("COMMAND", "CMD", "ARGS", "COMM", "STARTED");

    /**
     * The tree procps draws before a command with {@code f}/{@code --forest}: per level above the parent four
     * characters ({@code " |  "} or spaces), then {@code " \_ "}. Seen from the command's first non-space.
     */
    private static final Pattern FOREST = Pattern.compile("^(?:\\|\\s+)*\\\\_ ");

    @Override
    public boolean hasData(PsReport value) {
        return !value.processes().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        if (ProcPs.applies(Sections.split(text))) {
            return true;
        }
        List<String> lines = TextTable.nonBlankLines(TextTable.stripPrompt(text));
        if (lines.isEmpty()) {
            return false;
        }
        List<String> h = TextTable.words(lines.get(0));
        return h.contains("PID") && (h.contains("COMMAND") || h.contains("CMD") || h.contains("ARGS") || h.contains("COMM"))
                && !h.contains("PR") && !h.contains("VIRT");
    }

    /** BSD ps aux names its columns TT and STARTED; BSD ps -ef prints "??" for no terminal where procps prints "?". */
    private static boolean looksLikeBsd(List<String> header, List<String> rows) {
        return header.contains("TT") && header.contains("STARTED")
                || header.contains("STIME") && rows.stream().anyMatch(l -> l.contains(" ?? "));
    }

    @Override
    public ParseOutcome<PsReport> parse(String text) {
        Map<String, String> parts = Sections.split(text);
        if (ProcPs.applies(parts)) {
            return ProcPs.parse(parts, new ArrayList<>());
        }
        List<String> lines = TextTable.nonBlankLines(parts.size() == 1 ? text : Sections.main(parts));
        if (lines.isEmpty()) {
            return ParseOutcome.parsed(new PsReport(List.of()));
        }
        int headerAt = -1;
        for (int i = 0; i < Math.min(lines.size(), 5); i++) {
            if (TextTable.words(lines.get(i)).contains("PID")) {
                headerAt = i;
                break;
            }
        }
        if (headerAt < 0) {
            return ParseOutcome.unrecognised("no ps header naming PID found in the first lines");
        }
        List<String> warnings = new ArrayList<>();
        List<TextTable.Column> header = TextTable.columns(lines.get(headerAt));
        List<String> keys = new ArrayList<>();
        boolean[] free = new boolean[header.size()];
        int commands = 0;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).name();
            free[i] = FREE_TEXT.contains(name);
            if (FIELDS.getOrDefault(name, "").equals("command")) {
                commands++;
            }
            keys.add(FIELDS.getOrDefault(name, name));
        }
        if (commands == 2) {
            keys.set(keys.indexOf("command"), "comm");
        }
        boolean bsd = looksLikeBsd(TextTable.words(lines.get(headerAt)), lines.subList(headerAt + 1, lines.size()));
        if (bsd) {
            warnings.add("this looks like BSD/macOS ps; read on a best-effort basis, checked on Linux only");
        }
        boolean threads = keys.contains("tid");
        boolean forest = false;
        List<PsReport.ProcessRow> rows = new ArrayList<>();
        for (String line : lines.subList(headerAt + 1, lines.size())) {
            List<String> cells = new ArrayList<>(TextTable.splitByHeader(line, header, free));
            Optional<Integer> depth = Optional.empty();
            for (int i = 0; i < cells.size(); i++) {
                Matcher m = free[i] ? FOREST.matcher(cells.get(i)) : null;
                if (m != null && m.lookingAt()) {
                    forest = true;
                    if (i == cells.size() - 1) {
                        depth = Optional.of(depth(line, cells.get(i), m.end()));
                    }
                    cells.set(i, cells.get(i).substring(m.end()).strip());
                }
            }
            Map<String, String> v = new HashMap<>();
            Map<String, String> other = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String key = keys.get(i);
                if (KNOWN.contains(key)) {
                    v.putIfAbsent(key, cells.get(i));
                } else {
                    other.put(key, cells.get(i));
                }
            }
            Optional<Long> pid = Units.longValue(v.get("pid"), "ps PID", warnings);
            if (pid.isEmpty()) {
                warnings.add("ps line \"" + line.strip() + "\" has no PID; skipped");
                continue;
            }
            String at = "ps " + pid.get() + ": ";
            String elapsed = v.get("elapsed");
            rows.add(new PsReport.ProcessRow(pid.get(), Units.longValue(v.get("tid"), at + "LWP", warnings),
                    Units.intValue(v.get("threads"), at + "NLWP", warnings), depth,
                    Units.longValue(v.get("ppid"), at + "PPID", warnings),
                    Units.text(v.get("user")), Units.text(v.get("state")),
                    Units.doubleValue(v.get("cpu"), at + "%CPU", warnings), Units.doubleValue(v.get("mem"), at + "%MEM", warnings),
                    Units.humanBytes(v.get("rss"), Units.KIB, at + "RSS", warnings), Units.humanBytes(v.get("vsz"), Units.KIB, at + "VSZ", warnings),
                    Units.clockSeconds(elapsed, at + "ELAPSED", warnings),
                    Units.text(v.get("tty")), Units.text(v.get("started")), Units.text(v.get("time")),
                    Units.text(v.get("comm")), v.getOrDefault("command", "").strip(), other));
        }
        if (forest) {
            // roots of a forest have no tree before them: depth 0, where a listing without the tree has none
            rows.replaceAll(r -> r.depth().isPresent() || !keys.get(keys.size() - 1).matches("command|comm") ? r : r.atDepth(0));
        }
        return ParseOutcome.parsed(new PsReport(rows, threads), warnings);
    }

    /**
     * The tree level of a row whose last column starts with a forest prefix: the columns are separated by one
     * space, so the prefix runs from the character after that space to the command, four characters a level.
     */
    private static int depth(String line, String cell, int markerLength) {
        int cellStart = line.stripTrailing().length() - cell.length();
        int previousEnd = cellStart;
        while (previousEnd > 0 && Character.isWhitespace(line.charAt(previousEnd - 1))) {
            previousEnd--;
        }
        int prefix = cellStart + markerLength - Math.min(cellStart, previousEnd + 1);
        return Math.max(1, Math.round(prefix / 4f));
    }
}
