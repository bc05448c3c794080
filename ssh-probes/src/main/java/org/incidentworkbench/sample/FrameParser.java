package org.incidentworkbench.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.incidentworkbench.sample.ProcSnapshot.CpuTimes;
import org.incidentworkbench.sample.ProcSnapshot.DiskCounters;
import org.incidentworkbench.sample.ProcSnapshot.FsUsage;
import org.incidentworkbench.sample.ProcSnapshot.LoadAverage;
import org.incidentworkbench.sample.ProcSnapshot.MemoryInfo;
import org.incidentworkbench.sample.ProcSnapshot.NetCounters;

/**
 * Reads one {@link StreamEvent.Frame} of the {@link SamplerScript} loop into a raw {@link ProcSnapshot}:
 * structure only, no rates (those are {@link RateCalculator}'s).
 *
 * <p>Sections are {@code ==> NAME <==} lines, as {@code head} prints for several files. What is read:
 * <ul>
 * <li>{@code /proc/uptime}: the first field (seconds since boot, the monotonic clock of the rates);</li>
 * <li>{@code /proc/stat}: the aggregate {@code cpu} line (user nice system idle iowait irq softirq steal; kernels
 *     before 2.6.11 print fewer fields, the missing ones read as 0), {@code ctxt}, {@code btime},
 *     {@code procs_running}, {@code procs_blocked}; per-CPU lines and {@code intr} are skipped;</li>
 * <li>{@code /proc/meminfo}: MemTotal, MemFree, MemAvailable (before 3.14: MemFree + Buffers + Cached),
 *     Cached, SwapTotal, SwapFree (kB, to bytes);</li>
 * <li>{@code /proc/loadavg}: the three averages; {@code /proc/vmstat}: {@code pswpin}, {@code pswpout};</li>
 * <li>{@code /proc/diskstats}: whole disks, device-mapper and md devices (see {@link #isReportedDevice});
 *     lines with fewer than 14 fields (partitions on kernels before 2.6.25) are skipped;</li>
 * <li>{@code /proc/net/dev}: every interface, loopback included;</li>
 * <li>{@code df -Pk} and {@code df -Pi}: joined by mount point; zero-size pseudo filesystems are skipped.</li>
 * </ul>
 * The bash loop sends only the lines read here of {@code /proc/stat}, {@code /proc/meminfo} and
 * {@code /proc/vmstat}; the POSIX sh loop sends whole files: both read the same.
 * A section that is missing or a line that does not read leaves that part empty and adds a sentence to
 * the snapshot's warnings; the parser never throws on remote text.
 *
 * <p>Thread-safe (stateless).
 */
public final class FrameParser {

    /** Partitions (sda1, vdb2, xvda1, nvme0n1p1, mmcblk0p2, md0p1) are inside a reported whole disk. */
    private static final Pattern PARTITION = Pattern.compile("(?:[shv]d|xvd)[a-z]+[0-9]+|(?:nvme[0-9]+n[0-9]+|mmcblk[0-9]+|md[0-9]+|nbd[0-9]+)p[0-9]+");
    /** Loop, RAM disks, floppies and optical drives: snap's loop devices alone would add dozens of idle series. */
    private static final Pattern NOT_REPORTED = Pattern.compile("(?:loop|ram|fd|sr)[0-9]+");

    private FrameParser() {
    }

    /** Parses a frame (the greeting's page size applies to swap in/out). */
    public static ProcSnapshot parse(StreamEvent.Frame frame, long pageSizeBytes) {
        return new Reader(frame).read(pageSizeBytes);
    }

    /**
     * Whether {@code /proc/diskstats}' device is reported: whole disks (sda, vda, xvda, nvme0n1, mmcblk0),
     * device-mapper ({@code dm-0}: LVM, LUKS) and md RAID devices, so that I/O is counted once per device
     * rather than again per partition; loop, ram, fd and sr devices are skipped.
     */
    public static boolean isReportedDevice(String device) {
        return !PARTITION.matcher(device).matches() && !NOT_REPORTED.matcher(device).matches();
    }

