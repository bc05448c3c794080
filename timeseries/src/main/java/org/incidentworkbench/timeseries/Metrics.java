package org.incidentworkbench.timeseries;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one catalogue of metric names and units: the sampler writes these names, the store, the charts and
 * the forecasts read them. Rates come from kernel counters as (current - previous) / elapsed seconds;
 * percentages are of the whole machine (all CPUs) or of the filesystem.
 *
 * <p>Each metric has a resolution ({@link Metric#decimals()}): the store rounds a catalogued metric's values
 * to it on append. The sources are no finer (/proc/loadavg prints two decimals, /proc/meminfo whole kB, a
 * rate over a few seconds is not meaningful below 0.1/s) and decimal values compress to a fraction of a
 * byte per point, where full-precision doubles take several. Metrics not in the catalogue are stored
 * exactly as given.
 *
 * <p>Thread-safe: immutable.
 */
public final class Metrics {

    // CPU time split, % of all CPUs, from /proc/stat deltas.
    public static final String CPU_USER = "cpu.user";
    public static final String CPU_NICE = "cpu.nice";
    public static final String CPU_SYSTEM = "cpu.system";
    public static final String CPU_IOWAIT = "cpu.iowait";
    public static final String CPU_IRQ = "cpu.irq";
    public static final String CPU_SOFTIRQ = "cpu.softirq";
    public static final String CPU_STEAL = "cpu.steal";
    public static final String CPU_IDLE = "cpu.idle";
    // /proc/loadavg
    public static final String LOAD_1 = "load.1";
    public static final String LOAD_5 = "load.5";
    public static final String LOAD_15 = "load.15";
    public static final String PROCS_RUNNING = "procs.running";
    public static final String PROCS_BLOCKED = "procs.blocked";
    public static final String CTXT_PER_S = "ctxt.per_s";
    // /proc/meminfo
    public static final String MEMORY_TOTAL = "memory.total";
    public static final String MEMORY_AVAILABLE = "memory.available";
    public static final String MEMORY_USED = "memory.used";
    public static final String MEMORY_CACHED = "memory.cached";
    public static final String MEMORY_FREE = "memory.free";
    public static final String SWAP_TOTAL = "swap.total";
    public static final String SWAP_USED = "swap.used";
    public static final String SWAP_IN_PER_S = "swap.in_per_s";
    public static final String SWAP_OUT_PER_S = "swap.out_per_s";
    // /proc/diskstats, label device
    public static final String DISK_READS_PER_S = "disk.reads_per_s";
    public static final String DISK_WRITES_PER_S = "disk.writes_per_s";
    public static final String DISK_READ_BYTES_PER_S = "disk.read_bytes_per_s";
    public static final String DISK_WRITE_BYTES_PER_S = "disk.write_bytes_per_s";
    public static final String DISK_AWAIT_MS = "disk.await_ms";
    public static final String DISK_UTIL = "disk.util";
    // /proc/net/dev, label iface
    public static final String NET_RX_BYTES = "net.rx_bytes";
    public static final String NET_TX_BYTES = "net.tx_bytes";
    public static final String NET_RX_PACKETS = "net.rx_packets";
    public static final String NET_TX_PACKETS = "net.tx_packets";
    public static final String NET_RX_ERRORS = "net.rx_errors";
    public static final String NET_TX_ERRORS = "net.tx_errors";
    public static final String NET_RX_DROPS = "net.rx_drops";
    public static final String NET_TX_DROPS = "net.tx_drops";
    // df -P / df -Pi, label mount
    public static final String FS_USED_PCT = "fs.used_pct";
    public static final String FS_INODES_USED_PCT = "fs.inodes_used_pct";
    public static final String FS_USED_BYTES = "fs.used_bytes";
    public static final String FS_SIZE_BYTES = "fs.size_bytes";

    public static final String DEVICE = "device";
    public static final String IFACE = "iface";
    public static final String MOUNT = "mount";

    private static final Map<String, Metric> CATALOGUE = build();

    private Metrics() {
    }

    /** Every catalogued metric, in catalogue order. */
    public static List<Metric> all() {
        return List.copyOf(CATALOGUE.values());
    }

    public static Optional<Metric> find(String name) {
        return Optional.ofNullable(CATALOGUE.get(name));
    }

    /** The unit of {@code name}, or {@code ""} when it is not catalogued. */
    public static String unit(String name) {
        Metric m = CATALOGUE.get(name);
        return m == null ? "" : m.unit();
    }

    /**
     * {@code value} rounded to the resolution of {@code metric}; unchanged when the metric is not catalogued
     * or the value is not finite (NaN gap markers and infinities pass through).
     */
    public static double round(String metric, double value) {
        Metric m = CATALOGUE.get(metric);
        return m == null ? value : round(value, m.decimals());
    }

    /** {@code value} rounded half away from zero to {@code decimals} places (values beyond 1e15 unchanged). */
    public static double round(double value, int decimals) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
            return value;
        }
        double scale = POW10[decimals];
        double r = Math.round(Math.abs(value) * scale) / scale;
        return value < 0 ? -r : r == 0 ? 0.0 : r;
    }

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private static Map<String, Metric> build() {
        Map<String, Metric> m = new LinkedHashMap<>();
        List<String> none = List.of();
        List<String> device = List.of(DEVICE);
        List<String> iface = List.of(IFACE);
        List<String> mount = List.of(MOUNT);
        String cpu = "share of all CPUs' time spent ";
        add(m, CPU_USER, "%", none, 2, cpu + "in user mode (/proc/stat user)");
        add(m, CPU_NICE, "%", none, 2, cpu + "in niced user processes (/proc/stat nice)");
        add(m, CPU_SYSTEM, "%", none, 2, cpu + "in the kernel (/proc/stat system)");
        add(m, CPU_IOWAIT, "%", none, 2, cpu + "idle waiting for I/O (/proc/stat iowait)");
        add(m, CPU_IRQ, "%", none, 2, cpu + "serving interrupts (/proc/stat irq)");
        add(m, CPU_SOFTIRQ, "%", none, 2, cpu + "in soft interrupts (/proc/stat softirq)");
        add(m, CPU_STEAL, "%", none, 2, cpu + "taken by the hypervisor for other guests (/proc/stat steal)");
        add(m, CPU_IDLE, "%", none, 2, cpu + "idle (/proc/stat idle)");
        add(m, LOAD_1, "1", none, 2, "load average over 1 minute (/proc/loadavg)");
        add(m, LOAD_5, "1", none, 2, "load average over 5 minutes (/proc/loadavg)");
        add(m, LOAD_15, "1", none, 2, "load average over 15 minutes (/proc/loadavg)");
        add(m, PROCS_RUNNING, "1", none, 0, "runnable processes (/proc/stat procs_running)");
        add(m, PROCS_BLOCKED, "1", none, 0, "processes blocked on I/O, D state (/proc/stat procs_blocked)");
        add(m, CTXT_PER_S, "/s", none, 0, "context switches per second (/proc/stat ctxt)");
        add(m, MEMORY_TOTAL, "bytes", none, 0, "installed memory (/proc/meminfo MemTotal)");
        add(m, MEMORY_AVAILABLE, "bytes", none, 0, "memory available to new work without swapping (MemAvailable)");
        add(m, MEMORY_USED, "bytes", none, 0, "MemTotal - MemAvailable");
        add(m, MEMORY_CACHED, "bytes", none, 0, "page cache (Cached)");
        add(m, MEMORY_FREE, "bytes", none, 0, "completely unused memory (MemFree)");
        add(m, SWAP_TOTAL, "bytes", none, 0, "swap space (SwapTotal)");
        add(m, SWAP_USED, "bytes", none, 0, "SwapTotal - SwapFree");
        add(m, SWAP_IN_PER_S, "pages/s", none, 1, "pages swapped in per second (/proc/vmstat pswpin)");
        add(m, SWAP_OUT_PER_S, "pages/s", none, 1, "pages swapped out per second (/proc/vmstat pswpout)");
        add(m, DISK_READS_PER_S, "/s", device, 1, "reads completed per second (/proc/diskstats)");
        add(m, DISK_WRITES_PER_S, "/s", device, 1, "writes completed per second (/proc/diskstats)");
        add(m, DISK_READ_BYTES_PER_S, "bytes/s", device, 0, "bytes read per second (sectors read x 512)");
        add(m, DISK_WRITE_BYTES_PER_S, "bytes/s", device, 0, "bytes written per second (sectors written x 512)");
        add(m, DISK_AWAIT_MS, "ms", device, 2, "mean time per completed I/O, queueing included (iostat await)");
        add(m, DISK_UTIL, "%", device, 2, "share of time the device was busy (iostat %util)");
        add(m, NET_RX_BYTES, "bytes/s", iface, 0, "bytes received per second (/proc/net/dev)");
        add(m, NET_TX_BYTES, "bytes/s", iface, 0, "bytes sent per second (/proc/net/dev)");
        add(m, NET_RX_PACKETS, "/s", iface, 1, "packets received per second");
        add(m, NET_TX_PACKETS, "/s", iface, 1, "packets sent per second");
        add(m, NET_RX_ERRORS, "/s", iface, 1, "receive errors per second");
        add(m, NET_TX_ERRORS, "/s", iface, 1, "transmit errors per second");
        add(m, NET_RX_DROPS, "/s", iface, 1, "received packets dropped per second");
        add(m, NET_TX_DROPS, "/s", iface, 1, "sent packets dropped per second");
        add(m, FS_USED_PCT, "%", mount, 2, "space used as df -P counts it: used / (used + available)");
        add(m, FS_INODES_USED_PCT, "%", mount, 2, "inodes used (df -Pi IUse%)");
        add(m, FS_USED_BYTES, "bytes", mount, 0, "space used (df -P Used x 1024)");
        add(m, FS_SIZE_BYTES, "bytes", mount, 0, "filesystem size (df -P 1024-blocks x 1024)");
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Metric> m, String name, String unit, List<String> labels, int decimals,
                            String description) {
        m.put(name, new Metric(name, unit, labels, decimals, description));
    }
}
