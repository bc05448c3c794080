package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.cli.UsageException;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.StoreInfo;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.synthetic.SyntheticFleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench store}: ingest, size and query latency of the tiered store against the naive
 * layout (one H2 row per point, primary key (series, ts)), both measured in the same run on the same data.
 *
 * <p>The data set is {@link SyntheticFleet}: hosts sampled every 2-10 s as the sampler does, 50 series each,
 * ending now. The store ingests every point through {@code appendAll} (one call per host frame, as the
 * sampler's sink does), including compression of every closed window; the baseline ingests the series one
 * query reads (one metric on every host), which is enough to measure its insert rate, size and query time.
 */
@Command(name = "store", sortOptions = false,
        description = "time-series store: ingest rate, bytes/point, 7-day query latency vs one H2 row per point",
        footer = {"", "Generates N hosts x 50 sampler-like series over D days (default 20 x 50 x 7 days, about",
                "130 M points, 1.3 GB of memory; scale down with --hosts and --days), ingests them into the",
                "tiered store and the same query's series into a one-row-per-point H2 table, then queries",
                "D days x N series at 1000 points Q times in each. Prints JSON to stdout, progress to stderr.",
                "Files go to a temporary directory (or DIR) and are deleted afterwards."})
final class StoreBenchmark extends CliCommand {

    @Option(names = "--hosts", paramLabel = "N", description = "hosts (default ${DEFAULT-VALUE})")
    private int hosts = 20;
    @Option(names = "--days", paramLabel = "D", description = "days of data (default ${DEFAULT-VALUE})")
    private int days = 7;
    @Option(names = "--queries", paramLabel = "Q", description = "queries timed in each layout (default ${DEFAULT-VALUE})")
    private int queries = 40;
    @Option(names = "--seed", paramLabel = "S", description = "seed of the synthetic fleet (default ${DEFAULT-VALUE})")
    private long seed = 1;
    @Option(names = "--dir", paramLabel = "DIR", description = "where the files go (default: a temporary directory)")
    private Path dirOption;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || days < 1 || queries < 1) {
            throw new UsageException("--hosts, --days and --queries must be at least 1.");
        }
        Path dir = dirOption;
        boolean tempDir = dir == null;
        dir = tempDir ? Files.createTempDirectory("bench-store") : Files.createDirectories(dir);
        try {
            return measure(hosts, days, queries, seed, dir, out, err);
        } finally {
            if (tempDir) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private int measure(int hosts, int days, int queries, long seed, Path dir, PrintStream out, PrintStream err)
            throws Exception {
        long to = System.currentTimeMillis();
        long from = to - days * 86_400_000L;
        SyntheticFleet fleet = new SyntheticFleet(hosts);
        err.printf("bench store: generating %d hosts x %d series x %d days...%n", hosts, SyntheticFleet.SERIES_PER_HOST, days);
        long g0 = System.nanoTime();
        SyntheticFleet.HostData[] data = new SyntheticFleet.HostData[hosts];
        long points = 0;
        for (int h = 0; h < hosts; h++) {
            data[h] = fleet.generate(h, from, to, seed);
            points += (long) data[h].frames() * SyntheticFleet.SERIES_PER_HOST;
        }
        double generateSeconds = (System.nanoTime() - g0) / 1e9;
        err.printf("bench store: %,d points generated in %.1f s; ingesting into the tiered store...%n", points, generateSeconds);

        Path storeFile = dir.resolve("tiered.mv.db");
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long cpu0 = processCpuNanos();
        long i0 = System.nanoTime();
        try (TimeSeriesStore store = TimeSeriesStore.open(storeFile, MetricStores.config())) {
            int[] next = new int[hosts];
            List<Sample> frame = new ArrayList<>(SyntheticFleet.SERIES_PER_HOST);
            while (true) {
                int best = -1;
                for (int h = 0; h < hosts; h++) {
                    if (next[h] < data[h].frames() && (best < 0 || data[h].ts()[next[h]] < data[best].ts()[next[best]])) {
                        best = h;
                    }
                }
                if (best < 0) {
                    break;
                }
                int f = next[best]++;
                long ts = data[best].ts()[f];
                List<SeriesKey> keys = fleet.keys(best);
                frame.clear();
                for (int s = 0; s < SyntheticFleet.SERIES_PER_HOST; s++) {
                    frame.add(new Sample(keys.get(s), ts, data[best].values()[s][f]));
                }
                store.appendAll(frame);
            }
            store.compact();
        }
        double ingestSeconds = (System.nanoTime() - i0) / 1e9;
        double ingestCpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        err.printf("bench store: ingested in %.1f s (%.2f M points/s); querying...%n", ingestSeconds, points / ingestSeconds / 1e6);

        String metric = SampleMetrics.CPU_USER;
        Selector selector = Selector.of(metric, "*");
        StoreInfo info;
        long[] coldNanos = new long[queries];
        long[] warmNanos = new long[queries];
        long[] coldCpu = new long[queries];
        long[] warmCpu = new long[queries];
        long buckets;
        String tier;
        // cold: no decoded-block cache, every block decoded from its bytes on each run
        try (TimeSeriesStore store = TimeSeriesStore.open(storeFile, MetricStores.config().withBlockCache(0))) {
            info = store.info();
            for (int w = 0; w < 5; w++) {
                store.query(selector, from, to, 1000);
            }
            QueryResult last = null;
            for (int q = 0; q < queries; q++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                last = store.query(selector, from, to, 1000);
                coldNanos[q] = System.nanoTime() - t0;
                coldCpu[q] = processCpuNanos() - c0;
            }
            buckets = last.bucketCount();
            tier = last.series().isEmpty() ? "none" : last.series().get(0).tier();
        }
        // warm: the default cache, as a live chart refreshing the same range sees it
        try (TimeSeriesStore store = TimeSeriesStore.open(storeFile, MetricStores.config())) {
            store.query(selector, from, to, 1000);
            for (int q = 0; q < queries; q++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                store.query(selector, from, to, 1000);
                warmNanos[q] = System.nanoTime() - t0;
                warmCpu[q] = processCpuNanos() - c0;
            }
        }
        long storeFileBytes = compactedSize(storeFile);
        double chunkBytesPerPoint = (double) info.chunkBytes() / info.chunkPoints();
        err.printf("bench store: query p50 %.1f ms cold, %.1f ms warm; chunk tier %.3f bytes/point%n",
                percentile(coldNanos, 50) / 1e6, percentile(warmNanos, 50) / 1e6, chunkBytesPerPoint);

        err.println("bench store: baseline (one H2 row per point) ingesting " + hosts + " series...");
        Path baseFile = dir.resolve("baseline.mv.db");
        int metricIndex = fleet.keys(0).indexOf(SeriesKey.of(SyntheticFleet.hostName(0), metric));
        long basePoints = 0;
        long b0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(h2Url(baseFile))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE points(series_id INT, ts BIGINT, val DOUBLE, PRIMARY KEY(series_id, ts))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO points VALUES (?, ?, ?)")) {
                for (int h = 0; h < hosts; h++) {
                    double[] v = data[h].values()[metricIndex];
                    long[] ts = data[h].ts();
                    for (int f = 0; f < ts.length; f++) {
                        if (Double.isNaN(v[f])) {
                            continue; // the naive layout has no gap markers; SQL AVG cannot take NaN
                        }
                        ps.setInt(1, h);
                        ps.setLong(2, ts[f]);
                        ps.setDouble(3, org.incidentworkbench.timeseries.MetricResolution.round(v[f], SampleMetrics.decimals(metric)));
                        ps.addBatch();
                        if (++basePoints % 10_000 == 0) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
        double baseIngestSeconds = (System.nanoTime() - b0) / 1e9;
        long baseFileBytes = compactedSize(baseFile);
        long[] baseNanos = new long[queries];
        try (Connection c = DriverManager.getConnection(h2Url(baseFile));
             PreparedStatement ps = c.prepareStatement("SELECT FLOOR(ts / ?) AS b, AVG(val), MIN(val), MAX(val), COUNT(val)"
                     + " FROM points WHERE series_id = ? AND ts >= ? AND ts < ? GROUP BY b ORDER BY b")) {
            long step = (to - from) / 999;
            int baseRuns = Math.min(queries, 10); // each run reads every row; ten runs give a stable median
            baseNanos = new long[baseRuns];
            for (int q = -1; q < baseRuns; q++) {
                long t0 = System.nanoTime();
                for (int h = 0; h < hosts; h++) {
                    ps.setLong(1, step);
                    ps.setInt(2, h);
                    ps.setLong(3, from);
                    ps.setLong(4, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getDouble(2);
                        }
                    }
                }
                if (q >= 0) {
                    baseNanos[q] = System.nanoTime() - t0;
                }
            }
        }

        ObjectNode json = Json.mapper().createObjectNode();
        json.put("benchmark", "store");
        ObjectNode set = json.putObject("dataSet");
        set.put("description", "SyntheticFleet: sampler-like metrics (CPU shares from jiffy deltas with 2 decimals, load"
                + " averages, rates from counters over the real elapsed time, memory gauges in whole kB, df sizes, NaN gap"
                + " markers once a day), 50 series per host, intervals 2/5/5/10/10 s by host with a few ms of drift per"
                + " frame, ending now");
        set.put("hosts", hosts);
        set.put("seriesPerHost", SyntheticFleet.SERIES_PER_HOST);
        set.put("days", days);
        set.put("points", points);
        set.put("seed", seed);
        set.put("generateSeconds", round(generateSeconds, 1));
        ObjectNode tiered = json.putObject("tieredStore");
        tiered.put("ingestSeconds", round(ingestSeconds, 2));
        tiered.put("ingestPointsPerSecond", Math.round(points / ingestSeconds));
        tiered.put("ingestCpuSeconds", round(ingestCpuSeconds, 2));
        tiered.put("ingestPointsPerCpuSecond", Math.round(points / ingestCpuSeconds));
        tiered.put("ingestNote", "through appendAll (one call per host frame), including compression of every closed"
                + " window into chunks and rollups and the write-ahead flushes; wall time on a shared machine whose load"
                + " average was " + round(loadBefore, 1) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores at the start, so CPU time is given too");
        tiered.put("chunkTierPoints", info.chunkPoints());
        tiered.put("chunkTierBytes", info.chunkBytes());
        tiered.put("chunkTierBytesPerPoint", round(chunkBytesPerPoint, 3));
        tiered.put("fileBytesAfterCompaction", storeFileBytes);
        tiered.put("fileBytesPerPoint", round((double) storeFileBytes / points, 3));
        tiered.put("fileNote", "the file also holds 1-minute and 1-hour rollups and the write-ahead table");
        ObjectNode query = tiered.putObject("query");
        describeQuery(query, selector, days, hosts, queries, coldNanos);
        query.put("meanCpuMillis", round(Arrays.stream(coldCpu).sum() / 1e6 / queries, 2));
        query.put("cpuNote", "CPU time of the whole process per query, averaged over the runs (the OS counts it in"
                + " 10 ms steps; series are decoded in parallel): what a query costs on an idle machine");
        query.put("tier", tier);
        query.put("bucketsReturned", buckets);
        query.put("cache", "none: every 1-minute block decoded on every run");
        ObjectNode warm = tiered.putObject("queryWarm");
        describeQuery(warm, selector, days, hosts, queries, warmNanos);
        warm.put("meanCpuMillis", round(Arrays.stream(warmCpu).sum() / 1e6 / queries, 2));
        warm.put("cache", "decoded-block cache (default), as a chart refreshing the same range");
        ObjectNode base = json.putObject("baseline");
        base.put("layout", "one H2 row per point: points(series_id INT, ts BIGINT, val DOUBLE, PRIMARY KEY(series_id, ts)),"
                + " batches of 10,000; query: GROUP BY bucket in SQL");
        base.put("points", basePoints);
        base.put("ingestPointsPerSecond", Math.round(basePoints / baseIngestSeconds));
        base.put("fileBytesAfterCompaction", baseFileBytes);
        base.put("bytesPerPoint", round((double) baseFileBytes / basePoints, 3));
        ObjectNode baseQuery = base.putObject("query");
        describeQuery(baseQuery, selector, days, hosts, baseNanos.length, baseNanos);
        ObjectNode ratios = json.putObject("ratios");
        ratios.put("ingestFaster", round((points / ingestSeconds) / (basePoints / baseIngestSeconds), 1));
        ratios.put("smallerPerPoint", round(((double) baseFileBytes / basePoints) / chunkBytesPerPoint, 1));
        ratios.put("smallerPerPointWholeFile", round(((double) baseFileBytes / basePoints) / ((double) storeFileBytes / points), 1));
        ratios.put("queryFasterP50Cold", round(percentile(baseNanos, 50) / percentile(coldNanos, 50), 1));
        ratios.put("queryFasterP50Warm", round(percentile(baseNanos, 50) / percentile(warmNanos, 50), 1));
        ObjectNode targets = json.putObject("targets");
        targets.put("ingestPointsPerSecond", ">= 1,500,000");
        targets.put("chunkTierBytesPerPoint", "<= 1.0 (Gorilla paper: 1.37)");
        targets.put("queryP50Millis", "<= 20");
        targets.put("vsBaseline", ">= 20x smaller, >= 10x faster to query");
        err.println("bench store: real data (recorded by the sampler) against Gorilla and gzip -9 CSV...");
        json.set("realData", RealDataCompression.measure(dir));
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return Cli.OK;
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void describeQuery(ObjectNode q, Selector selector, int days, int hosts, int runs, long[] nanos) {
        q.put("selector", selector.toString());
        q.put("range", days + " days");
        q.put("series", hosts);
        q.put("maxPoints", 1000);
        q.put("runs", runs);
        q.put("p50Millis", round(percentile(nanos, 50) / 1e6, 2));
        q.put("p99Millis", round(percentile(nanos, 99) / 1e6, 2));
    }

    private static String h2Url(Path file) {
        String name = file.toAbsolutePath().toString();
        return "jdbc:h2:file:" + name.substring(0, name.length() - ".mv.db".length()) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The file's size after H2's full compaction (SHUTDOWN COMPACT), as it would sit on disk when idle. */
    private static long compactedSize(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection(h2Url(file)); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        return Files.size(file);
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }
}
