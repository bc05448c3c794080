package org.incidentworkbench.timeseries.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.incidentworkbench.timeseries.MetricResolution;
import org.incidentworkbench.timeseries.SeriesKey;

/**
 * A fleet of hosts producing metrics the way the sampler does, for the store's benchmark and its size
 * tests: counters read every interval and turned into rates ((current - previous) / elapsed seconds),
 * CPU shares from jiffy deltas, gauges in bytes from /proc/meminfo (whole kB) and df (1 kB blocks),
 * percentages rounded to two decimals, load averages as /proc/loadavg prints them.
 *
 * <p>Each host has 50 series: 8 CPU shares, 3 load averages, 2 process counts, context switches/s,
 * 5 memory gauges, swap used/in/out, 6 disk series for each of sda (busy) and sdb (mostly idle), 8 network
 * series for eth0 (errors and drops nearly always 0), and 4 filesystem series for each of / and /var. Hosts
 * sample every 2, 5, 5, 10 or 10 s (by host number), and each frame's timestamp drifts by the few
 * milliseconds the remote loop takes ({@code sleep} plus {@code cat}), as a real sampler's does. Load follows
 * a daily cycle with noise and occasional bursts; once a day a host's stream breaks for a minute and the
 * sampler writes a NaN gap marker into every series.
 *
 * <p>Deterministic for a given seed. Not thread-safe.
 */
public final class SyntheticFleet {

    /** Interval by host number, seconds. */
    public static final int[] INTERVALS_S = {2, 5, 5, 10, 10};
    public static final int SERIES_PER_HOST = 50;

    private final int hosts;
    private final List<List<SeriesKey>> keys = new ArrayList<>();

    public SyntheticFleet(int hosts) {
        this.hosts = hosts;
        for (int h = 0; h < hosts; h++) {
            keys.add(keysOf(hostName(h)));
        }
    }

    public static String hostName(int h) {
        return String.format("web-%02d", h + 1);
    }

    public int hosts() {
        return hosts;
    }

    /** The 50 series of host {@code h}, in the order of {@link HostData#values()}'s columns. */
    public List<SeriesKey> keys(int h) {
        return keys.get(h);
    }

    /** One host's frames: {@code ts[i]} and {@code values[series][i]}. */
    public record HostData(int host, long[] ts, double[][] values) {
        public int frames() {
            return ts.length;
        }
    }

    public static int intervalSeconds(int host) {
        return INTERVALS_S[host % INTERVALS_S.length];
    }

