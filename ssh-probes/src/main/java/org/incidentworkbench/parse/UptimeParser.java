package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code uptime}, with the probe's extra sections {@code /proc/uptime}, {@code /proc/loadavg}
 * and {@code nproc}; also the first line of {@code w} and {@code top}, which print the same summary.
 *
 * <p>Invocation (probe {@code uptime}): {@code uptime}, then sections {@code /proc/uptime},
 * {@code /proc/loadavg} and {@code nproc}. Samples (procps-ng 4.0.2, Debian 12; procps-ng 3.3 on CentOS 7):
 * <pre>
 *  19:43:05 up 12 min,  0 user,  load average: 0.84, 0.76, 0.36
 *  12:44:19 up 1 day, 23:12,  0 user,  load average: 3.94, 4.43, 2.75
 *  10:25:20 up 16:03,  2 users,  load average: 0.00, 0.01, 0.05
 * #### iw-section: /proc/uptime
 * 734.52 1436.01
 * #### iw-section: /proc/loadavg
 * 0.84 0.76 0.36 2/187 1234
 * #### iw-section: nproc
 * 2
 * </pre>
 *
 * <p>Record: {@link UptimeReport}. The uptime text ({@code 1 day, 23:12}, {@code 12 min}, {@code 5 days})
 * becomes seconds; {@code /proc/uptime} overrides it with the exact value, {@code /proc/loadavg} fills the
 * load when the {@code uptime} line is missing. A user count is absent when the line has none
 * (procps-ng 4 without utmp). BSD/macOS ({@code load averages: 5.63 7.26 3.53}, {@code 3 mins}) is read
 * with a warning; text with no {@code load average} is unrecognised.
 */
public final class UptimeParser implements OutputParser<UptimeReport> {

    private static final ParserInfo INFO = new ParserInfo("uptime",
            List.of("uptime", "cat /proc/uptime", "cat /proc/loadavg", "nproc"),
            List.of("linux"), "uptime, users, load 1/5/15, cores");

    static final Pattern LINE = Pattern.compile(
            "^\\s*(?:top - )?(\\S+)\\s+up\\s+(.*?),\\s+(?:(\\d{1,9})\\s+users?,\\s+)?load averages?:\\s*"
                    + "([\\d.,]+?),?\\s+([\\d.,]+?),?\\s+([\\d.,]+)\\s*$");
    private static final Pattern LOADAVG = Pattern.compile("^\\s*([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+(\\d+)/(\\d+)(?:\\s+\\d+)?\\s*$");

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = TextTable.nonBlankLines(Sections.split(TextTable.stripPrompt(text)).getOrDefault("", ""));
        return !lines.isEmpty() && lines.size() <= 2 && LINE.matcher(lines.get(0)).matches()
                && !lines.get(0).contains("top -");
    }

    @Override
    public ParseOutcome<UptimeReport> parse(String text) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> parts = Sections.split(TextTable.stripPrompt(text));
        UptimeReport report = UptimeReport.empty();
        boolean recognised = false;
        List<String> main = TextTable.nonBlankLines(parts.getOrDefault("", ""));
        if (!main.isEmpty()) {
            Optional<UptimeReport> line = parseLine(main.get(0), warnings);
            if (line.isEmpty()) {
                return ParseOutcome.unrecognised("the first line is not uptime's \"HH:MM:SS up ..., load average: ...\"");
            }
            report = line.get();
            recognised = true;
        }
        String procUptime = parts.get("/proc/uptime");
        if (procUptime != null && !procUptime.isBlank()) {
            List<String> w = TextTable.words(procUptime);
            Optional<Double> seconds = Units.doubleValue(w.get(0), "/proc/uptime", warnings);
            if (seconds.isPresent()) {
                UptimeReport r = report;
                report = new UptimeReport(r.time(), seconds.map(s -> (long) Math.floor(s)), r.users(), r.load1(),
                        r.load5(), r.load15(), r.cpuCores(), r.runnableEntities(), r.totalEntities());
                recognised = true;
            }
        }
        String loadavg = parts.get("/proc/loadavg");
        if (loadavg != null && !loadavg.isBlank()) {
            Matcher m = LOADAVG.matcher(loadavg.strip());
            if (m.matches()) {
                UptimeReport r = report;
                report = new UptimeReport(r.time(), r.uptimeSeconds(), r.users(),
                        r.load1().or(() -> Units.doubleValue(m.group(1), "/proc/loadavg load1", warnings)),
                        r.load5().or(() -> Units.doubleValue(m.group(2), "/proc/loadavg load5", warnings)),
                        r.load15().or(() -> Units.doubleValue(m.group(3), "/proc/loadavg load15", warnings)),
                        r.cpuCores(), Units.intValue(m.group(4), "/proc/loadavg runnable", warnings),
                        Units.intValue(m.group(5), "/proc/loadavg total", warnings));
                recognised = true;
            } else {
                warnings.add("/proc/loadavg is \"" + loadavg.strip() + "\", not \"L1 L5 L15 R/T PID\"; ignored");
            }
        }
        String nproc = parts.get("nproc");
        if (nproc != null && !nproc.isBlank()) {
            Optional<Integer> cores = Units.intValue(nproc.strip(), "nproc", warnings);
            UptimeReport r = report;
            report = new UptimeReport(r.time(), r.uptimeSeconds(), r.users(), r.load1(), r.load5(), r.load15(),
                    cores, r.runnableEntities(), r.totalEntities());
            recognised |= cores.isPresent();
        }
        if (!recognised && !text.isBlank()) {
            return ParseOutcome.unrecognised("no uptime line and no /proc/uptime, /proc/loadavg or nproc section");
        }
        return ParseOutcome.parsed(report, warnings);
    }

    /** Reads the summary line {@code uptime}, {@code w} and {@code top} print, or empty when it is not one. */
    static Optional<UptimeReport> parseLine(String line, List<String> warnings) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (line.contains("load averages:")) {
            warnings.add("this looks like BSD/macOS uptime (\"load averages:\"); read on a best-effort basis, checked on Linux only");
        }
        return Optional.of(new UptimeReport(Optional.of(m.group(1)), uptimeSeconds(m.group(2), warnings),
                Optional.ofNullable(m.group(3)).map(Integer::parseInt),
                // a decimal comma (a German locale's "0,84, 0,76, 0,36") is read as a point by Units
                Units.doubleValue(m.group(4), "load1", warnings),
                Units.doubleValue(m.group(5), "load5", warnings),
                Units.doubleValue(m.group(6), "load15", warnings),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static final Pattern PART = Pattern.compile(
            "(\\d{1,9}):(\\d{1,9})|(\\d{1,9})\\s*(days?|d|hrs?|hours?|h|mins?|minutes?|m|secs?|seconds?|s)\\b");

    /** {@code 1 day, 23:12}, {@code 12 min}, {@code 16:03}, {@code 3 mins}, {@code 2 days,  3 hrs} as seconds. */
    static Optional<Long> uptimeSeconds(String text, List<String> warnings) {
        Matcher m = PART.matcher(text);
        long total = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            if (m.group(1) != null) {
                total += Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60;
            } else {
                long n = Long.parseLong(m.group(3));
                char unit = m.group(4).charAt(0);
                total += n * switch (unit) {
                    case 'd' -> 86400;
                    case 'h' -> 3600;
                    case 'm' -> 60;
                    default -> 1;
                };
            }
        }
        if (!any) {
            warnings.add("uptime \"" + text + "\" is not a duration uptime prints; left empty");
            return Optional.empty();
        }
        return Optional.of(total);
    }
}
