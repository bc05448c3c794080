package org.incidentworkbench.parse;

import java.util.List;
import java.util.Optional;

/**
 * Virtual-memory statistics from {@code vmstat}: one sample per line (the first is the average since
 * boot, the rest are per interval), or per-disk counters with {@code vmstat -d}.
 *
 * @param samples the {@code procs/memory/swap/io/system/cpu} lines
 * @param disks   the {@code vmstat -d} lines
 */
public record VmstatReport(List<Sample> samples, List<DiskRow> disks) {

    public VmstatReport {
        samples = List.copyOf(samples);
        disks = List.copyOf(disks);
    }

    /**
     * One vmstat line. Memory in bytes (vmstat prints KiB unless {@code -S} says otherwise); swap and block
     * rates per second.
     *
     * @param runnable                 {@code r}: runnable tasks (running or waiting for a CPU)
     * @param blocked                  {@code b}: tasks in uninterruptible sleep (usually waiting for I/O)
     * @param swapUsedBytes            {@code swpd}
     * @param freeBytes                {@code free}
     * @param buffersBytes             {@code buff} (not with {@code -a})
     * @param cacheBytes               {@code cache} (not with {@code -a})
     * @param inactiveBytes            {@code inact} ({@code -a})
     * @param activeBytes              {@code active} ({@code -a})
     * @param swapInBytesPerSecond     {@code si}: memory swapped in from disk
     * @param swapOutBytesPerSecond    {@code so}: memory swapped out; sustained non-zero means memory pressure
     * @param blocksInPerSecond        {@code bi}: blocks (1 KiB) read from block devices
     * @param blocksOutPerSecond       {@code bo}: blocks written
     * @param interruptsPerSecond      {@code in}
     * @param contextSwitchesPerSecond {@code cs}
     * @param cpu                      {@code us sy id wa st}
     * @param guestPercent             {@code gu} (procps-ng 4.0.3+)
     * @param timestamp                {@code -t}'s date and time, as printed
     */
    public record Sample(Optional<Long> runnable, Optional<Long> blocked, Optional<Long> swapUsedBytes,
                         Optional<Long> freeBytes, Optional<Long> buffersBytes, Optional<Long> cacheBytes,
                         Optional<Long> inactiveBytes, Optional<Long> activeBytes, Optional<Long> swapInBytesPerSecond,
                         Optional<Long> swapOutBytesPerSecond, Optional<Long> blocksInPerSecond,
                         Optional<Long> blocksOutPerSecond, Optional<Long> interruptsPerSecond,
                         Optional<Long> contextSwitchesPerSecond, CpuSplit cpu, Optional<Double> guestPercent,
                         Optional<String> timestamp) {
    }

    /**
     * One {@code vmstat -d} line: counters since boot.
     *
     * @param readsMillis  time spent reading
     * @param ioInProgress {@code cur}: requests in flight
     * @param ioSeconds    {@code sec}: seconds spent doing I/O
     */
    public record DiskRow(String disk, Optional<Long> reads, Optional<Long> readsMerged, Optional<Long> sectorsRead,
                          Optional<Long> readsMillis, Optional<Long> writes, Optional<Long> writesMerged,
                          Optional<Long> sectorsWritten, Optional<Long> writesMillis, Optional<Long> ioInProgress,
                          Optional<Long> ioSeconds, Optional<String> timestamp) {
    }
}
