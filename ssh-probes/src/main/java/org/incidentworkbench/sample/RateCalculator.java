package org.incidentworkbench.sample;

import static org.incidentworkbench.sample.SampleMetrics.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.sample.ProcSnapshot.CpuTimes;
import org.incidentworkbench.sample.ProcSnapshot.DiskCounters;
import org.incidentworkbench.sample.ProcSnapshot.FsUsage;
import org.incidentworkbench.sample.ProcSnapshot.MemoryInfo;
import org.incidentworkbench.sample.ProcSnapshot.NetCounters;

/**
 * Derives metrics from raw snapshots: one pure step between collection and storage, as below's
 * {@code Model::new(sample, last, elapsed)}. Gauges (load, procs, memory, swap used, filesystems) come from
 * the current snapshot alone; rates need the previous one and the elapsed server time.
 *
 * <p>Counters that went down between the two snapshots (a 32-bit counter that wrapped, an interface whose
 * driver was reset, a reboot) give no rate for that series in that step: a wrap and a reset look alike, and
 * a missing point is better than a wrong one. The one exception is the CPU's idle and iowait ticks, which the
 * kernel documents may step back a little (Documentation/filesystems/proc.rst, "iowait"): those deltas count as
 * zero. Every point is stamped with the current frame's server time.
 *
 * <p>Thread-safe (stateless).
 */
public final class RateCalculator {

    private static final long SECTOR_BYTES = 512;

    private RateCalculator() {
    }

    /** The first frame of a stream (or the first after a break): gauges only, no rates. */
    public static List<MetricSample> gauges(String host, ProcSnapshot current) {
        List<MetricSample> out = new ArrayList<>(64);
        addGauges(host, current, out);
        return out;
    }

