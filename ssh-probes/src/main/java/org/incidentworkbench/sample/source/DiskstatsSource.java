package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.labelled;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /proc/diskstats} of whole disks, device-mapper and md devices (see {@link #isReportedDevice}); lines
 * with fewer than 14 fields (partitions on kernels before 2.6.25) are skipped. Rates per device, label
 * {@code device}; sectors are 512 bytes whatever the device's sector size.
 */
public final class DiskstatsSource implements ProcSource<List<DiskstatsSource.DiskCounters>> {

    public static final String DISK_READS_PER_S = "disk.reads_per_s";
    public static final String DISK_WRITES_PER_S = "disk.writes_per_s";
    public static final String DISK_READ_BYTES_PER_S = "disk.read_bytes_per_s";
    public static final String DISK_WRITE_BYTES_PER_S = "disk.write_bytes_per_s";
    public static final String DISK_AWAIT_MS = "disk.await_ms";
    public static final String DISK_UTIL = "disk.util";
    public static final String DEVICE = "device";

    static final String FILE = "/proc/diskstats";
    private static final long SECTOR_BYTES = 512;
    /** Partitions (sda1, vdb2, xvda1, nvme0n1p1, mmcblk0p2, md0p1) are inside a reported whole disk. */
    private static final Pattern PARTITION = Pattern.compile("(?:[shv]d|xvd)[a-z]+[0-9]+|(?:nvme[0-9]+n[0-9]+|mmcblk[0-9]+|md[0-9]+|nbd[0-9]+)p[0-9]+");
    /** Loop, RAM disks, floppies and optical drives: snap's loop devices alone would add dozens of idle series. */
    private static final Pattern NOT_REPORTED = Pattern.compile("(?:loop|ram|fd|sr)[0-9]+");

    /** Counters of one block device since boot. */
    public record DiskCounters(String device, long reads, long readSectors, long readMillis, long writes,
                               long writeSectors, long writeMillis, long ioMillis) {

        long[] counters() {
            return new long[] {reads, readSectors, readMillis, writes, writeSectors, writeMillis, ioMillis};
        }
    }

    /**
     * Whether the device is reported: whole disks (sda, vda, xvda, nvme0n1, mmcblk0), device-mapper ({@code dm-0}:
     * LVM, LUKS) and md RAID devices, so that I/O is counted once per device rather than again per partition;
     * loop, ram, fd and sr devices are skipped.
     */
    public static boolean isReportedDevice(String device) {
        return !PARTITION.matcher(device).matches() && !NOT_REPORTED.matcher(device).matches();
    }

    @Override
    public ShellPart shell() {
        return ShellPart.files(FILE);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                labelled(DISK_READS_PER_S, DEVICE, "/s", 1, "reads completed per second (/proc/diskstats)"),
                labelled(DISK_WRITES_PER_S, DEVICE, "/s", 1, "writes completed per second (/proc/diskstats)"),
                labelled(DISK_READ_BYTES_PER_S, DEVICE, "bytes/s", 0, "bytes read per second (sectors read x 512)"),
                labelled(DISK_WRITE_BYTES_PER_S, DEVICE, "bytes/s", 0, "bytes written per second (sectors written x 512)"),
                labelled(DISK_AWAIT_MS, DEVICE, "ms", 2, "mean time per completed I/O, queueing included (iostat await)"),
                labelled(DISK_UTIL, DEVICE, "%", 2, "share of time the device was busy (iostat %util)"));
    }

    @Override
    public List<DiskCounters> read(Sections frame) {
        List<DiskCounters> disks = new ArrayList<>();
        boolean present = frame.forEachLine(FILE, (from, to) -> {
            // major minor name, then 11 counters (14 fields since 2.6.25; 18 with discards, 20 with flushes)
            int a = frame.skipSpaces(from, to);
            a = frame.skipSpaces(frame.skipWord(a, to), to);
            int nameStart = frame.skipSpaces(frame.skipWord(a, to), to);
            int nameEnd = frame.skipWord(nameStart, to);
            if (nameEnd <= nameStart) {
                frame.warn(FILE, from, to);
                return;
            }
            String device = frame.text().substring(nameStart, nameEnd);
            if (!isReportedDevice(device)) {
                return;
            }
            int count = frame.longs(nameEnd, to);
            if (count < 10) {
                if (count < 0) {
                    frame.warn(FILE, from, to);
                }
                return;
            }
            // reads merged sectors ms | writes merged sectors ms | in-flight io_ms weighted_ms
            disks.add(new DiskCounters(device, frame.number(0), frame.number(2), frame.number(3), frame.number(4),
                    frame.number(6), frame.number(7), frame.number(9)));
        });
        return present ? List.copyOf(disks) : null;
    }

    @Override
    public void rates(List<DiskCounters> before, List<DiskCounters> now, double seconds, MetricOut out) {
        DeviceDeltas.forEach(before, now, DiskCounters::device, DiskCounters::counters, (d, delta) -> {
            long reads = delta[0], readSectors = delta[1], readMillis = delta[2];
            long writes = delta[3], writeSectors = delta[4], writeMillis = delta[5], ioMillis = delta[6];
            out.add(DISK_READS_PER_S, DEVICE, d, reads / seconds);
            out.add(DISK_WRITES_PER_S, DEVICE, d, writes / seconds);
            out.add(DISK_READ_BYTES_PER_S, DEVICE, d, readSectors * SECTOR_BYTES / seconds);
            out.add(DISK_WRITE_BYTES_PER_S, DEVICE, d, writeSectors * SECTOR_BYTES / seconds);
            long ios = reads + writes;
            out.add(DISK_AWAIT_MS, DEVICE, d, ios == 0 ? 0.0 : (double) (readMillis + writeMillis) / ios);
            out.add(DISK_UTIL, DEVICE, d, Math.min(100.0, ioMillis / (seconds * 1000.0) * 100.0));
        });
    }
}
