package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code w}, and {@code who -u} where procps' {@code w} is missing.
 *
 * <p>Invocation (probe {@code w}): {@code w}; when it is missing, part {@code ""} is empty and a section
 * {@code who -u} follows. Samples (procps-ng 4.0.2, Debian 12; procps-ng 3.3 on CentOS 7; coreutils 9.1 who):
 * <pre>
 *  10:25:20 up 16:03,  2 users,  load average: 0.00, 0.01, 0.05
 * USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT
 * kbrazil  ttyS0                     Fri18   32:16   2.66s  2.66s -bash
 * kbrazil  pts/0    192.168.71.1     09:53    8.00s  0.10s  0.00s w
 * #### iw-section: who -u
 * root     pts/0        2026-11-25 07:01   .          1234 (10.0.0.1)
 * </pre>
 *
 * <p>Record: {@link WReport}. The FROM column is blank for local logins, so whether a row has one is
 * read from the header's position, not from the word count. Idle times become seconds following procps'
 * {@code print_time_ival7}: {@code 8.00s} seconds, {@code 32:16} minutes:seconds, {@code 1:05m}
 * hours:minutes, {@code 2days}; who's {@code .} is under a minute and {@code old} over a day.
 * {@code w -s} and {@code w -f} (fewer columns) are read by their header. BSD/macOS {@code w} parses with a
 * warning (its {@code -} FROM means none). Text with neither {@code w}'s header nor {@code who} rows is
 * unrecognised.
 */
public final class WParser implements OutputParser<WReport> {

    private static final ParserInfo INFO = new ParserInfo("w", List.of("w", "who -u"), List.of("linux"),
            "logged-in users: user, tty, from, login, idle, what");

    private static final Pattern WHO = Pattern.compile(
            "^(\\S+)\\s+(\\S+)\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d|[A-Z][a-z]{2}\\s+\\d+\\s+\\d\\d:\\d\\d)"
                    + "\\s+(\\S+)\\s+(\\d{1,10})(?:\\s+\\((.*)\\))?\\s*$");