    private static final class Reader {
        private final StreamEvent.Frame frame;
        private final String text;
        private final List<String> warnings = new ArrayList<>();
        private OptionalDouble uptime = OptionalDouble.empty();
        private OptionalLong btime = OptionalLong.empty();
        private Optional<CpuTimes> cpu = Optional.empty();
        private OptionalLong ctxt = OptionalLong.empty();
        private OptionalLong running = OptionalLong.empty();
        private OptionalLong blocked = OptionalLong.empty();
        private Optional<LoadAverage> load = Optional.empty();
        private Optional<MemoryInfo> memory = Optional.empty();
        private OptionalLong pswpin = OptionalLong.empty();
        private OptionalLong pswpout = OptionalLong.empty();
        private final List<DiskCounters> disks = new ArrayList<>();
        private final List<NetCounters> nets = new ArrayList<>();
        private final Map<String, FsUsage> filesystems = new LinkedHashMap<>();
        private boolean sawDf;
        private boolean sawDiskstats;
        private boolean sawNetDev;
        private final long[] numbers = new long[20];

        Reader(StreamEvent.Frame frame) {
            this.frame = frame;
            this.text = frame.body();
        }

        ProcSnapshot read(long pageSizeBytes) {
            String section = null;
            int sectionStart = 0;
            int pos = 0;
            int n = text.length();
            while (pos <= n) {
                int eol = text.indexOf('\n', pos);
                if (eol < 0) {
                    eol = n;
                }
                if (text.startsWith("==> ", pos) && eol - pos >= 8 && text.startsWith(" <==", eol - 4)) {
                    if (section != null) {
                        section(section, sectionStart, pos);
                    }
                    section = text.substring(pos + 4, eol - 4);
                    sectionStart = Math.min(n, eol + 1);
                }
                pos = eol + 1;
            }
            if (section != null) {
                section(section, sectionStart, n);
            }
            require(uptime.isPresent(), "/proc/uptime");
            require(cpu.isPresent(), "/proc/stat");
            require(memory.isPresent(), "/proc/meminfo");
            require(load.isPresent(), "/proc/loadavg");
            require(pswpin.isPresent(), "/proc/vmstat");
            require(sawDiskstats, "/proc/diskstats");
            require(sawNetDev, "/proc/net/dev");
            return new ProcSnapshot(frame.sequence(), frame.serverTimeMicros(), uptime, btime, cpu, ctxt, running,
                    blocked, load, memory, pswpin, pswpout, pageSizeBytes, disks, nets,
                    sawDf ? Optional.of(List.copyOf(filesystems.values())) : Optional.empty(), warnings);
        }

        private void require(boolean present, String section) {
            if (!present) {
                warnings.add("Frame " + frame.sequence() + " has no readable " + section + "; its metrics are missing.");
            }
        }

        private void section(String name, int from, int to) {
            switch (name) {
                case "/proc/uptime" -> forEachLine(from, to, this::uptimeLine);
                case "/proc/stat" -> forEachLine(from, to, this::statLine);
                case "/proc/meminfo" -> meminfo(from, to);
                case "/proc/loadavg" -> forEachLine(from, to, this::loadLine);
                case "/proc/vmstat" -> forEachLine(from, to, this::vmstatLine);
                case "/proc/diskstats" -> {
                    sawDiskstats = true;
                    forEachLine(from, to, this::diskLine);
                }
                case "/proc/net/dev" -> {
                    sawNetDev = true;
                    forEachLine(from, to, this::netLine);
                }
                case "df -Pk" -> {
                    sawDf = true;
                    forEachLine(from, to, this::dfLine);
                }
                case "df -Pi" -> forEachLine(from, to, this::dfInodeLine);
                default -> { /* a section a newer loop prints: ignored */ }
            }
        }

        private interface LineHandler {
            void line(int from, int to);
        }

        private void forEachLine(int from, int to, LineHandler handler) {
            int pos = from;
            while (pos < to) {
                int eol = text.indexOf('\n', pos);
                if (eol < 0 || eol > to) {
                    eol = to;
                }
                if (eol > pos) {
                    handler.line(pos, eol);
                }
                pos = eol + 1;
            }
        }

