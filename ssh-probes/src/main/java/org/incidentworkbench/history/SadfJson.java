package org.incidentworkbench.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.incidentworkbench.sample.source.DiskstatsSource;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.sample.SampleMetrics;

/**
 * Turns the JSON that {@code sadf -j FILE -- -p -u ALL -q -r ALL -S -W -w -d -n DEV,EDEV -F MOUNT} prints into
 * points with the sampler's metric names, each tagged {@code source=sar}. The mapping, with what differs from
 * the sampler, is in docs/history.md; in short:
 * <ul>
 * <li>{@code cpu-load} of {@code "all"}: {@code usr + guest} is {@code cpu.user} and {@code nice + gnice} is
 *     {@code cpu.nice} (as /proc/stat counts them); plain {@code -u} output has {@code user}, {@code system}
 *     (sar adds irq and softirq to it there);</li>
 * <li>{@code memory} in kB becomes bytes; {@code memory.total} is not printed by sadf and is rebuilt from
 *     {@code memused}, whose meaning changed between sysstat versions (total - free before 12, total - free -
 *     buffers - cached - slab since): the candidate that agrees with {@code memused-percent} wins;</li>
 * <li>disks (whole disks, dm, md; partitions, loop, ram, fd, sr left out as the sampler does), interfaces in
 *     kB/s become bytes/s; filesystems by mount point, {@code fs.used_pct} as df computes it (used / (used +
 *     available)), available rebuilt from sar's {@code %ufsused}.</li>
 * </ul>
 * Timestamps are UTC ({@code "utc": 1} up to sysstat 12.6, {@code "tz": "UTC"} after); a record's value is
 * sar's average over the interval that ends at its timestamp. A restart between two records, or more than
 * three intervals without a record, ends every series with a gap marker ({@code NaN} 1 ms after its last point).
 *
 * <p>Thread-safe: stateless.
 */
public final class SadfJson {

    /** The label every point of a sysstat archive carries. */
    public static final String SOURCE_LABEL = "source";
    public static final String SOURCE = "sar";

    /** Documented names for figures sar has and the sampler has not (docs/history.md). */
    public static final String DISK_TRANSFERS_PER_S = "disk.transfers_per_s";
    public static final String PROCS_CREATED_PER_S = "procs.created_per_s";
    public static final String PROCS_TASKS = "procs.tasks";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    /**
     * What one archive held.
     *
     * @param nodename     the host name the archive records (sadc's uname)
     * @param sysstatFormat {@code "utc"} (sysstat up to 12.6) or {@code "tz"} (later): how the timestamps were written
     * @param records      statistics records read
     * @param samples      the points, gap markers included, in record order
     * @param warnings     what was skipped and why
     */
    public record Archive(String nodename, String sysstatFormat, int records, List<MetricSample> samples, List<String> warnings) {
        public Archive {
            samples = List.copyOf(samples);
            warnings = List.copyOf(warnings);
        }
    }

    private SadfJson() {
    }