    @Override
    public boolean hasData(WReport value) {
        return value.summary().isPresent() || !value.sessions().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        for (String line : TextTable.nonBlankLines(text)) {
            if (line.startsWith("USER") && line.contains("TTY") && (line.contains("IDLE") || line.contains("WHAT"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParseOutcome<WReport> parse(String text) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> parts = Sections.split(TextTable.stripPrompt(text));
        List<String> lines = TextTable.nonBlankLines(Sections.main(parts));
        String who = parts.get("who -u");
        if (lines.isEmpty() && who != null) {
            return parseWho(who, warnings);
        }
        if (lines.isEmpty()) {
            return ParseOutcome.parsed(new WReport(Optional.empty(), List.of(), "w"));
        }
        Optional<UptimeReport> summary = Optional.empty();
        int i = 0;
        if (UptimeParser.LINE.matcher(lines.get(0)).matches()) {
            summary = UptimeParser.parseLine(lines.get(0), warnings);
            i = 1;
        }
        if (i >= lines.size()) {
            return ParseOutcome.parsed(new WReport(summary, List.of(), "w"), warnings);
        }
        String header = lines.get(i);
        if (!header.startsWith("USER") || !header.contains("TTY")) {
            if (summary.isEmpty() && lines.stream().allMatch(l -> WHO.matcher(l).matches())) {
                return parseWho(String.join("\n", lines), warnings);
            }
            return ParseOutcome.unrecognised("no w header (\"USER TTY ... WHAT\") found");
        }
        List<TextTable.Column> cols = TextTable.columns(header);
        int fromIdx = indexOf(cols, "FROM");
        int loginIdx = indexOf(cols, "LOGIN@");
        List<WReport.Session> sessions = new ArrayList<>();
        for (String row : lines.subList(i + 1, lines.size())) {
            boolean hasFrom = fromIdx >= 0;
            if (hasFrom && fromIdx + 1 < cols.size()) {
                int a = Math.min(row.length(), cols.get(fromIdx).start());
                int b = Math.min(row.length(), cols.get(fromIdx + 1).start() - 1);
                hasFrom = a < b && !row.substring(a, b).isBlank();
            }
            List<String> names = new ArrayList<>();
            for (TextTable.Column c : cols) {
                if (!c.name().equals("FROM") || hasFrom) {
                    names.add(c.name());
                }
            }
            List<String> cells = TextTable.split(row, names.size());
            if (cells.size() < Math.min(names.size(), 2)) {
                warnings.add("w line \"" + row.strip() + "\" has too few columns; skipped");
                continue;
            }
            Map<String, String> v = new java.util.HashMap<>();
            for (int k = 0; k < cells.size(); k++) {
                v.put(names.get(k), cells.get(k));
            }
            String idle = v.get("IDLE");
            String at = "w " + v.get("USER") + " " + v.get("TTY") + ": ";
            sessions.add(new WReport.Session(v.get("USER"), v.getOrDefault("TTY", ""), Units.text(v.get("FROM")),
                    Units.text(v.get(loginIdx >= 0 ? "LOGIN@" : "")), Units.text(idle), idleSeconds(idle, at + "idle", warnings),
                    Units.text(v.get("JCPU")), Units.text(v.get("PCPU")), Units.text(v.get("WHAT")), Optional.empty()));
        }
        return ParseOutcome.parsed(new WReport(summary, sessions, "w"), warnings);
    }

    private static ParseOutcome<WReport> parseWho(String text, List<String> warnings) {
        List<WReport.Session> sessions = new ArrayList<>();
        for (String line : TextTable.nonBlankLines(text)) {
            Matcher m = WHO.matcher(line);
            if (!m.matches()) {
                warnings.add("who line \"" + line.strip() + "\" is not \"USER LINE DATE TIME IDLE PID (FROM)\"; skipped");
                continue;
            }
            String idle = m.group(4);
            sessions.add(new WReport.Session(m.group(1), m.group(2), Optional.ofNullable(m.group(6)).filter(s -> !s.isBlank()),
                    Optional.of(m.group(3)), Optional.of(idle), idleSeconds(idle, "who " + m.group(1) + " idle", warnings),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Long.parseLong(m.group(5)))));
        }
        return ParseOutcome.parsed(new WReport(Optional.empty(), sessions, "who -u"), warnings);
    }

    private static int indexOf(List<TextTable.Column> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static final Pattern DAYS = Pattern.compile("(\\d{1,9})days");
    private static final Pattern MIN_SEC = Pattern.compile("(\\d{1,9}):(\\d\\d)");
    private static final Pattern HOUR_MIN = Pattern.compile("(\\d{1,9}):(\\d\\d)m");
    private static final Pattern SECONDS = Pattern.compile("(\\d{1,9}(?:\\.\\d+)?)s");

    /** Idle time in procps' and who's notations, as seconds. */
    static Optional<Long> idleSeconds(String raw, String field, List<String> warnings) {
        if (raw == null || raw.equals("-") || raw.isBlank()) {
            return Optional.empty();
        }
        if (raw.equals(".")) {
            return Optional.of(0L);
        }
        if (raw.equals("old")) {
            return Optional.of(86400L);
        }
        Matcher m;
        if ((m = DAYS.matcher(raw)).matches()) {
            return Optional.of(Long.parseLong(m.group(1)) * 86400);
        }
        if ((m = HOUR_MIN.matcher(raw)).matches()) {
            return Optional.of(Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60);
        }
        if ((m = MIN_SEC.matcher(raw)).matches()) {
            // w prints mm:ss; who -u prints hh:mm
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(2));
            return Optional.of(field.startsWith("who") ? a * 3600 + b * 60 : a * 60 + b);
        }
        if ((m = SECONDS.matcher(raw)).matches()) {
            return Optional.of((long) Double.parseDouble(m.group(1)));
        }
        warnings.add(field + " is \"" + raw + "\", not an idle time w prints; left empty");
        return Optional.empty();
    }
}
