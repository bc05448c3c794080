package org.incidentworkbench.sample;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.SampledMetric;

/**
 * The metric catalogue of record: every metric the sampler writes, with unit, labels, resolution and a
 * description, built from the registered sources ({@link ProcSources#ALL}); the store, the charts and the
 * forecasts read names, units and resolution from here through the application's wiring (the store module does
 * not depend on this one). The constants name the metrics of the original sources for code that asks for one
 * by name; each equals the constant its source declares.
 *
 * <p>Rates ("/s") are per second of the server's monotonic clock ({@code /proc/uptime}); percentages are
 * 0-100; bytes are bytes (not KiB); swap in/out are pages per second.
 */
public final class SampleMetrics {

    /** Label names of the labelled metrics. */
    public static final String DEVICE = org.incidentworkbench.sample.source.DiskstatsSource.DEVICE;
    public static final String IFACE = org.incidentworkbench.sample.source.NetDevSource.IFACE;
    public static final String MOUNT = org.incidentworkbench.sample.source.DfSource.MOUNT;

    // CPU, host-wide: percent of all CPUs' time in the step, from the "cpu" line of /proc/stat
    public static final String CPU_USER = org.incidentworkbench.sample.source.StatSource.CPU_USER;
    public static final String CPU_NICE = org.incidentworkbench.sample.source.StatSource.CPU_NICE;
    public static final String CPU_SYSTEM = org.incidentworkbench.sample.source.StatSource.CPU_SYSTEM;
    public static final String CPU_IOWAIT = org.incidentworkbench.sample.source.StatSource.CPU_IOWAIT;
    public static final String CPU_IRQ = org.incidentworkbench.sample.source.StatSource.CPU_IRQ;
    public static final String CPU_SOFTIRQ = org.incidentworkbench.sample.source.StatSource.CPU_SOFTIRQ;
    public static final String CPU_STEAL = org.incidentworkbench.sample.source.StatSource.CPU_STEAL;
    public static final String CPU_IDLE = org.incidentworkbench.sample.source.StatSource.CPU_IDLE;
    /** Context switches per second (ctxt of /proc/stat). */
    public static final String CTXT_PER_S = org.incidentworkbench.sample.source.StatSource.CTXT_PER_S;

    /** Load averages (gauges, runnable plus uninterruptible tasks). */
    public static final String LOAD_1 = org.incidentworkbench.sample.source.LoadavgSource.LOAD_1;
    public static final String LOAD_5 = org.incidentworkbench.sample.source.LoadavgSource.LOAD_5;
    public static final String LOAD_15 = org.incidentworkbench.sample.source.LoadavgSource.LOAD_15;
    /** Tasks running and blocked on I/O (gauges, procs_running and procs_blocked of /proc/stat). */
    public static final String PROCS_RUNNING = org.incidentworkbench.sample.source.StatSource.PROCS_RUNNING;
    public static final String PROCS_BLOCKED = org.incidentworkbench.sample.source.StatSource.PROCS_BLOCKED;

    /** Memory in bytes (gauges): used = total - available, as procps-ng 4 {@code free} computes it. */
    public static final String MEMORY_TOTAL = org.incidentworkbench.sample.source.MeminfoSource.MEMORY_TOTAL;
    public static final String MEMORY_AVAILABLE = org.incidentworkbench.sample.source.MeminfoSource.MEMORY_AVAILABLE;
    public static final String MEMORY_USED = org.incidentworkbench.sample.source.MeminfoSource.MEMORY_USED;
    /** Page cache (Cached). */
    public static final String MEMORY_CACHED = org.incidentworkbench.sample.source.MeminfoSource.MEMORY_CACHED;
    /** Completely unused memory (MemFree). */
    public static final String MEMORY_FREE = org.incidentworkbench.sample.source.MeminfoSource.MEMORY_FREE;
    /** Swap space, bytes (SwapTotal). */
    public static final String SWAP_TOTAL = org.incidentworkbench.sample.source.MeminfoSource.SWAP_TOTAL;
    /** Swap in use, bytes (SwapTotal - SwapFree). */
    public static final String SWAP_USED = org.incidentworkbench.sample.source.MeminfoSource.SWAP_USED;
    /** Pages swapped in and out per second (pswpin/pswpout of /proc/vmstat). */
    public static final String SWAP_IN_PER_S = org.incidentworkbench.sample.source.VmstatSource.SWAP_IN_PER_S;
    public static final String SWAP_OUT_PER_S = org.incidentworkbench.sample.source.VmstatSource.SWAP_OUT_PER_S;

