package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code df}: the triage probe's {@code df -PTk} with a {@code df -Pi} section, and what users
 * paste: {@code df}, {@code df -h}, {@code df -T}, {@code df -i}, {@code df -hT}, {@code df -m}.
 *
 * <p>Invocation (probe {@code df}, under {@code LC_ALL=C}): {@code df -PTk}, then a marker line
 * {@code #### iw-section: df -Pi} and {@code df -Pi}. Sample (coreutils 9.1, Debian 12):
 * <pre>
 * Filesystem              Type     1024-blocks     Used Available Capacity Mounted on
 * /dev/vda                ext4       264212084 23001716  83389196      22% /
 * tmpfs                   tmpfs       24683656        0  24683656       0% /dev/shm
 * #### iw-section: df -Pi
 * Filesystem                Inodes  IUsed    IFree IUse% Mounted on
 * /dev/vda                16777216 412290 16364926    3% /
 * </pre>
 *
 * <p>Record: {@link DfReport}, sizes in bytes from the header's block size ({@code 1K-blocks},
 * {@code 1024-blocks}, {@code 512-blocks}, {@code 1M-blocks}) or, under {@code Size}/{@code Avail},
 * from the human suffix (binary: {@code 1.9G} is 1.9 GiB, as coreutils means it). Inode rows are
 * merged into the space rows with the same mount point; {@code df --total}'s {@code total} row becomes
 * {@link DfReport#total()}, not a filesystem. {@code -} (inodes on btrfs, vfat) becomes an
 * empty value. A device name too long for its column, which non-POSIX {@code df} prints on a line of
 * its own, is joined with the next line. Filesystem and mount point may contain spaces: the numeric
 * run in the middle separates them.
 *
 * <p>Checked against coreutils 9.1 (Debian 12) and 8.22 (CentOS 7). BSD/macOS {@code df} (with its
 * {@code iused}/{@code ifree} columns and {@code Gi} suffixes) is read on a best-effort basis with a
 * warning. Text without a {@code Filesystem ... Mounted on} header is unrecognised.
 */
public final class DfParser implements OutputParser<DfReport> {

    private static final ParserInfo INFO = new ParserInfo("df",
            List.of("df -PTk", "df -Pi", "df", "df -h", "df -T", "df -i", "df -P"),
            List.of("linux"), "filesystems: type, size, used, available, use %, inode use %");

    private static final Pattern BLOCKS = Pattern.compile("(\\d{1,9})([KMGT]?)-blocks", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC = Pattern.compile("-|\\d+(?:[.,]\\d+)?(?:[KMGTPEkmgtpe]i?[Bb]?|Bi?|b)?%?");

    @Override
    public boolean hasData(DfReport value) {
        return !value.filesystems().isEmpty() || value.total().isPresent();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        for (String line : TextTable.nonBlankLines(text)) {
            if (line.startsWith("Filesystem") && line.contains("Mounted on")) {
                return true;
            }
        }
        return false;
    }

    private enum Kind { SIZE, USED, AVAIL, PERCENT, INODES, IUSED, IFREE, IPERCENT, TYPE, OTHER }

    /** One row's raw cells as printed, before conversion. */
    record Row(String filesystem, Map<Kind, String> cells, String mountedOn) {
    }

    @Override
    public ParseOutcome<DfReport> parse(String text) {
        List<String> warnings = new ArrayList<>();
        List<DfReport.Filesystem> merged = new ArrayList<>();
        boolean sawHeader = false;
        boolean sawText = false;
        for (Map.Entry<String, String> part : Sections.split(text).entrySet()) {
            List<String> lines = TextTable.nonBlankLines(part.getValue());
            int i = 0;
            while (i < lines.size()) {
                String line = lines.get(i);
                sawText = true;
                if (!(line.startsWith("Filesystem") && line.contains("Mounted"))) {
                    i++;
                    continue;
                }
                sawHeader = true;
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("Filesystem")) {
                    end++;
                }
                readTable(line, lines.subList(i + 1, end), merged, warnings);
                i = end;
            }
        }
        if (!sawHeader) {
            return sawText
                    ? ParseOutcome.unrecognised("no df header (\"Filesystem ... Mounted on\") found")
                    : ParseOutcome.parsed(new DfReport(List.of()));
        }
        // df --total's last row sums the others: kept as the total, never counted or ranked as a filesystem
        Optional<DfReport.Filesystem> total = Optional.empty();
        if (!merged.isEmpty() && isTotal(merged.get(merged.size() - 1))) {
            total = Optional.of(merged.remove(merged.size() - 1));
        }
        return ParseOutcome.parsed(new DfReport(merged, total), warnings);
    }

    private static boolean isTotal(DfReport.Filesystem f) {
        return f.filesystem().equals("total") && f.mountedOn().equals("-");
    }

    private static void readTable(String header, List<String> rows, List<DfReport.Filesystem> out, List<String> warnings) {
        List<String> names = new ArrayList<>(TextTable.words(header.substring(0, header.indexOf("Mounted"))));
        names.remove(0); // Filesystem
        List<Kind> kinds = new ArrayList<>();
        long sizeUnit = 0; // 0: human suffixes
        boolean bsd = false;
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            Matcher m = BLOCKS.matcher(name);
            if (m.matches()) {
                long unit = Long.parseLong(m.group(1));
                switch (m.group(2).toUpperCase(Locale.ROOT)) {
                    case "K" -> unit *= Units.KIB;
                    case "M" -> unit *= Units.MIB;
                    case "G" -> unit *= Units.MIB * Units.KIB;
                    case "T" -> unit *= Units.MIB * Units.MIB;
                    default -> { }
                }
                sizeUnit = unit;
                kinds.add(Kind.SIZE);
            } else {
                kinds.add(switch (n) {
                    case "size" -> Kind.SIZE;
                    case "used" -> Kind.USED;
                    case "available", "avail" -> Kind.AVAIL;
                    case "use%", "capacity" -> Kind.PERCENT;
                    case "inodes" -> Kind.INODES;
                    case "iused" -> Kind.IUSED;
                    case "ifree" -> Kind.IFREE;
                    case "iuse%", "%iused" -> Kind.IPERCENT;
                    case "type" -> Kind.TYPE;
                    default -> Kind.OTHER;
                });
                if (name.equals("iused") || name.equals("%iused")) {
                    bsd = true;
                }
            }
        }
        if (bsd) {
            warnings.add("this looks like BSD/macOS df (iused/ifree columns); it was read on a best-effort basis, checked on Linux only");
        }
        int typeIndex = kinds.indexOf(Kind.TYPE);
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            // non-POSIX df prints a long device name alone on its line and the numbers on the next
            if (TextTable.words(row).size() == 1 && r + 1 < rows.size() && Character.isWhitespace(rows.get(r + 1).charAt(0))) {
                row = row.strip() + " " + rows.get(++r).strip();
            }
            Optional<Row> parsed = splitRow(row, kinds, typeIndex);
            if (parsed.isEmpty()) {
                warnings.add("df line \"" + row.strip() + "\" does not have the header's " + (kinds.size() + 2) + " columns; skipped");
                continue;
            }
            merge(out, convert(parsed.get(), sizeUnit, warnings));
        }
    }

    /** Finds the run of numeric cells; what is left of it is the device (and type), right of it the mount. */
    private static Optional<Row> splitRow(String row, List<Kind> kinds, int typeIndex) {
        List<TextTable.Column> words = TextTable.columns(row);
        int numeric = kinds.size() - (typeIndex >= 0 ? 1 : 0);
        int lead = typeIndex >= 0 ? typeIndex + 1 : 0; // word columns between the device and the numbers (the type)
        for (int start = 1 + lead; start + numeric <= words.size() - 1; start++) {
            boolean all = true;
            for (int k = 0; k < numeric; k++) {
                if (!NUMERIC.matcher(words.get(start + k).name()).matches()) {
                    all = false;
                    break;
                }
            }
            if (!all) {
                continue;
            }
            Map<Kind, String> cells = new java.util.EnumMap<>(Kind.class);
            for (int k = 0; k < kinds.size(); k++) {
                int w = start - lead + k;
                if (kinds.get(k) != Kind.OTHER) {
                    cells.put(kinds.get(k), words.get(w).name());
                }
            }
            String device = row.substring(words.get(0).start(), words.get(start - lead - 1).end());
            String mount = row.substring(words.get(start + numeric).start()).strip();
            return Optional.of(new Row(device, cells, mount));
        }
        return Optional.empty();
    }

    private static DfReport.Filesystem convert(Row row, long sizeUnit, List<String> warnings) {
        String at = "df " + row.mountedOn() + ": ";
        Map<Kind, String> c = row.cells();
        java.util.function.BiFunction<Kind, String, Optional<Long>> size = (kind, label) -> {
            String raw = c.get(kind);
            if (raw == null) {
                return Optional.empty();
            }
            return sizeUnit == 0
                    ? Units.humanBytes(raw, Units.KIB, at + label, warnings)
                    : Units.longValue(raw, at + label, warnings).map(v -> v * sizeUnit);
        };
        java.util.function.BiFunction<Kind, String, Optional<Long>> count = (kind, label) -> {
            String raw = c.get(kind);
            if (raw == null) {
                return Optional.empty();
            }
            // plain counts exactly (BSD's ifree is near Long.MAX_VALUE); df -hi's 3.0M through the size reader
            return raw.chars().allMatch(Character::isDigit) ? Units.longValue(raw, at + label, warnings)
                    : Units.humanBytes(raw, 1, at + label, warnings);
        };
        java.util.function.BiFunction<Kind, String, Optional<Integer>> pct = (kind, label) -> {
            String raw = c.get(kind);
            return raw == null ? Optional.empty() : Units.percent(raw, at + label, warnings);
        };
        return new DfReport.Filesystem(row.filesystem(), Optional.ofNullable(c.get(Kind.TYPE)),
                size.apply(Kind.SIZE, "size"), size.apply(Kind.USED, "used"), size.apply(Kind.AVAIL, "available"),
                pct.apply(Kind.PERCENT, "use%"),
                count.apply(Kind.INODES, "inodes"), count.apply(Kind.IUSED, "inodes used"),
                count.apply(Kind.IFREE, "inodes free"), pct.apply(Kind.IPERCENT, "inode use%"),
                row.mountedOn());
    }

    /** Adds a row, or fills the empty fields of the earlier row with the same mount and device. */
    private static void merge(List<DfReport.Filesystem> out, DfReport.Filesystem f) {
        for (int i = 0; i < out.size(); i++) {
            DfReport.Filesystem o = out.get(i);
            boolean complementary = o.mountedOn().equals(f.mountedOn()) && o.filesystem().equals(f.filesystem())
                    && (o.inodes().isEmpty() && o.inodesUsed().isEmpty() && f.sizeBytes().isEmpty()
                        || o.sizeBytes().isEmpty() && f.inodes().isEmpty() && f.inodesUsed().isEmpty());
            if (complementary) {
                out.set(i, new DfReport.Filesystem(o.filesystem(), o.type().or(f::type),
                        o.sizeBytes().or(f::sizeBytes), o.usedBytes().or(f::usedBytes),
                        o.availableBytes().or(f::availableBytes), o.usedPercent().or(f::usedPercent),
                        o.inodes().or(f::inodes), o.inodesUsed().or(f::inodesUsed), o.inodesFree().or(f::inodesFree),
                        o.inodesUsedPercent().or(f::inodesUsedPercent), o.mountedOn()));
                return;
            }
        }
        out.add(f);
    }
}
