package org.incidentworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.QueryResult;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesData;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.StoreInfo;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.TimeSpec;
import org.incidentworkbench.timeseries.io.MetricsExchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench store info|series|query|export|import}: inspects and moves data of a metrics store file.
 * Every subcommand takes {@code --db FILE} (default {@link TimeSeriesStore#defaultPath()}); only
 * {@code import} creates a store that does not exist yet.
 */
@Command(name = "store", description = "inspect the metrics store: info, series, query a range, export and import CSV or JSON",
        synopsisSubcommandLabel = "SUBCOMMAND",
        customSynopsis = "workbench store SUBCOMMAND [ARGS] [--db FILE]",
        footer = {"", "SELECTOR: metric{host=GLOB,label=GLOB,...}; globs use * and ?, on the metric too ('disk.*', '*{host=web-1}');",
                "  one that matches no series says so and exits 1. Metrics: 'cpu.iowait', 'disk.util',",
                "  'net.rx_bytes', 'fs.used_pct', ... (see the Metrics catalogue).",
                "T: now, -15m, -2h, -7d, an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch milliseconds."})
public final class StoreCommand extends CliCommand {

    private final Clock clock;

    public StoreCommand() {
        this(Clock.systemUTC());
    }

    StoreCommand(Clock clock) {
        this.clock = clock;
    }

    /** {@code --db FILE}, which every subcommand takes. */
    static final class Db {
        @Option(names = "--db", paramLabel = "FILE", description = "the store file (default ${DEFAULT-VALUE})")
        Path file = TimeSeriesStore.defaultPath();
    }

    @Command(name = "info", description = "file, schema version, series and points per tier")
    int info(@Mixin Db db, @Option(names = "--json", description = "as JSON") boolean json) throws Exception {
        try (TimeSeriesStore store = openExisting(db.file)) {
            info(store.info(), json, out);
        }
        return Cli.OK;
    }

    @Command(name = "series", description = "list series, e.g. 'disk.util{host=web-*}'")
    int series(@Mixin Db db, @Option(names = "--json", description = "as JSON") boolean json,
               @Parameters(paramLabel = "SELECTOR", arity = "0..1", description = "which series (default: all)") String selectorText)
            throws Exception {
        Selector selector = selectorText == null ? null : selector(selectorText);
        try (TimeSeriesStore store = openExisting(db.file)) {
            List<SeriesKey> keys = selector == null ? store.allSeries() : store.series(selector);
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(keys));
            } else {
                keys.forEach(k -> out.println(k + (SampleMetrics.unit(k.metric()).isEmpty() ? "" : "  [" + SampleMetrics.unit(k.metric()) + "]")));
                err.println(keys.size() + " series.");
            }
        }
        return Cli.OK;
    }

    @Command(name = "query", description = "buckets with avg/min/max/count (default last hour, 60 buckets)")
    int query(@Mixin Db db, @Option(names = "--json", description = "as JSON") boolean json,
              @Option(names = "--all", description = "every series instead of a SELECTOR") boolean all,
              @Option(names = "--from", paramLabel = "T", defaultValue = "-1h", description = "start (default ${DEFAULT-VALUE})") String fromText,
              @Option(names = "--to", paramLabel = "T", defaultValue = "now", description = "end (default ${DEFAULT-VALUE})") String toText,
              @Option(names = "--max-points", paramLabel = "N", defaultValue = "60", description = "buckets per series (default ${DEFAULT-VALUE})")
              int maxPoints,
              @Parameters(paramLabel = "SELECTOR", arity = "0..1", description = "for example 'cpu.iowait{host=web-*}' or 'disk.*'")
              String selectorText) throws Exception {
        Selector selector = selectorOrAll(selectorText, all, "a SELECTOR such as 'cpu.iowait{host=web-*}' or 'disk.*', or --all");
        long from = time(fromText);
        long to = time(toText);
        if (maxPoints < 1) {
            throw new UsageException("--max-points takes a whole number of at least 1; got '" + maxPoints + "'.");
        }
        if (to <= from) {
            throw new UsageException("--from must be before --to.");
        }
        try (TimeSeriesStore store = openExisting(db.file)) {
            if (store.series(selector).isEmpty()) {
                return noMatch(selector);
            }
            QueryResult r = store.query(selector, from, to, maxPoints);
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(queryJson(selector, from, to, maxPoints, r)));
            } else {
                table(r, out);
            }
        }
        return Cli.OK;
    }

    @Command(name = "export", description = "full-resolution points (to stdout without --out)")
    int export(@Mixin Db db, @Option(names = "--all", description = "every series instead of a SELECTOR") boolean all,
               @Option(names = "--from", paramLabel = "T", defaultValue = "-1h", description = "start (default ${DEFAULT-VALUE})") String fromText,
               @Option(names = "--to", paramLabel = "T", defaultValue = "now", description = "end (default ${DEFAULT-VALUE})") String toText,
               @Option(names = "--format", paramLabel = "csv|json", description = "default: from --out's extension, else csv")
               String formatName,
               @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout") Path outFile,
               @Parameters(paramLabel = "SELECTOR", arity = "0..1", description = "for example 'disk.util{host=web-*}' or 'net.*'")
               String selectorText) throws Exception {
        Selector selector = selectorOrAll(selectorText, all, "a SELECTOR such as 'disk.util{host=web-*}' or 'net.*', or --all");
        long from = time(fromText);
        long to = time(toText);
        String name = formatName != null ? formatName : outFile == null ? "csv" : MetricsExchange.Format.of(outFile).name();
        MetricsExchange.Format format;
        try {
            format = MetricsExchange.Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format is csv or json, not '" + name + "'.");
        }
        try (TimeSeriesStore store = openExisting(db.file)) {
            if (store.series(selector).isEmpty()) {
                return noMatch(selector);
            }
        }
        try (TimeSeriesStore store = openExisting(db.file);
             OutputStream target = outFile == null ? new NonClosing(out) : Files.newOutputStream(outFile)) {
            long n = MetricsExchange.export(store, selector, from, to, format, target);
            target.flush();
            err.println("Exported " + n + " points" + (outFile == null ? "." : " to " + outFile + "."));
        }
        return Cli.OK;
    }

    @Command(name = "import", description = {"append a .csv or .json export (creates the store if needed); points older",
            "than the store keeps (2 years) are refused and counted, exit status 1"})
    int importFile(@Mixin Db db,
                   @Option(names = "--retention", paramLabel = "SPAN", description = "make this store keep every tier this long"
                           + " (400d, 52w, 10y; remembered in the file)") String retentionText,
                   @Parameters(paramLabel = "FILE", description = "a .csv or .json export") Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("there is no file " + file + " to import.");
        }
        java.util.Optional<java.time.Duration> keep = retentionText == null ? java.util.Optional.empty()
                : java.util.Optional.of(retention(retentionText));
        try (TimeSeriesStore store = MetricStores.open(db.file)) {
            keep.ifPresent(store::keepAtLeast);
            MetricsExchange.ImportResult r = MetricsExchange.importFile(store, file);
            store.flush();
            err.println("Imported " + r.imported() + " points from " + file + " into " + store.file() + ".");
            if (r.refused() > 0) {
                long years = (clock.millis() - r.oldestRefused()) / (365L * 86_400_000) + 1;
                err.println("Refused " + r.refused() + " points older than this store keeps (" + days(r.retention())
                        + "; the oldest is " + Instant.ofEpochMilli(r.oldestRefused()) + "). To keep them, import again"
                        + " with --retention " + years + "y: the store then keeps every tier that long.");
                return Cli.FAILED;
            }
        }
        return Cli.OK;
    }

    /** {@code 400d}, {@code 52w}, {@code 10y} (365 days): how long the store keeps every tier. */
    static java.time.Duration retention(String text) throws UsageException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})([dwy])").matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new UsageException("--retention takes a span such as 400d, 52w or 10y, not '" + text + "'.");
        }
        long n = Long.parseLong(m.group(1));
        return java.time.Duration.ofDays(switch (m.group(2)) {
            case "w" -> n * 7;
            case "y" -> n * 365;
            default -> n;
        });
    }

    private static String days(java.time.Duration d) {
        long days = d.toDays();
        return days % 365 == 0 ? days / 365 + (days == 365 ? " year" : " years") : days + " days";
    }

    /** The positional selector, or every series with {@code --all}; one of the two. */
    private static Selector selectorOrAll(String selectorText, boolean all, String what) throws UsageException {
        if (all) {
            if (selectorText != null) {
                throw new UsageException("give either a SELECTOR or --all, not both ('" + selectorText + "' and --all).");
            }
            return Selector.parse("*");
        }
        if (selectorText == null) {
            throw new UsageException("give " + what + ".");
        }
        return selector(selectorText);
    }

    /** A selector or glob that names no series: said, with where to look, and exit status 1. */
    private int noMatch(Selector selector) {
        err.println("No series match " + selector + " in this store; 'workbench store series' lists the series there"
                + " (globs: 'disk.*', 'cpu.*{host=web-?}').");
        return Cli.FAILED;
    }

    private static TimeSeriesStore openExisting(Path db) throws UsageException {
        if (!Files.exists(db)) {
            throw new UsageException("there is no metrics store at " + db + ". Record some with 'workbench sample', import"
                    + " a file with 'workbench store import', or name another file with --db.");
        }
        return MetricStores.open(db);
    }

    private static Selector selector(String text) throws UsageException {
        try {
            return Selector.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private long time(String text) throws UsageException {
        try {
            return TimeSpec.parse(text, clock);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void info(StoreInfo i, boolean json, PrintStream out) throws Exception {
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(i));
            return;
        }
        out.println("file:            " + i.file());
        out.println("schema version:  " + i.schemaVersion());
        out.printf("file size:       %,d bytes%n", i.fileBytes());
        out.println("series:          " + i.seriesCount());
        out.printf("points in memory (write-ahead): %,d%n", i.hotPoints());
        out.printf("points in chunks: %,d (%,d bytes, %.3f bytes/point)%n", i.chunkPoints(), i.chunkBytes(),
                i.chunkPoints() == 0 ? 0.0 : (double) i.chunkBytes() / i.chunkPoints());
        i.rollupBuckets().forEach((tier, n) -> out.printf("rollup buckets %s: %,d%n", tier, n));
        out.println("oldest:          " + i.firstMillis().map(t -> Instant.ofEpochMilli(t).toString()).orElse("-"));
        out.println("newest:          " + i.lastMillis().map(t -> Instant.ofEpochMilli(t).toString()).orElse("-"));
    }

    private static void table(QueryResult r, PrintStream out) {
        for (SeriesData d : r.series()) {
            String unit = SampleMetrics.unit(d.key().metric());
            out.println(d.key() + "  tier " + d.tier() + ", " + d.size() + " buckets" + (unit.isEmpty() ? "" : ", unit " + unit));
            out.printf("  %-24s %14s %14s %14s %7s%n", "time (UTC)", "avg", "min", "max", "count");
            for (int i = 0; i < d.size(); i++) {
                out.printf("  %-24s %14s %14s %14s %7d%n", Instant.ofEpochMilli(d.timestamps()[i]), num(d.avg()[i]),
                        num(d.min()[i]), num(d.max()[i]), d.count()[i]);
            }
            out.println();
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "gap";
        }
        return Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static ObjectNode queryJson(Selector selector, long from, long to, int maxPoints, QueryResult r) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("selector", selector.toString());
        root.put("from", Instant.ofEpochMilli(from).toString());
        root.put("to", Instant.ofEpochMilli(to).toString());
        root.put("maxPoints", maxPoints);
        ArrayNode series = root.putArray("series");
        for (SeriesData d : r.series()) {
            ObjectNode s = series.addObject();
            s.put("host", d.key().host());
            s.put("metric", d.key().metric());
            s.set("labels", Json.mapper().valueToTree(d.key().labels()));
            s.put("unit", SampleMetrics.unit(d.key().metric()));
            s.put("tier", d.tier());
            ArrayNode pts = s.putArray("buckets");
            for (int i = 0; i < d.size(); i++) {
                ObjectNode p = pts.addObject();
                p.put("t", Instant.ofEpochMilli(d.timestamps()[i]).toString());
                if (d.count()[i] == 0) {
                    p.putNull("avg");
                    p.putNull("min");
                    p.putNull("max");
                } else {
                    p.put("avg", d.avg()[i]);
                    p.put("min", d.min()[i]);
                    p.put("max", d.max()[i]);
                }
                p.put("count", d.count()[i]);
            }
        }
        return root;
    }

    /** Lets a try-with-resources close the export target without closing stdout. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