    // Block devices, label "device": whole disks, dm-* and md* (partitions, loop and ram skipped)
    public static final String DISK_READS_PER_S = org.incidentworkbench.sample.source.DiskstatsSource.DISK_READS_PER_S;
    public static final String DISK_WRITES_PER_S = org.incidentworkbench.sample.source.DiskstatsSource.DISK_WRITES_PER_S;
    public static final String DISK_READ_BYTES_PER_S = org.incidentworkbench.sample.source.DiskstatsSource.DISK_READ_BYTES_PER_S;
    public static final String DISK_WRITE_BYTES_PER_S = org.incidentworkbench.sample.source.DiskstatsSource.DISK_WRITE_BYTES_PER_S;
    /** Mean time per completed I/O in the step, milliseconds (iostat's await); 0 when no I/O completed. */
    public static final String DISK_AWAIT_MS = org.incidentworkbench.sample.source.DiskstatsSource.DISK_AWAIT_MS;
    /** Percent of the step the device had I/O in flight (iostat's %util), at most 100. */
    public static final String DISK_UTIL = org.incidentworkbench.sample.source.DiskstatsSource.DISK_UTIL;

    // Network interfaces, label "iface": per second
    public static final String NET_RX_BYTES = org.incidentworkbench.sample.source.NetDevSource.NET_RX_BYTES;
    public static final String NET_TX_BYTES = org.incidentworkbench.sample.source.NetDevSource.NET_TX_BYTES;
    public static final String NET_RX_PACKETS = org.incidentworkbench.sample.source.NetDevSource.NET_RX_PACKETS;
    public static final String NET_TX_PACKETS = org.incidentworkbench.sample.source.NetDevSource.NET_TX_PACKETS;
    public static final String NET_RX_ERRORS = org.incidentworkbench.sample.source.NetDevSource.NET_RX_ERRORS;
    public static final String NET_TX_ERRORS = org.incidentworkbench.sample.source.NetDevSource.NET_TX_ERRORS;
    public static final String NET_RX_DROPS = org.incidentworkbench.sample.source.NetDevSource.NET_RX_DROPS;
    public static final String NET_TX_DROPS = org.incidentworkbench.sample.source.NetDevSource.NET_TX_DROPS;

    // Filesystems, label "mount": percent (gauges, from df -Pk and df -Pi)
    public static final String FS_USED_PCT = org.incidentworkbench.sample.source.DfSource.FS_USED_PCT;
    public static final String FS_INODES_USED_PCT = org.incidentworkbench.sample.source.DfSource.FS_INODES_USED_PCT;
    /** Space used and filesystem size, bytes (df -Pk's Used and 1024-blocks times 1024). */
    public static final String FS_USED_BYTES = org.incidentworkbench.sample.source.DfSource.FS_USED_BYTES;
    public static final String FS_SIZE_BYTES = org.incidentworkbench.sample.source.DfSource.FS_SIZE_BYTES;

    /** Every catalogued metric, in source order. */
    public static List<SampledMetric> all() {
        return ProcSources.metrics();
    }

    /** Every catalogued name, in source order. */
    public static List<String> names() {
        return all().stream().map(SampledMetric::name).toList();
    }

    public static Optional<SampledMetric> find(String name) {
        return ProcSources.metric(name);
    }

    /** The unit of {@code name}, or {@code ""} when it is not catalogued. */
    public static String unit(String name) {
        return find(name).map(SampledMetric::unit).orElse("");
    }

    /** The resolution of {@code name} in decimals, or -1 (kept exactly) when it is not catalogued. */
    public static int decimals(String name) {
        return find(name).map(SampledMetric::decimals).orElse(-1);
    }

    private SampleMetrics() {
    }
}
