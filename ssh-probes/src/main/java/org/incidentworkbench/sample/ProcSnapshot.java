package org.incidentworkbench.sample;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One frame's raw kernel counters and gauges, as printed (below's "sample": what is collected, before
 * any rate is derived). {@link RateCalculator} turns two of these into metrics. A part whose section was
 * missing or unreadable is empty and named in {@code warnings}.
 *
 * @param sequence         the loop's frame counter
 * @param serverTimeMicros the server's wall clock at the frame, epoch microseconds
 * @param uptimeSeconds    {@code /proc/uptime}'s first field: the server's monotonic clock (10 ms resolution),
 *                         which rates are measured against because it does not jump with the wall clock
 * @param bootTimeSeconds  {@code btime} of {@code /proc/stat}: wall clock at boot, recomputed by the kernel on
 *                         every read (so it moves when the wall clock is stepped)
 * @param cpu              the aggregate {@code cpu} line of {@code /proc/stat}, in clock ticks
 * @param contextSwitches  {@code ctxt} of {@code /proc/stat}, since boot
 * @param procsRunning     {@code procs_running} of {@code /proc/stat}
 * @param procsBlocked     {@code procs_blocked} of {@code /proc/stat}
 * @param load             {@code /proc/loadavg}
 * @param memory           {@code /proc/meminfo}, in bytes
 * @param swapInPages      {@code pswpin} of {@code /proc/vmstat}, pages since boot
 * @param swapOutPages     {@code pswpout} of {@code /proc/vmstat}, pages since boot
 * @param pageSizeBytes    the server's page size (from the loop's greeting)
 * @param disks            {@code /proc/diskstats} of the devices reported (see {@link FrameParser#isReportedDevice})
 * @param interfaces       {@code /proc/net/dev}
 * @param filesystems      {@code df -Pk} joined with {@code df -Pi} by mount point; empty when this frame had no df
 * @param warnings         one sentence per section or line that could not be read
 */
public record ProcSnapshot(long sequence, long serverTimeMicros, OptionalDouble uptimeSeconds, OptionalLong bootTimeSeconds,
                           Optional<CpuTimes> cpu, OptionalLong contextSwitches, OptionalLong procsRunning,
                           OptionalLong procsBlocked, Optional<LoadAverage> load, Optional<MemoryInfo> memory,
                           OptionalLong swapInPages, OptionalLong swapOutPages, long pageSizeBytes,
                           List<DiskCounters> disks, List<NetCounters> interfaces,
                           Optional<List<FsUsage>> filesystems, List<String> warnings) {

    public ProcSnapshot {
        disks = List.copyOf(disks);
        interfaces = List.copyOf(interfaces);
        filesystems = filesystems.map(List::copyOf);
        warnings = List.copyOf(warnings);
    }

    /** The server's wall clock at the frame, epoch milliseconds (the points' timestamp). */
    public long serverTimeMillis() {
        return Math.floorDiv(serverTimeMicros, 1000);
    }

    /** Clock ticks of the aggregate CPU line (guest time is already inside user and nice, so not added). */
    public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                           long steal) {
    }

    public record LoadAverage(double one, double five, double fifteen) {
    }

    /**
     * @param availableEstimated true on kernels before 3.14 (no MemAvailable): available is then
     *                           MemFree + Buffers + Cached, as procps did
     */
    public record MemoryInfo(long totalBytes, long freeBytes, long availableBytes, long cachedBytes, long swapTotalBytes,
                             long swapFreeBytes, boolean availableEstimated) {
    }

    /** Counters of one block device since boot; sectors are 512 bytes whatever the device's sector size. */
    public record DiskCounters(String device, long reads, long readSectors, long readMillis, long writes,
                               long writeSectors, long writeMillis, long ioMillis) {
    }

    /** Counters of one network interface since it came up (a driver reset zeroes them). */
    public record NetCounters(String iface, long rxBytes, long rxPackets, long rxErrors, long rxDrops, long txBytes,
                              long txPackets, long txErrors, long txDrops) {
    }

    /**
     * One filesystem of {@code df -Pk}, with {@code df -Pi}'s inode counts when it printed them (some
     * filesystems, btrfs among them, report zero inodes: then the inode fields are empty).
     */
    public record FsUsage(String filesystem, String mount, long sizeKib, long usedKib, long availableKib,
                          OptionalLong inodes, OptionalLong inodesUsed) {
    }
}