        private void uptimeLine(int from, int to) {
            int sp = indexOf(' ', from, to);
            try {
                uptime = OptionalDouble.of(Double.parseDouble(text.substring(from, sp < 0 ? to : sp)));
            } catch (NumberFormatException e) {
                warn("/proc/uptime", from, to);
            }
        }

        private void statLine(int from, int to) {
            if (text.startsWith("cpu ", from)) {
                int count = longs(from + 4, to, 0);
                if (count < 4) {
                    warn("/proc/stat", from, to);
                    return;
                }
                cpu = Optional.of(new CpuTimes(numbers[0], numbers[1], numbers[2], numbers[3], at(4, count), at(5, count),
                        at(6, count), at(7, count)));
            } else if (text.startsWith("ctxt ", from)) {
                ctxt = single(from + 5, to, "/proc/stat");
            } else if (text.startsWith("btime ", from)) {
                btime = single(from + 6, to, "/proc/stat");
            } else if (text.startsWith("procs_running ", from)) {
                running = single(from + 14, to, "/proc/stat");
            } else if (text.startsWith("procs_blocked ", from)) {
                blocked = single(from + 14, to, "/proc/stat");
            }
        }

        private void meminfo(int from, int to) {
            long[] kb = {-1, -1, -1, -1, -1, -1, -1};
            String[] keys = {"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapTotal:", "SwapFree:"};
            forEachLine(from, to, (a, b) -> {
                for (int k = 0; k < keys.length; k++) {
                    if (kb[k] < 0 && text.startsWith(keys[k], a)) {
                        int count = longs(a + keys[k].length(), b, 0);
                        if (count >= 1) {
                            kb[k] = numbers[0];
                        } else {
                            warn("/proc/meminfo", a, b);
                        }
                        return;
                    }
                }
            });
            if (kb[0] < 0 || kb[1] < 0) {
                return;
            }
            long buffers = Math.max(0, kb[3]);
            long cached = Math.max(0, kb[4]);
            boolean estimated = kb[2] < 0;
            long available = estimated ? kb[1] + buffers + cached : kb[2];
            memory = Optional.of(new MemoryInfo(kb[0] * 1024, kb[1] * 1024, available * 1024,
                    cached * 1024, Math.max(0, kb[5]) * 1024, Math.max(0, kb[6]) * 1024, estimated));
        }