    /** Generates host {@code h}'s frames in {@code [fromMillis, toMillis)}. */
    public HostData generate(int h, long fromMillis, long toMillis, long seed) {
        Random r = new Random(seed * 1_000_003L + h);
        int interval = intervalSeconds(h);
        int frames = (int) ((toMillis - fromMillis) / (interval * 1000L)) + 1;
        long[] ts = new long[frames];
        double[][] v = new double[SERIES_PER_HOST][frames];
        int cpus = 4 << (h % 3);
        double memTotal = (8L << (h % 3)) * 1024 * 1024 * 1024.0;
        double cached = memTotal * 0.3;
        double used = memTotal * 0.35;
        double swapUsed = 0;
        double load1 = 1;
        double load5 = 1;
        double load15 = 1;
        double[] fsUsed = {20e9 + h * 1e8, 50e9 + h * 3e8};
        double[] fsSize = {100e9, 500e9};
        double[] inodes = {12.5, 3.2};
        long gapAt = fromMillis + (long) (r.nextDouble() * 86_400_000L);
        long t = fromMillis + r.nextInt(interval * 1000);
        int n = 0;
        while (t < toMillis && n < frames) {
            double elapsed = n == 0 ? interval : (t - ts[n - 1]) / 1000.0;
            ts[n] = t;
            if (t >= gapAt && t < gapAt + 60_000) {
                for (int s = 0; s < SERIES_PER_HOST; s++) {
                    v[s][n] = Double.NaN;
                }
                n++;
                gapAt += 86_400_000L;
                t += 60_000;
                continue;
            }
            double hourOfDay = (t % 86_400_000L) / 3_600_000.0;
            double daily = 0.5 + 0.4 * Math.sin((hourOfDay - 8) / 24 * 2 * Math.PI);
            double burst = r.nextInt(2000) == 0 ? 3 : 1;
            double busy = Math.min(0.95, Math.max(0.01, daily * 0.4 * burst + r.nextGaussian() * 0.03));
            // CPU shares from integer jiffy deltas (100 Hz, all CPUs)
            long total = Math.round(elapsed * 100 * cpus);
            long user = Math.round(total * busy * 0.7);
            long system = Math.round(total * busy * 0.22);
            long iowait = r.nextInt(10) == 0 ? r.nextInt((int) Math.max(1, total / 50)) : 0;
            long softirq = Math.round(total * busy * 0.02 + r.nextInt(3));
            long steal = h % 4 == 0 ? r.nextInt(3) : 0;
            long idle = Math.max(0, total - user - system - iowait - softirq - steal);
            int c = 0;
            v[c++][n] = pct(user, total);
            v[c++][n] = 0;
            v[c++][n] = pct(system, total);
            v[c++][n] = pct(iowait, total);
            v[c++][n] = 0;
            v[c++][n] = pct(softirq, total);
            v[c++][n] = pct(steal, total);
            v[c++][n] = pct(idle, total);
            double running = Math.max(0, Math.round(busy * cpus + r.nextGaussian()));
            double e1 = Math.exp(-elapsed / 60);
            double e5 = Math.exp(-elapsed / 300);
            double e15 = Math.exp(-elapsed / 900);
            load1 = load1 * e1 + running * (1 - e1);
            load5 = load5 * e5 + running * (1 - e5);
            load15 = load15 * e15 + running * (1 - e15);
            v[c++][n] = round2(load1);
            v[c++][n] = round2(load5);
            v[c++][n] = round2(load15);
            v[c++][n] = running;
            v[c++][n] = iowait > 0 ? r.nextInt(2) : 0;
            v[c++][n] = Math.round((2000 + 8000 * busy) * cpus * elapsed * (1 + r.nextGaussian() * 0.05)) / elapsed;
            used = clamp(used + (r.nextGaussian() * 200 + (busy - 0.2) * 50) * 4096, memTotal * 0.1, memTotal * 0.8);
            cached = clamp(cached + r.nextGaussian() * 100 * 4096 + 2048, memTotal * 0.05, memTotal - used);
            double free = Math.max(0, memTotal - used - cached);
            v[c++][n] = memTotal;
            v[c++][n] = kb(memTotal - used);
            v[c++][n] = kb(used);
            v[c++][n] = kb(cached);
            v[c++][n] = kb(free);
            boolean swapping = r.nextInt(5000) == 0;
            double swapIn = swapping ? r.nextInt(500) : 0;
            swapUsed = Math.max(0, swapUsed + (swapping ? r.nextInt(50_000) * 4096 : 0));
            v[c++][n] = kb(swapUsed);
            v[c++][n] = Math.round(swapIn * elapsed) / elapsed;
            v[c++][n] = swapping ? Math.round(r.nextInt(300) * elapsed) / elapsed : 0;
            for (int d = 0; d < 2; d++) {
                double activity = d == 0 ? busy : (r.nextInt(50) == 0 ? 0.3 : 0);
                long reads = r.nextInt(8) == 0 ? Math.round(activity * 200 * r.nextDouble() * elapsed) : 0;
                long writes = Math.round(activity * 60 * elapsed * (0.5 + r.nextDouble()));
                long readSectors = reads * (8 + r.nextInt(56));
                long writeSectors = writes * (8 + r.nextInt(24));
                double ops = reads + writes;
                double await = ops == 0 ? 0 : 0.5 + r.nextDouble() * 4;
                double util = Math.min(100, ops * (await / 1000) / elapsed * 100);
                v[c++][n] = Math.round(reads) / elapsed;
                v[c++][n] = Math.round(writes) / elapsed;
                v[c++][n] = readSectors * 512 / elapsed;
                v[c++][n] = writeSectors * 512 / elapsed;
                v[c++][n] = await;
                v[c++][n] = util;
                if (d == 0) {
                    fsUsed[1] += writeSectors * 512 * 0.05;
                }
            }
            long rxPackets = Math.round((200 + 3000 * busy) * elapsed * (0.8 + 0.4 * r.nextDouble()));
            long txPackets = Math.round(rxPackets * (0.7 + 0.2 * r.nextDouble()));
            long rxBytes = rxPackets * (200 + r.nextInt(600));
            long txBytes = txPackets * (300 + r.nextInt(900));
            v[c++][n] = rxBytes / elapsed;
            v[c++][n] = txBytes / elapsed;
            v[c++][n] = rxPackets / elapsed;
            v[c++][n] = txPackets / elapsed;
            v[c++][n] = r.nextInt(100_000) == 0 ? 1 / elapsed : 0;
            v[c++][n] = 0;
            v[c++][n] = r.nextInt(20_000) == 0 ? 2 / elapsed : 0;
            v[c++][n] = 0;
            for (int m = 0; m < 2; m++) {
                double kbUsed = Math.floor(fsUsed[m] / 1024);
                v[c++][n] = round2(kbUsed * 1024 / fsSize[m] * 100);
                v[c++][n] = inodes[m];
                v[c++][n] = kbUsed * 1024;
                v[c++][n] = fsSize[m];
                if (r.nextInt(3000) == 0) {
                    inodes[m] = round2(inodes[m] + 0.01);
                }
            }
            fsUsed[0] += r.nextInt(4) == 0 ? 4096 : 0;
            n++;
            // the remote loop sleeps for the interval, then spends a few ms reading /proc
            t += interval * 1000L + 3 + (long) Math.abs(r.nextGaussian() * 2);
        }
        if (n < frames) {
            ts = java.util.Arrays.copyOf(ts, n);
            for (int s = 0; s < SERIES_PER_HOST; s++) {
                v[s] = java.util.Arrays.copyOf(v[s], n);
            }
        }
        return new HostData(h, ts, v);
    }