    /**
     * Gauges of {@code current} plus the rates between {@code previous} and {@code current}.
     *
     * @param elapsed the server's time between the two frames (see {@link StreamContinuity}); must be positive
     */
    public static List<MetricSample> step(String host, ProcSnapshot previous, ProcSnapshot current, Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("Rates need a positive elapsed time between frames, not " + elapsed + ".");
        }
        List<MetricSample> out = new ArrayList<>(160);
        addGauges(host, current, out);
        long t = current.serverTimeMillis();
        double seconds = elapsed.toNanos() / 1e9;
        if (previous.cpu().isPresent() && current.cpu().isPresent()) {
            addCpu(host, t, previous.cpu().get(), current.cpu().get(), out);
        }
        rate(host, CTXT_PER_S, previous.contextSwitches().isPresent(), previous.contextSwitches().orElse(0),
                current.contextSwitches().isPresent(), current.contextSwitches().orElse(0), 1, seconds, t, out);
        rate(host, SWAP_IN_PER_S, previous.swapInPages().isPresent(), previous.swapInPages().orElse(0),
                current.swapInPages().isPresent(), current.swapInPages().orElse(0), 1, seconds, t, out);
        rate(host, SWAP_OUT_PER_S, previous.swapOutPages().isPresent(), previous.swapOutPages().orElse(0),
                current.swapOutPages().isPresent(), current.swapOutPages().orElse(0), 1, seconds, t, out);
        Map<String, DiskCounters> disksBefore = new HashMap<>();
        previous.disks().forEach(d -> disksBefore.put(d.device(), d));
        for (DiskCounters now : current.disks()) {
            DiskCounters before = disksBefore.get(now.device());
            if (before != null) {
                addDisk(host, t, seconds, before, now, out);
            }
        }
        Map<String, NetCounters> netBefore = new HashMap<>();
        previous.interfaces().forEach(n -> netBefore.put(n.iface(), n));
        for (NetCounters now : current.interfaces()) {
            NetCounters before = netBefore.get(now.iface());
            if (before != null) {
                addNet(host, t, seconds, before, now, out);
            }
        }
        return out;
    }

    private static void addGauges(String host, ProcSnapshot s, List<MetricSample> out) {
        long t = s.serverTimeMillis();
        s.load().ifPresent(l -> {
            out.add(MetricSample.of(host, LOAD_1, t, l.one()));
            out.add(MetricSample.of(host, LOAD_5, t, l.five()));
            out.add(MetricSample.of(host, LOAD_15, t, l.fifteen()));
        });
        s.procsRunning().ifPresent(v -> out.add(MetricSample.of(host, PROCS_RUNNING, t, v)));
        s.procsBlocked().ifPresent(v -> out.add(MetricSample.of(host, PROCS_BLOCKED, t, v)));
        if (s.memory().isPresent()) {
            MemoryInfo m = s.memory().get();
            out.add(MetricSample.of(host, MEMORY_TOTAL, t, m.totalBytes()));
            out.add(MetricSample.of(host, MEMORY_AVAILABLE, t, m.availableBytes()));
            out.add(MetricSample.of(host, MEMORY_USED, t, Math.max(0, m.totalBytes() - m.availableBytes())));
            out.add(MetricSample.of(host, MEMORY_CACHED, t, m.cachedBytes()));
            out.add(MetricSample.of(host, MEMORY_FREE, t, m.freeBytes()));
            out.add(MetricSample.of(host, SWAP_TOTAL, t, m.swapTotalBytes()));
            out.add(MetricSample.of(host, SWAP_USED, t, Math.max(0, m.swapTotalBytes() - m.swapFreeBytes())));
        }
        s.filesystems().ifPresent(list -> {
            for (FsUsage fs : list) {
                out.add(MetricSample.of(host, FS_SIZE_BYTES, "mount", fs.mount(), t, fs.sizeKib() * 1024.0));
                out.add(MetricSample.of(host, FS_USED_BYTES, "mount", fs.mount(), t, fs.usedKib() * 1024.0));
                long capacity = fs.usedKib() + fs.availableKib();
                if (capacity > 0) {
                    out.add(MetricSample.of(host, FS_USED_PCT, "mount", fs.mount(), t, 100.0 * fs.usedKib() / capacity));
                }
                if (fs.inodes().isPresent() && fs.inodesUsed().isPresent() && fs.inodes().getAsLong() > 0) {
                    out.add(MetricSample.of(host, FS_INODES_USED_PCT, "mount", fs.mount(), t,
                            100.0 * fs.inodesUsed().getAsLong() / fs.inodes().getAsLong()));
                }
            }
        });
    }

    private static void addCpu(String host, long t, CpuTimes a, CpuTimes b, List<MetricSample> out) {
        long user = b.user() - a.user();
        long nice = b.nice() - a.nice();
        long system = b.system() - a.system();
        long irq = b.irq() - a.irq();
        long softirq = b.softirq() - a.softirq();
        long steal = b.steal() - a.steal();
        if (user < 0 || nice < 0 || system < 0 || irq < 0 || softirq < 0 || steal < 0) {
            return; // reset or wrap: no CPU split for this step
        }
        long idle = Math.max(0, b.idle() - a.idle());
        long iowait = Math.max(0, b.iowait() - a.iowait());
        long total = user + nice + system + irq + softirq + steal + idle + iowait;
        if (total <= 0) {
            return;
        }
        double pct = 100.0 / total;
        out.add(MetricSample.of(host, CPU_USER, t, user * pct));
        out.add(MetricSample.of(host, CPU_NICE, t, nice * pct));
        out.add(MetricSample.of(host, CPU_SYSTEM, t, system * pct));
        out.add(MetricSample.of(host, CPU_IOWAIT, t, iowait * pct));
        out.add(MetricSample.of(host, CPU_IRQ, t, irq * pct));
        out.add(MetricSample.of(host, CPU_SOFTIRQ, t, softirq * pct));
        out.add(MetricSample.of(host, CPU_STEAL, t, steal * pct));
        out.add(MetricSample.of(host, CPU_IDLE, t, idle * pct));
    }

    private static void addDisk(String host, long t, double seconds, DiskCounters a, DiskCounters b, List<MetricSample> out) {
        long reads = b.reads() - a.reads();
        long writes = b.writes() - a.writes();
        long readSectors = b.readSectors() - a.readSectors();
        long writeSectors = b.writeSectors() - a.writeSectors();
        long readMillis = b.readMillis() - a.readMillis();
        long writeMillis = b.writeMillis() - a.writeMillis();
        long ioMillis = b.ioMillis() - a.ioMillis();
        if (reads < 0 || writes < 0 || readSectors < 0 || writeSectors < 0 || readMillis < 0 || writeMillis < 0 || ioMillis < 0) {
            return;
        }
        String d = b.device();
        out.add(MetricSample.of(host, DISK_READS_PER_S, "device", d, t, reads / seconds));
        out.add(MetricSample.of(host, DISK_WRITES_PER_S, "device", d, t, writes / seconds));
        out.add(MetricSample.of(host, DISK_READ_BYTES_PER_S, "device", d, t, readSectors * SECTOR_BYTES / seconds));
        out.add(MetricSample.of(host, DISK_WRITE_BYTES_PER_S, "device", d, t, writeSectors * SECTOR_BYTES / seconds));
        long ios = reads + writes;
        out.add(MetricSample.of(host, DISK_AWAIT_MS, "device", d, t, ios == 0 ? 0.0 : (double) (readMillis + writeMillis) / ios));
        out.add(MetricSample.of(host, DISK_UTIL, "device", d, t, Math.min(100.0, ioMillis / (seconds * 1000.0) * 100.0)));
    }

    private static void addNet(String host, long t, double seconds, NetCounters a, NetCounters b, List<MetricSample> out) {
        long[] before = {a.rxBytes(), a.txBytes(), a.rxPackets(), a.txPackets(), a.rxErrors(), a.txErrors(), a.rxDrops(), a.txDrops()};
        long[] after = {b.rxBytes(), b.txBytes(), b.rxPackets(), b.txPackets(), b.rxErrors(), b.txErrors(), b.rxDrops(), b.txDrops()};
        for (int i = 0; i < before.length; i++) {
            if (after[i] < before[i]) {
                return; // driver reset or 32-bit wrap: the whole interface sits this step out
            }
        }
        String[] names = {NET_RX_BYTES, NET_TX_BYTES, NET_RX_PACKETS, NET_TX_PACKETS, NET_RX_ERRORS, NET_TX_ERRORS, NET_RX_DROPS, NET_TX_DROPS};
        for (int i = 0; i < names.length; i++) {
            out.add(MetricSample.of(host, names[i], "iface", b.iface(), t, (after[i] - before[i]) / seconds));
        }
    }

    private static void rate(String host, String metric, boolean hadBefore, long before, boolean hasNow, long now,
                             long scale, double seconds, long t, List<MetricSample> out) {
        if (hadBefore && hasNow && now >= before) {
            out.add(MetricSample.of(host, metric, t, (now - before) * (double) scale / seconds));
        }
    }
}