        private void loadLine(int from, int to) {
            String[] f = text.substring(from, to).trim().split("\\s+");
            try {
                load = Optional.of(new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                warn("/proc/loadavg", from, to);
            }
        }

        private void vmstatLine(int from, int to) {
            if (text.startsWith("pswpin ", from)) {
                pswpin = single(from + 7, to, "/proc/vmstat");
            } else if (text.startsWith("pswpout ", from)) {
                pswpout = single(from + 8, to, "/proc/vmstat");
            }
        }

        private void diskLine(int from, int to) {
            // major minor name, then 11 counters (14 fields since 2.6.25; 18 with discards, 20 with flushes)
            int a = skipSpaces(from, to);
            a = skipSpaces(skipWord(a, to), to);
            int nameStart = skipSpaces(skipWord(a, to), to);
            int nameEnd = skipWord(nameStart, to);
            if (nameEnd <= nameStart) {
                warn("/proc/diskstats", from, to);
                return;
            }
            String device = text.substring(nameStart, nameEnd);
            if (!isReportedDevice(device)) {
                return;
            }
            int count = longs(nameEnd, to, 0);
            if (count < 10) {
                if (count < 0) {
                    warn("/proc/diskstats", from, to);
                }
                return;
            }
            // reads merged sectors ms | writes merged sectors ms | in-flight io_ms weighted_ms
            disks.add(new DiskCounters(device, numbers[0], numbers[2], numbers[3], numbers[4], numbers[6], numbers[7], numbers[9]));
        }

        private void netLine(int from, int to) {
            int colon = indexOf(':', from, to);
            if (colon < 0 || indexOf('|', from, to) >= 0) {
                return; // the two header lines
            }
            String iface = text.substring(from, colon).trim();
            int count = longs(colon + 1, to, 0);
            if (iface.isEmpty() || count < 16) {
                warn("/proc/net/dev", from, to);
                return;
            }
            nets.add(new NetCounters(iface, numbers[0], numbers[1], numbers[2], numbers[3], numbers[8], numbers[9],
                    numbers[10], numbers[11]));
        }

        private void dfLine(int from, int to) {
            DfRow row = dfRow(from, to, "df -Pk");
            if (row != null && row.total > 0) {
                filesystems.put(row.mount, new FsUsage(row.filesystem, row.mount, row.total, row.used, row.free,
                        OptionalLong.empty(), OptionalLong.empty()));
            }
        }

        private void dfInodeLine(int from, int to) {
            DfRow row = dfRow(from, to, "df -Pi");
            FsUsage fs = row == null ? null : filesystems.get(row.mount);
            if (fs != null && row.total > 0) {
                filesystems.put(row.mount, new FsUsage(fs.filesystem(), fs.mount(), fs.sizeKib(), fs.usedKib(),
                        fs.availableKib(), OptionalLong.of(row.total), OptionalLong.of(row.used)));
            }
        }

        private record DfRow(String filesystem, long total, long used, long free, String mount) {
        }

        /** {@code FS TOTAL USED FREE PCT MOUNT}, where FS and MOUNT may hold spaces; null for the header. */
        private DfRow dfRow(int from, int to, String section) {
            String line = new String(text.substring(from, to).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (line.startsWith("Filesystem")) {
                return null;
            }
            String[] t = line.trim().split("\\s+");
            for (int i = 4; i < t.length - 1; i++) {
                if ((t[i].endsWith("%") || t[i].equals("-")) && isDigits(t[i - 1]) && isDigits(t[i - 2]) && isDigits(t[i - 3])) {
                    int pctEnd = nthTokenEnd(line, i);
                    String mount = line.substring(pctEnd).strip();
                    String fs = String.join(" ", java.util.Arrays.copyOfRange(t, 0, i - 3));
                    return new DfRow(fs, Long.parseLong(t[i - 3]), Long.parseLong(t[i - 2]), Long.parseLong(t[i - 1]), mount);
                }
            }
            warnings.add("Frame " + frame.sequence() + ": the " + section + " line '" + line.strip() + "' does not read.");
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

        private OptionalLong single(int from, int to, String section) {
            int count = longs(from, to, 0);
            if (count < 1) {
                warn(section, from, to);
                return OptionalLong.empty();
            }
            return OptionalLong.of(numbers[0]);
        }

        private long at(int index, int count) {
            return index < count ? numbers[index] : 0;
        }

        /**
         * Reads whitespace-separated unsigned decimals from [from, to) into {@link #numbers}, stopping at
         * the first word that is not one (a unit such as "kB") or when the array is full.
         * Returns how many were read, or -1 when a word began with a digit but did not read (overflow, "12x").
         */
        private int longs(int from, int to, int start) {
            int count = start;
            int pos = from;
            while (count < numbers.length) {
                pos = skipSpaces(pos, to);
                if (pos >= to) {
                    break;
                }
                char c = text.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                long value = 0;
                while (pos < to) {
                    c = text.charAt(pos);
                    if (c == ' ' || c == '\t') {
                        break;
                    }
                    if (c < '0' || c > '9' || value > (Long.MAX_VALUE - 9) / 10) {
                        return -1;
                    }
                    value = value * 10 + (c - '0');
                    pos++;
                }
                numbers[count++] = value;
            }
            return count;
        }

        private int skipSpaces(int pos, int to) {
            while (pos < to && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
            return pos;
        }

        private int skipWord(int pos, int to) {
            while (pos < to && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
                pos++;
            }
            return pos;
        }

        private int indexOf(char c, int from, int to) {
            int i = text.indexOf(c, from);
            return i >= 0 && i < to ? i : -1;
        }

        private void warn(String section, int from, int to) {
            if (warnings.size() < 20) {
                warnings.add("Frame " + frame.sequence() + ": the " + section + " line '"
                        + text.substring(from, Math.min(to, from + 120)).strip() + "' does not read.");
            }
        }
    }
}