    /**
     * Parses one archive's {@code sadf -j} output.
     *
     * @param host   the host name the points are stored under (the user's alias, not the archive's nodename)
     * @param source where the text came from, for messages (for example {@code web-1:/var/log/sysstat/sa02})
     * @throws SadfJsonException when the text is not sadf's JSON, with what was expected
     */
    public static Archive parse(String json, String host, String source) throws SadfJsonException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SadfJsonException(source + " is not sadf -j output (" + e.getOriginalMessage() + ").", e);
        }
        return parse(root, host, source);
    }

    /** Parses sadf's JSON already read (or built from sar's text by {@link SarText}). */
    static Archive parse(JsonNode root, String host, String source) throws SadfJsonException {
        JsonNode hosts = root == null ? null : root.path("sysstat").path("hosts");
        if (hosts == null || !hosts.isArray() || hosts.isEmpty()) {
            throw new SadfJsonException(source + " is not sadf -j output: it has no \"sysstat\": {\"hosts\": [...]}.");
        }
        JsonNode h = hosts.get(0);
        List<String> warnings = new ArrayList<>();
        List<Long> boots = new ArrayList<>();
        for (JsonNode r : h.path("restarts")) {
            JsonNode boot = r.path("boot");
            if (!boot.isMissingNode()) {
                boots.add(time(boot, source));
            }
        }
        Converter c = new Converter(host, warnings);
        String format = "utc";
        long previous = Long.MIN_VALUE;
        long previousInterval = 0;
        int records = 0;
        for (JsonNode s : h.path("statistics")) {
            JsonNode ts = s.path("timestamp");
            if (ts.has("tz")) {
                format = "tz";
            }
            long t = time(ts, source);
            long interval = ts.path("interval").asLong(0);
            if (previous != Long.MIN_VALUE && (restartBetween(boots, previous, t)
                    || (previousInterval > 0 && t - previous > 3 * previousInterval * 1000))) {
                c.breakSeries();
            }
            c.record(s, t);
            previous = t;
            // the first record after a restart or a long pause spans the gap: judge by the regular step
            previousInterval = interval > 0 && interval < 366L * 86_400 ? interval : previousInterval;
            records++;
        }
        return new Archive(h.path("nodename").asText(""), format, records, c.samples, warnings);
    }

    private static boolean restartBetween(List<Long> boots, long from, long to) {
        for (long b : boots) {
            if (b >= from && b < to) { // whole seconds: a restart in the second of a record came after it
                return true;
            }
        }
        return false;
    }

    /** {@code {"date": "2026-12-02", "time": "23:01:43", "utc": 1}} or {@code ..., "tz": "UTC"} as epoch ms. */
    private static long time(JsonNode ts, String source) throws SadfJsonException {
        String tz = ts.has("tz") ? ts.path("tz").asText() : ts.path("utc").asInt(1) == 1 ? "UTC" : "local";
        if (!tz.equals("UTC") && !tz.equals("GMT")) {
            throw new SadfJsonException(source + " has timestamps in local time (" + tz + "); run sadf without -t so that"
                    + " it prints UTC.");
        }
        try {
            return LocalDate.parse(ts.path("date").asText()).atTime(LocalTime.parse(ts.path("time").asText()))
                    .toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new SadfJsonException(source + " has a timestamp that is not a date and a time: " + ts + ".", e);
        }
    }

    /** Collects the points of one archive and remembers each series' last time for gap markers. */
    private static final class Converter {
        private final String host;
        private final List<String> warnings;
        private final List<MetricSample> samples = new ArrayList<>();
        private final Map<List<Object>, MetricSample> lastOfSeries = new LinkedHashMap<>();
        private final Set<String> warned = new HashSet<>();

        Converter(String host, List<String> warnings) {
            this.host = host;
            this.warnings = warnings;
        }

        void breakSeries() {
            for (MetricSample last : lastOfSeries.values()) {
                samples.add(last.withPoint(last.timestampMillis() + 1, Double.NaN));
            }
            lastOfSeries.clear();
        }

        void record(JsonNode s, long t) {
            cpu(s.path("cpu-load"), t);
            JsonNode pcs = s.path("process-and-context-switch");
            put(SampleMetrics.CTXT_PER_S, t, pcs.path("cswch"));
            put(PROCS_CREATED_PER_S, t, pcs.path("proc"));
            JsonNode q = s.path("queue");
            put(SampleMetrics.LOAD_1, t, q.path("ldavg-1"));
            put(SampleMetrics.LOAD_5, t, q.path("ldavg-5"));
            put(SampleMetrics.LOAD_15, t, q.path("ldavg-15"));
            put(SampleMetrics.PROCS_RUNNING, t, q.path("runq-sz"));
            put(SampleMetrics.PROCS_BLOCKED, t, q.path("blocked"));
            put(PROCS_TASKS, t, q.path("plist-sz"));
            JsonNode swap = s.path("swap-pages");
            put(SampleMetrics.SWAP_IN_PER_S, t, swap.path("pswpin"));
            put(SampleMetrics.SWAP_OUT_PER_S, t, swap.path("pswpout"));
            memory(s.path("memory"), t);
            disks(s.path("disk"), t);
            network(s.path("network"), t);
            filesystems(s.path("filesystems"), t);
        }

        private void cpu(JsonNode cpus, long t) {
            for (JsonNode c : cpus) {
                if (!c.path("cpu").asText().equals("all")) {
                    continue; // per-CPU lines (-P ALL): the sampler keeps the machine-wide split only
                }
                if (c.has("usr")) { // -u ALL: usr and nice leave guest time out, /proc/stat's user and nice count it
                    put(SampleMetrics.CPU_USER, t, sum(c.path("usr"), c.path("guest")));
                    put(SampleMetrics.CPU_NICE, t, sum(c.path("nice"), c.path("gnice")));
                    put(SampleMetrics.CPU_SYSTEM, t, c.path("sys"));
                    put(SampleMetrics.CPU_IRQ, t, c.path("irq"));
                    put(SampleMetrics.CPU_SOFTIRQ, t, c.path("soft"));
                } else {
                    put(SampleMetrics.CPU_USER, t, c.path("user"));
                    put(SampleMetrics.CPU_NICE, t, c.path("nice"));
                    put(SampleMetrics.CPU_SYSTEM, t, c.path("system"));
                }
                put(SampleMetrics.CPU_IOWAIT, t, c.path("iowait"));
                put(SampleMetrics.CPU_STEAL, t, c.path("steal"));
                put(SampleMetrics.CPU_IDLE, t, c.path("idle"));
            }
        }

        private void memory(JsonNode m, long t) {
            if (m.isMissingNode()) {
                return;
            }
            if (m.has("memfree") && m.has("memused")) {
                double free = m.path("memfree").asDouble();
                double used = m.path("memused").asDouble();
                double buffers = m.path("buffers").asDouble(0);
                double cached = m.path("cached").asDouble(0);
                double total = memoryTotal(free, used, buffers, cached, m.path("slab").asDouble(0),
                        m.path("memused-percent").asDouble(0));
                double available = m.has("avail") ? m.path("avail").asDouble() : free + buffers + cached;
                put(SampleMetrics.MEMORY_TOTAL, t, total * KIB);
                put(SampleMetrics.MEMORY_FREE, t, free * KIB);
                put(SampleMetrics.MEMORY_AVAILABLE, t, available * KIB);
                put(SampleMetrics.MEMORY_USED, t, Math.max(0, total - available) * KIB);
                if (m.has("cached")) {
                    put(SampleMetrics.MEMORY_CACHED, t, cached * KIB);
                }
            }
            if (m.has("swpfree") && m.has("swpused")) {
                double swpUsed = m.path("swpused").asDouble();
                put(SampleMetrics.SWAP_TOTAL, t, (m.path("swpfree").asDouble() + swpUsed) * KIB);
                put(SampleMetrics.SWAP_USED, t, swpUsed * KIB);
            }
        }

        private void disks(JsonNode disks, long t) {
            for (JsonNode d : disks) {
                String name = d.path("disk-device").asText();
                String dev = name.startsWith("/dev/") ? name.substring(5) : name;
                if (dev.isEmpty() || !DiskstatsSource.isReportedDevice(dev)) {
                    continue; // partitions, loop, ram, fd, sr: left out as the sampler leaves them out
                }
                put(DISK_TRANSFERS_PER_S, t, d.path("tps"), "device", dev);
                if (d.has("rkB")) {
                    put(SampleMetrics.DISK_READ_BYTES_PER_S, t, d.path("rkB").asDouble() * KIB, "device", dev);
                    put(SampleMetrics.DISK_WRITE_BYTES_PER_S, t, d.path("wkB").asDouble() * KIB, "device", dev);
                } else if (d.has("rd_sec")) { // before sysstat 11.7: 512-byte sectors per second
                    put(SampleMetrics.DISK_READ_BYTES_PER_S, t, d.path("rd_sec").asDouble() * 512, "device", dev);
                    put(SampleMetrics.DISK_WRITE_BYTES_PER_S, t, d.path("wr_sec").asDouble() * 512, "device", dev);
                }
                put(SampleMetrics.DISK_AWAIT_MS, t, d.path("await"), "device", dev);
                put(SampleMetrics.DISK_UTIL, t, d.path("util-percent"), "device", dev);
            }
        }

        private void network(JsonNode net, long t) {
            for (JsonNode i : net.path("net-dev")) {
                String iface = i.path("iface").asText();
                put(SampleMetrics.NET_RX_PACKETS, t, i.path("rxpck"), "iface", iface);
                put(SampleMetrics.NET_TX_PACKETS, t, i.path("txpck"), "iface", iface);
                if (i.has("rxkB")) {
                    put(SampleMetrics.NET_RX_BYTES, t, i.path("rxkB").asDouble() * KIB, "iface", iface);
                    put(SampleMetrics.NET_TX_BYTES, t, i.path("txkB").asDouble() * KIB, "iface", iface);
                }
            }
            for (JsonNode i : net.path("net-edev")) {
                String iface = i.path("iface").asText();
                put(SampleMetrics.NET_RX_ERRORS, t, i.path("rxerr"), "iface", iface);
                put(SampleMetrics.NET_TX_ERRORS, t, i.path("txerr"), "iface", iface);
                put(SampleMetrics.NET_RX_DROPS, t, i.path("rxdrop"), "iface", iface);
                put(SampleMetrics.NET_TX_DROPS, t, i.path("txdrop"), "iface", iface);
            }
        }

        private void filesystems(JsonNode fss, long t) {
            for (JsonNode f : fss) {
                if (!f.has("mountpoint")) {
                    warnOnce("filesystems", "filesystems are named by device, not mount point (sar -F without MOUNT,"
                            + " sysstat before 11.5): their figures were left out");
                    continue;
                }
                String mount = f.path("mountpoint").asText();
                double usedMb = f.path("MBfsused").asDouble();
                double sizeMb = f.path("MBfsfree").asDouble() + usedMb;
                put(SampleMetrics.FS_USED_BYTES, t, usedMb * MIB, "mount", mount);
                put(SampleMetrics.FS_SIZE_BYTES, t, sizeMb * MIB, "mount", mount);
                if (f.has("%ufsused") && sizeMb > 0) {
                    // %ufsused = (size - available) / size: available is what df -P shows as Available
                    double availableMb = sizeMb * (1 - f.path("%ufsused").asDouble() / 100);
                    double denominator = usedMb + availableMb;
                    put(SampleMetrics.FS_USED_PCT, t, denominator <= 0 ? 0 : usedMb / denominator * 100, "mount", mount);
                }
                put(SampleMetrics.FS_INODES_USED_PCT, t, f.path("%Iused"), "mount", mount);
            }
        }

        private void warnOnce(String key, String warning) {
            if (warned.add(key)) {
                warnings.add(warning);
            }
        }

        private static JsonNode sum(JsonNode a, JsonNode b) {
            if (!a.isNumber()) {
                return a;
            }
            return MAPPER.getNodeFactory().numberNode(a.asDouble() + (b.isNumber() ? b.asDouble() : 0));
        }

        private void put(String metric, long t, JsonNode value, String... label) {
            if (value.isNumber()) {
                put(metric, t, value.asDouble(), label);
            }
        }

        private void put(String metric, long t, double value, String... label) {
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put(SOURCE_LABEL, SOURCE);
            if (label.length == 2) {
                labels.put(label[0], label[1]);
            }
            MetricSample m = new MetricSample(host, metric, labels, t, value);
            samples.add(m);
            lastOfSeries.put(List.of(metric, labels), m);
        }
    }

    /**
     * {@code memory.total} in kB. sadf prints no total: {@code memused} is total - free up to sysstat 11 and
     * total - free - buffers - cached - slab since 12; {@code memused-percent} (two decimals) tells which.
     */
    static double memoryTotal(double free, double used, double buffers, double cached, double slab, double usedPercent) {
        double older = free + used;
        double newer = free + used + buffers + cached + slab;
        if (usedPercent <= 0) {
            return newer;
        }
        double implied = used * 100 / usedPercent;
        return Math.abs(implied - older) < Math.abs(implied - newer) ? older : newer;
    }

}
