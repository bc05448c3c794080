package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The iostat probe's fallback where sysstat is missing: device rates from two {@code /proc/diskstats}
 * snapshots, each preceded by its {@code /proc/uptime} line (so the interval is measured on the host,
 * not guessed). Field meanings from the kernel's Documentation/admin-guide/iostats.rst; sectors are
 * 512 bytes whatever the device's block size. Stateless.
 *
 * <pre>
 * #### iw-section: /proc/diskstats 1
 * 734.52 1436.01
 *  254       0 vda 64516 12570 3333470 16061 16006 9034 1255264 7346 0 23376 23708 ...
 * </pre>
 */
final class ProcDiskstats {

    private ProcDiskstats() {
    }

    private record Snapshot(double uptimeSeconds, Map<String, long[]> devices) {
    }

    static ParseOutcome<IostatReport> parse(String first, String second, List<String> warnings) {
        Optional<Snapshot> a = snapshot(first, "/proc/diskstats 1", warnings);
        Optional<Snapshot> b = snapshot(second, "/proc/diskstats 2", warnings);
        if (a.isEmpty() || b.isEmpty()) {
            return ParseOutcome.unrecognised("the /proc/diskstats sections need an uptime line and device lines each");
        }
        double dt = b.get().uptimeSeconds() - a.get().uptimeSeconds();
        if (dt <= 0) {
            return ParseOutcome.unrecognised("the two /proc/diskstats snapshots are not in time order (uptime "
                    + a.get().uptimeSeconds() + " then " + b.get().uptimeSeconds() + ")");
        }
        List<IostatReport.Device> devices = new ArrayList<>();
        for (Map.Entry<String, long[]> e : b.get().devices().entrySet()) {
            String name = e.getKey();
            long[] y = e.getValue();
            long[] x = a.get().devices().get(name);
            if (x == null || isPartition(name, b.get().devices().keySet()) || y[0] + y[4] == 0) {
                continue;
            }
            double reads = (y[0] - x[0]) / dt;
            double writes = (y[4] - x[4]) / dt;
            long dReads = y[0] - x[0];
            long dWrites = y[4] - x[4];
            Optional<Double> rAwait = Optional.of(dReads == 0 ? 0.0 : (double) (y[3] - x[3]) / dReads);
            Optional<Double> wAwait = Optional.of(dWrites == 0 ? 0.0 : (double) (y[7] - x[7]) / dWrites);
            Optional<Double> await = Optional.of(dReads + dWrites == 0 ? 0.0
                    : (double) (y[3] - x[3] + y[7] - x[7]) / (dReads + dWrites));
            double util = Math.min(100.0, (y[9] - x[9]) / (dt * 1000) * 100);
            double queue = (y[10] - x[10]) / (dt * 1000);
            Optional<Double> discards = y.length > 11 && x.length > 11 ? Optional.of((y[11] - x[11]) / dt) : Optional.empty();
            devices.add(new IostatReport.Device(name, Optional.of(reads + writes), Optional.of(reads), Optional.of(writes),
                    Optional.of((y[2] - x[2]) * 512.0 / dt), Optional.of((y[6] - x[6]) * 512.0 / dt),
                    Optional.of((y[1] - x[1]) / dt), Optional.of((y[5] - x[5]) / dt), discards, rAwait, wAwait, await,
                    Optional.of(queue), Optional.of(util), Optional.empty(),
                    Optional.of((y[2] - x[2]) * 512), Optional.of((y[6] - x[6]) * 512), java.util.Map.of()));
        }
        return ParseOutcome.parsed(new IostatReport(Optional.empty(), Optional.empty(), devices, 1, "/proc/diskstats"), warnings);
    }

    /** sda1 of sda, nvme0n1p1 of nvme0n1, mmcblk0p1 of mmcblk0: iostat leaves partitions out without -p. */
    static boolean isPartition(String name, java.util.Set<String> all) {
        for (String other : all) {
            if (!other.equals(name) && name.startsWith(other) && name.substring(other.length()).matches("p?\\d+")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Snapshot> snapshot(String text, String section, List<String> warnings) {
        List<String> lines = TextTable.nonBlankLines(text);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> uptime = Units.doubleValue(TextTable.words(lines.get(0)).get(0), section + " uptime", warnings);
        if (uptime.isEmpty()) {
            return Optional.empty();
        }
        Map<String, long[]> devices = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> w = TextTable.words(line);
            if (w.size() < 14) {
                warnings.add(section + " line \"" + line.strip() + "\" has fewer than 14 fields; skipped");
                continue;
            }
            long[] v = new long[w.size() - 3];
            boolean ok = true;
            for (int k = 3; k < w.size(); k++) {
                Optional<Long> n = Units.longValue(w.get(k), section + " " + w.get(2) + " field " + (k + 1), warnings);
                if (n.isEmpty()) {
                    ok = false;
                    break;
                }
                v[k - 3] = n.get();
            }
            if (ok) {
                devices.put(w.get(2), v);
            }
        }
        return devices.isEmpty() ? Optional.empty() : Optional.of(new Snapshot(uptime.get(), devices));
    }
}