    /**
     * The decimals of the values this fleet generates, per metric (as the sampler's sources have them): a store
     * filled with this fleet rounds to them, as one filled by the sampler does through the application's wiring.
     */
    public static final MetricResolution RESOLUTION = resolution();

    private static MetricResolution resolution() {
        Map<String, Integer> d = Map.ofEntries(
                Map.entry("cpu.user", 2),
                Map.entry("cpu.nice", 2),
                Map.entry("cpu.system", 2),
                Map.entry("cpu.iowait", 2),
                Map.entry("cpu.irq", 2),
                Map.entry("cpu.softirq", 2),
                Map.entry("cpu.steal", 2),
                Map.entry("cpu.idle", 2),
                Map.entry("load.1", 2),
                Map.entry("load.5", 2),
                Map.entry("load.15", 2),
                Map.entry("procs.running", 0),
                Map.entry("procs.blocked", 0),
                Map.entry("ctxt.per_s", 0),
                Map.entry("memory.total", 0),
                Map.entry("memory.available", 0),
                Map.entry("memory.used", 0),
                Map.entry("memory.cached", 0),
                Map.entry("memory.free", 0),
                Map.entry("swap.total", 0),
                Map.entry("swap.used", 0),
                Map.entry("swap.in_per_s", 1),
                Map.entry("swap.out_per_s", 1),
                Map.entry("disk.reads_per_s", 1),
                Map.entry("disk.writes_per_s", 1),
                Map.entry("disk.read_bytes_per_s", 0),
                Map.entry("disk.write_bytes_per_s", 0),
                Map.entry("disk.await_ms", 2),
                Map.entry("disk.util", 2),
                Map.entry("net.rx_bytes", 0),
                Map.entry("net.tx_bytes", 0),
                Map.entry("net.rx_packets", 1),
                Map.entry("net.tx_packets", 1),
                Map.entry("net.rx_errors", 1),
                Map.entry("net.tx_errors", 1),
                Map.entry("net.rx_drops", 1),
                Map.entry("net.tx_drops", 1),
                Map.entry("fs.used_pct", 2),
                Map.entry("fs.inodes_used_pct", 2),
                Map.entry("fs.used_bytes", 0),
                Map.entry("fs.size_bytes", 0));
        return metric -> d.getOrDefault(metric, -1);
    }

    private static double pct(long part, long total) {
        return total == 0 ? 0 : round2(part * 100.0 / total);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double kb(double bytes) {
        return Math.floor(bytes / 1024) * 1024;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static List<SeriesKey> keysOf(String host) {
        List<SeriesKey> k = new ArrayList<>();
        for (String m : List.of("cpu.user", "cpu.nice", "cpu.system", "cpu.iowait", "cpu.irq",
                "cpu.softirq", "cpu.steal", "cpu.idle", "load.1", "load.5", "load.15",
                "procs.running", "procs.blocked", "ctxt.per_s", "memory.total",
                "memory.available", "memory.used", "memory.cached", "memory.free", "swap.used",
                "swap.in_per_s", "swap.out_per_s")) {
            k.add(SeriesKey.of(host, m));
        }
        for (String dev : List.of("sda", "sdb")) {
            for (String m : List.of("disk.reads_per_s", "disk.writes_per_s", "disk.read_bytes_per_s",
                    "disk.write_bytes_per_s", "disk.await_ms", "disk.util")) {
                k.add(SeriesKey.of(host, m, "device", dev));
            }
        }
        for (String m : List.of("net.rx_bytes", "net.tx_bytes", "net.rx_packets", "net.tx_packets",
                "net.rx_errors", "net.tx_errors", "net.rx_drops", "net.tx_drops")) {
            k.add(SeriesKey.of(host, m, "iface", "eth0"));
        }
        for (String mount : List.of("/", "/var")) {
            for (String m : List.of("fs.used_pct", "fs.inodes_used_pct", "fs.used_bytes", "fs.size_bytes")) {
                k.add(SeriesKey.of(host, m, "mount", mount));
            }
        }
        if (k.size() != SERIES_PER_HOST) {
            throw new IllegalStateException("The synthetic host has " + k.size() + " series, not " + SERIES_PER_HOST + ".");
        }
        return List.copyOf(k);
    }
}
