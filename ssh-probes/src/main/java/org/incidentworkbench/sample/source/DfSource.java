package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.labelled;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code df -Pk} joined with {@code df -Pi} by mount point, only every {@code df_every}-th frame (two processes,
 * about 1.7 ms; filesystems fill in minutes, not seconds). {@code df -l} (local filesystems only) is used where
 * supported, so a hung NFS mount cannot stall the loop. Zero-size pseudo filesystems are skipped; label
 * {@code mount}.
 */
public final class DfSource implements ProcSource<List<DfSource.FsUsage>> {

    public static final String FS_USED_PCT = "fs.used_pct";
    public static final String FS_INODES_USED_PCT = "fs.inodes_used_pct";
    public static final String FS_USED_BYTES = "fs.used_bytes";
    public static final String FS_SIZE_BYTES = "fs.size_bytes";
    public static final String MOUNT = "mount";

    static final String SPACE = "df -Pk";
    static final String INODES = "df -Pi";

    /**
     * One filesystem of {@code df -Pk}, with {@code df -Pi}'s inode counts when it printed them (some filesystems,
     * btrfs among them, report zero inodes: then the inode fields are empty).
     */
    public record FsUsage(String filesystem, String mount, long sizeKib, long usedKib, long availableKib,
                          OptionalLong inodes, OptionalLong inodesUsed) {
    }

    @Override
    public ShellPart shell() {
        // $L ("l" where df -l works) is also reported in the greeting's df_local
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put(SPACE, "df -Pk$L 2>/dev/null");
        sections.put(INODES, "df -Pi$L 2>/dev/null");
        return new ShellPart(List.of(), "L=; df -Pkl / >/dev/null 2>&1 && L=l", "", sections);
    }

    @Override
    public boolean required() {
        return false; // only every df_every-th frame has it
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                labelled(FS_USED_PCT, MOUNT, "%", 2, "space used as df -P counts it: used / (used + available)"),
                labelled(FS_INODES_USED_PCT, MOUNT, "%", 2, "inodes used (df -Pi IUse%)"),
                labelled(FS_USED_BYTES, MOUNT, "bytes", 0, "space used (df -P Used x 1024)"),
                labelled(FS_SIZE_BYTES, MOUNT, "bytes", 0, "filesystem size (df -P 1024-blocks x 1024)"));
    }

    @Override
    public List<FsUsage> read(Sections frame) {
        Map<String, FsUsage> filesystems = new LinkedHashMap<>();
        boolean present = frame.forEachLine(SPACE, (from, to) -> {
            DfRow row = row(frame, from, to, SPACE);
            if (row != null && row.total > 0) {
                filesystems.put(row.mount, new FsUsage(row.filesystem, row.mount, row.total, row.used, row.free,
                        OptionalLong.empty(), OptionalLong.empty()));
            }
        });
        if (!present) {
            return null;
        }
        frame.forEachLine(INODES, (from, to) -> {
            DfRow row = row(frame, from, to, INODES);
            FsUsage fs = row == null ? null : filesystems.get(row.mount);
            if (fs != null && row.total > 0) {
                filesystems.put(row.mount, new FsUsage(fs.filesystem(), fs.mount(), fs.sizeKib(), fs.usedKib(),
                        fs.availableKib(), OptionalLong.of(row.total), OptionalLong.of(row.used)));
            }
        });
        return List.copyOf(filesystems.values());
    }

    @Override
    public void gauges(List<FsUsage> now, MetricOut out) {
        for (FsUsage fs : now) {
            out.add(FS_SIZE_BYTES, MOUNT, fs.mount(), fs.sizeKib() * 1024.0);
            out.add(FS_USED_BYTES, MOUNT, fs.mount(), fs.usedKib() * 1024.0);
            long capacity = fs.usedKib() + fs.availableKib();
            if (capacity > 0) {
                out.add(FS_USED_PCT, MOUNT, fs.mount(), 100.0 * fs.usedKib() / capacity);
            }
            if (fs.inodes().isPresent() && fs.inodesUsed().isPresent() && fs.inodes().getAsLong() > 0) {
                out.add(FS_INODES_USED_PCT, MOUNT, fs.mount(), 100.0 * fs.inodesUsed().getAsLong() / fs.inodes().getAsLong());
            }
        }
    }

    private record DfRow(String filesystem, long total, long used, long free, String mount) {
    }

    /** {@code FS TOTAL USED FREE PCT MOUNT}, where FS and MOUNT may hold spaces; null for the header. */
    private static DfRow row(Sections frame, int from, int to, String section) {
        String line = new String(frame.text().substring(from, to).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (line.startsWith("Filesystem")) {
            return null;
        }
        String[] t = line.trim().split("\\s+");
        for (int i = 4; i < t.length - 1; i++) {
            if ((t[i].endsWith("%") || t[i].equals("-")) && isDigits(t[i - 1]) && isDigits(t[i - 2]) && isDigits(t[i - 3])) {
                String mount = line.substring(nthTokenEnd(line, i)).strip();
                String fs = String.join(" ", Arrays.copyOfRange(t, 0, i - 3));
                return new DfRow(fs, Long.parseLong(t[i - 3]), Long.parseLong(t[i - 2]), Long.parseLong(t[i - 1]), mount);
            }
        }
        frame.warning("Frame " + frame.sequence() + ": the " + section + " line '" + line.strip() + "' does not read.");
        return null;
    }

    /** The index just after the {@code n}-th (0-based) whitespace-separated token. */
    private static int nthTokenEnd(String line, int n) {
        int pos = 0;
        int len = line.length();
        for (int k = 0; k <= n; k++) {
            while (pos < len && Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
            while (pos < len && !Character.isWhitespace(line.charAt(pos))) {
                pos++;
            }
        }
        return pos;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
