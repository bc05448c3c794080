package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code free} (procps): {@code free}, {@code free -m}, {@code free -g}, {@code free -b},
 * {@code free -h}, {@code free -w}, and old (procps 3.3.9 and earlier) output with {@code buffers},
 * {@code cached} and the {@code -/+ buffers/cache} line. Not a triage probe (top covers memory); users
 * paste it.
 *
 * <p>Sample (procps-ng 4.0.2, Debian 12, {@code free -m}):
 * <pre>
 *                total        used        free      shared  buff/cache   available
 * Mem:           24105         667       22805          10         884       23437
 * Swap:              0           0           0
 * </pre>
 *
 * <p>Record: {@link FreeReport} in bytes. free's output does not say its unit; a pasted command line
 * ({@code $ free -m}) above the table is honoured, {@code -h} suffixes ({@code 3.7G}, {@code 217Mi}, binary as
 * procps means them) are read as such, and otherwise plain numbers are KiB unless the Mem total is too small
 * to be KiB on a server (under 262144, that is under 256 MiB: then MiB; under 256: GiB), which
 * {@code unitGuessed} records. The guess is wrong only for {@code -m} on hosts with 256 GiB or more, and for
 * {@code -g} below 256 MiB: paste the command line to be exact.
 * Columns are read by header name.
 *
 * <p>Checked against procps-ng 4.0.2 (Debian 12) and 3.3.10 (CentOS 7). BSD has no {@code free};
 * text without the {@code total used free} header and a {@code Mem:} row is unrecognised.
 */
public final class FreeParser implements OutputParser<FreeReport> {

    private static final ParserInfo INFO = new ParserInfo("free", List.of("free", "free -m", "free -h", "free -w"),
            List.of("linux"), "memory and swap: total, used, free, shared, buff/cache, available");

    private static final Pattern COMMAND = Pattern.compile("(?:^|\\s)free((?:\\s+-+[a-z]+)*)");

    @Override
    public boolean hasData(FreeReport value) {
        return value.memTotalBytes().isPresent();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = TextTable.nonBlankLines(text);
        for (int i = 0; i + 1 < lines.size() && i < 3; i++) {
            List<String> h = TextTable.words(lines.get(i));
            if (h.size() >= 3 && h.get(0).equals("total") && h.get(1).equals("used") && lines.get(i + 1).startsWith("Mem:")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParseOutcome<FreeReport> parse(String text) {
        List<String> lines = TextTable.nonBlankLines(Sections.split(text).getOrDefault("", text));
        if (lines.isEmpty()) {
            return ParseOutcome.parsed(new FreeReport(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), "KiB", false));
        }
        List<String> warnings = new ArrayList<>();
        String flags = null;
        int h = -1;
        for (int i = 0; i < lines.size(); i++) {
            List<String> w = TextTable.words(lines.get(i));
            if (!w.isEmpty() && w.get(0).equals("total") && w.contains("used")) {
                h = i;
                break;
            }
            Matcher m = COMMAND.matcher(lines.get(i));
            if (m.find()) {
                flags = m.group(1);
            }
        }
        if (h < 0) {
            return ParseOutcome.unrecognised("no free header (\"total used free ...\") found");
        }
        List<String> header = TextTable.words(lines.get(h));
        Map<String, List<String>> rows = new HashMap<>();
        for (String line : lines.subList(h + 1, lines.size())) {
            List<String> w = TextTable.words(line);
            if (!w.isEmpty() && w.get(0).endsWith(":") && !w.get(0).startsWith("-/+")) {
                rows.put(w.get(0).substring(0, w.get(0).length() - 1), w.subList(1, w.size()));
            }
        }
        List<String> mem = rows.get("Mem");
        if (mem == null) {
            return ParseOutcome.unrecognised("free's table has no Mem: row");
        }
        String unit = "KiB";
        long bytes = Units.KIB;
        boolean guessed = false;
        boolean human = mem.stream().anyMatch(v -> v.matches(".*[A-Za-z]$"));
        if (human) {
            unit = "human";
        } else if (flags != null && !flags.isBlank()) {
            for (String f : flags.strip().split("\\s+")) {
                if (f.matches("-[a-z]*m[a-z]*|--mebi")) {
                    unit = "MiB";
                    bytes = Units.MIB;
                } else if (f.matches("-[a-z]*g[a-z]*|--gibi")) {
                    unit = "GiB";
                    bytes = Units.MIB * Units.KIB;
                } else if (f.matches("-[a-z]*b[a-z]*|--bytes")) {
                    unit = "B";
                    bytes = 1;
                }
            }
        } else if (!mem.isEmpty() && mem.get(0).matches("\\d{1,15}")) {
            long total = Long.parseLong(mem.get(0));
            if (total < 256) {
                unit = "GiB";
                bytes = Units.MIB * Units.KIB;
                guessed = true;
            } else if (total < 262144) {
                unit = "MiB";
                bytes = Units.MIB;
                guessed = true;
            }
        }
        Map<String, Optional<Long>> m = values(header, mem, "Mem", bytes, warnings);
        Map<String, Optional<Long>> s = rows.containsKey("Swap") ? values(header, rows.get("Swap"), "Swap", bytes, warnings) : Map.of();
        Optional<Long> buffers = m.getOrDefault("buffers", Optional.empty());
        Optional<Long> cache = m.getOrDefault("cache", Optional.empty()).or(() -> m.getOrDefault("cached", Optional.empty()));
        Optional<Long> buffCache = m.getOrDefault("buff/cache", Optional.empty())
                .or(() -> buffers.isPresent() && cache.isPresent() ? Optional.of(buffers.get() + cache.get()) : Optional.empty());
        return ParseOutcome.parsed(new FreeReport(m.getOrDefault("total", Optional.empty()), m.getOrDefault("used", Optional.empty()),
                m.getOrDefault("free", Optional.empty()), m.getOrDefault("shared", Optional.empty()), buffers, cache, buffCache,
                m.getOrDefault("available", Optional.empty()), s.getOrDefault("total", Optional.empty()),
                s.getOrDefault("used", Optional.empty()), s.getOrDefault("free", Optional.empty()), unit, guessed), warnings);
    }

    private static Map<String, Optional<Long>> values(List<String> header, List<String> row, String name, long bytes,
                                                      List<String> warnings) {
        Map<String, Optional<Long>> out = new HashMap<>();
        for (int k = 0; k < header.size() && k < row.size(); k++) {
            out.put(header.get(k), Units.humanBytes(row.get(k), bytes, "free " + name + " " + header.get(k), warnings));
        }
        return out;
    }
}
