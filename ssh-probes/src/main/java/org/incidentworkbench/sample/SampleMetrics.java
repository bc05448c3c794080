package org.incidentworkbench.sample;

import java.util.List;

/**
 * The metric names the sampler writes, with their units. The catalogue of record is the store's
 * {@code org.incidentworkbench.timeseries.Metrics} (contract D/E): these constants are the same strings,
 * kept here because {@code ssh-probes} does not depend on {@code timeseries}; app's tests check that
 * every name below is in that catalogue.
 *
 * <p>Rates ("/s") are per second of the server's monotonic clock ({@code /proc/uptime}); percentages
 * are 0-100; bytes are bytes (not KiB); swap in/out are pages per second, as the catalogue has them.
 */
public final class SampleMetrics {

    // CPU, host-wide: percent of all CPUs' time in the step, from the "cpu" line of /proc/stat
    public static final String CPU_USER = "cpu.user";
    public static final String CPU_NICE = "cpu.nice";
    public static final String CPU_SYSTEM = "cpu.system";
    public static final String CPU_IOWAIT = "cpu.iowait";
    public static final String CPU_IRQ = "cpu.irq";
    public static final String CPU_SOFTIRQ = "cpu.softirq";
    public static final String CPU_STEAL = "cpu.steal";
    public static final String CPU_IDLE = "cpu.idle";
    /** Context switches per second (ctxt of /proc/stat). */
    public static final String CTXT_PER_S = "ctxt.per_s";

    /** Load averages (gauges, runnable plus uninterruptible tasks). */
    public static final String LOAD_1 = "load.1";
    public static final String LOAD_5 = "load.5";
    public static final String LOAD_15 = "load.15";
    /** Tasks running and blocked on I/O (gauges, procs_running and procs_blocked of /proc/stat). */
    public static final String PROCS_RUNNING = "procs.running";
    public static final String PROCS_BLOCKED = "procs.blocked";

    /** Memory in bytes (gauges): used = total - available, as procps-ng 4 {@code free} computes it. */
    public static final String MEMORY_TOTAL = "memory.total";
    public static final String MEMORY_AVAILABLE = "memory.available";
    public static final String MEMORY_USED = "memory.used";
    /** Page cache (Cached). */
    public static final String MEMORY_CACHED = "memory.cached";
    /** Completely unused memory (MemFree). */
    public static final String MEMORY_FREE = "memory.free";
    /** Swap space, bytes (SwapTotal). */
    public static final String SWAP_TOTAL = "swap.total";
    /** Swap in use, bytes (SwapTotal - SwapFree). */
    public static final String SWAP_USED = "swap.used";
    /** Pages swapped in and out per second (pswpin/pswpout of /proc/vmstat). */
    public static final String SWAP_IN_PER_S = "swap.in_per_s";
    public static final String SWAP_OUT_PER_S = "swap.out_per_s";

    // Block devices, label "device": whole disks, dm-* and md* (partitions, loop and ram skipped)
    public static final String DISK_READS_PER_S = "disk.reads_per_s";
    public static final String DISK_WRITES_PER_S = "disk.writes_per_s";
    public static final String DISK_READ_BYTES_PER_S = "disk.read_bytes_per_s";
    public static final String DISK_WRITE_BYTES_PER_S = "disk.write_bytes_per_s";
    /** Mean time per completed I/O in the step, milliseconds (iostat's await); 0 when no I/O completed. */
    public static final String DISK_AWAIT_MS = "disk.await_ms";
    /** Percent of the step the device had I/O in flight (iostat's %util), at most 100. */
    public static final String DISK_UTIL = "disk.util";

    // Network interfaces, label "iface": per second
    public static final String NET_RX_BYTES = "net.rx_bytes";
    public static final String NET_TX_BYTES = "net.tx_bytes";
    public static final String NET_RX_PACKETS = "net.rx_packets";
    public static final String NET_TX_PACKETS = "net.tx_packets";
    public static final String NET_RX_ERRORS = "net.rx_errors";
    public static final String NET_TX_ERRORS = "net.tx_errors";
    public static final String NET_RX_DROPS = "net.rx_drops";
    public static final String NET_TX_DROPS = "net.tx_drops";

    // Filesystems, label "mount": percent (gauges, from df -Pk and df -Pi)
    public static final String FS_USED_PCT = "fs.used_pct";
    public static final String FS_INODES_USED_PCT = "fs.inodes_used_pct";
    /** Space used and filesystem size, bytes (df -Pk's Used and 1024-blocks times 1024). */
    public static final String FS_USED_BYTES = "fs.used_bytes";
    public static final String FS_SIZE_BYTES = "fs.size_bytes";

    /** Every name above, for catalogue checks. */
    public static final List<String> ALL = List.of(
            CPU_USER, CPU_NICE, CPU_SYSTEM, CPU_IOWAIT, CPU_IRQ, CPU_SOFTIRQ, CPU_STEAL, CPU_IDLE, CTXT_PER_S,
            LOAD_1, LOAD_5, LOAD_15, PROCS_RUNNING, PROCS_BLOCKED,
            MEMORY_TOTAL, MEMORY_AVAILABLE, MEMORY_USED, MEMORY_CACHED, MEMORY_FREE, SWAP_TOTAL, SWAP_USED, SWAP_IN_PER_S, SWAP_OUT_PER_S,
            DISK_READS_PER_S, DISK_WRITES_PER_S, DISK_READ_BYTES_PER_S, DISK_WRITE_BYTES_PER_S, DISK_AWAIT_MS, DISK_UTIL,
            NET_RX_BYTES, NET_TX_BYTES, NET_RX_PACKETS, NET_TX_PACKETS, NET_RX_ERRORS, NET_TX_ERRORS, NET_RX_DROPS,
            NET_TX_DROPS, FS_USED_PCT, FS_INODES_USED_PCT, FS_USED_BYTES, FS_SIZE_BYTES);

    private SampleMetrics() {
    }
}
