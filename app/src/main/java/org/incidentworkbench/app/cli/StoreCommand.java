package org.incidentworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * {@code workbench store info|series|query|export|import}: inspects and moves data of a metrics store file.
 * Every subcommand takes {@code --db FILE} (default {@link TimeSeriesStore#defaultPath()}); only
 * {@code import} creates a store that does not exist yet.
 */
public final class StoreCommand implements Command {

    private final Clock clock;

    public StoreCommand() {
        this(Clock.systemUTC());
    }

    StoreCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "store";
    }

    @Override
    public String summary() {
        return "inspect the metrics store: info, series, query a range, export and import CSV or JSON";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            help(out);
            return args.isEmpty() ? Cli.USAGE : Cli.OK;
        }
        String sub = args.get(0);
        Options o = Options.parse(args.subList(1, args.size()));
        if (o.flags.containsKey("--help") || o.flags.containsKey("-h")) {
            help(out);
            return Cli.OK;
        }
        Path db = Path.of(o.value("--db", TimeSeriesStore.defaultPath().toString()));
        switch (sub) {
            case "info" -> {
                o.allow("--db", "--json");
                try (TimeSeriesStore store = openExisting(db)) {
                    info(store.info(), o.has("--json"), out);
                }
            }
            case "series" -> {
                o.allow("--db", "--json");
                Selector selector = o.positional.isEmpty() ? null : selector(o.positional.get(0));
                try (TimeSeriesStore store = openExisting(db)) {
                    List<SeriesKey> keys = selector == null ? store.allSeries() : store.series(selector);
                    if (o.has("--json")) {
                        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(keys));
                    } else {
                        keys.forEach(k -> out.println(k + (SampleMetrics.unit(k.metric()).isEmpty() ? "" : "  [" + SampleMetrics.unit(k.metric()) + "]")));
                        err.println(keys.size() + " series.");
                    }
                }
            }
            case "query" -> {
                o.allow("--db", "--json", "--from", "--to", "--max-points", "--all");
                Selector selector = selectorOrAll(o, "a SELECTOR such as 'cpu.iowait{host=web-*}' or 'disk.*', or --all");
                long from = time(o.value("--from", "-1h"));
                long to = time(o.value("--to", "now"));
                int maxPoints = intValue(o.value("--max-points", "60"), "--max-points");
                if (to <= from) {
                    throw new UsageException("--from must be before --to.");
                }
                try (TimeSeriesStore store = openExisting(db)) {
                    if (store.series(selector).isEmpty()) {
                        return noMatch(selector, err);
                    }
                    QueryResult r = store.query(selector, from, to, maxPoints);
                    if (o.has("--json")) {
                        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(queryJson(selector, from, to, maxPoints, r)));
                    } else {
                        table(r, out);
                    }
                }
            }
            case "export" -> {
                o.allow("--db", "--from", "--to", "--format", "--out", "--all");
                Selector selector = selectorOrAll(o, "a SELECTOR such as 'disk.util{host=web-*}' or 'net.*', or --all");
                long from = time(o.value("--from", "-1h"));
                long to = time(o.value("--to", "now"));
                Path outFile = o.has("--out") ? Path.of(o.value("--out", null)) : null;
                String formatName = o.value("--format", outFile == null ? "csv" : MetricsExchange.Format.of(outFile).name());
                MetricsExchange.Format format;
                try {
                    format = MetricsExchange.Format.valueOf(formatName.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--format is csv or json, not '" + formatName + "'.");
                }
                try (TimeSeriesStore store = openExisting(db)) {
                    if (store.series(selector).isEmpty()) {
                        return noMatch(selector, err);
                    }
                }
                try (TimeSeriesStore store = openExisting(db);
                     OutputStream target = outFile == null ? new NonClosing(out) : Files.newOutputStream(outFile)) {
                    long n = MetricsExchange.export(store, selector, from, to, format, target);
                    target.flush();
                    err.println("Exported " + n + " points" + (outFile == null ? "." : " to " + outFile + "."));
                }
            }
            case "import" -> {
                o.allow("--db", "--retention");
                Path file = Path.of(o.requirePositional("the FILE to import (.csv or .json)"));
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("there is no file " + file + " to import.");
                }
                java.util.Optional<java.time.Duration> keep = o.has("--retention")
                        ? java.util.Optional.of(retention(o.value("--retention", ""))) : java.util.Optional.empty();
                try (TimeSeriesStore store = MetricStores.open(db)) {
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
            }
            default -> throw new UsageException("'" + sub + "' is not a store subcommand; use info, series, query, export or import.");
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

    private static TimeSeriesStore openExisting(Path db) throws UsageException {
        if (!Files.exists(db)) {
            throw new UsageException("there is no metrics store at " + db + ". Record some with 'workbench sample', import"
                    + " a file with 'workbench store import', or name another file with --db.");
        }
        return MetricStores.open(db);
    }

    /** The positional selector, or every series with {@code --all}; one of the two. */
    private static Selector selectorOrAll(Options o, String what) throws UsageException {
        if (o.has("--all")) {
            if (!o.positional.isEmpty()) {
                throw new UsageException("give either a SELECTOR or --all, not both ('" + o.positional.get(0) + "' and --all).");
            }
            return Selector.parse("*");
        }
        return selector(o.requirePositional(what));
    }

    /** A selector or glob that names no series: said, with where to look, and exit status 1. */
    private static int noMatch(Selector selector, PrintStream err) {
        err.println("No series match " + selector + " in this store; 'workbench store series' lists the series there"
                + " (globs: 'disk.*', 'cpu.*{host=web-?}').");
        return Cli.FAILED;
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

    private static int intValue(String text, String option) throws UsageException {
        try {
            int v = Integer.parseInt(text);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a whole number of at least 1; got '" + text + "'.");
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

    private static void help(PrintStream out) {
        out.println("Usage: workbench store SUBCOMMAND [ARGS] [--db FILE]");
        out.println("Inspects a metrics store (default " + TimeSeriesStore.defaultPath() + ").");
        out.println();
        out.println("  info                          file, schema version, series and points per tier");
        out.println("  series [SELECTOR]             list series, e.g. 'disk.util{host=web-*}'");
        out.println("  query SELECTOR|--all [--from T] [--to T] [--max-points N] [--json]");
        out.println("                                buckets with avg/min/max/count (default last hour, 60 buckets)");
        out.println("  export SELECTOR|--all [--from T] [--to T] [--format csv|json] [--out FILE]");
        out.println("                                full-resolution points (to stdout without --out)");
        out.println("  import FILE [--retention SPAN]");
        out.println("                                append a .csv or .json export (creates the store if needed); points older");
        out.println("                                than the store keeps (2 years) are refused and counted, exit status 1;");
        out.println("                                --retention 10y makes this store keep every tier that long (remembered)");
        out.println();
        out.println("SELECTOR: metric{host=GLOB,label=GLOB,...}; globs use * and ?, on the metric too ('disk.*', '*{host=web-1}');");
        out.println("  one that matches no series says so and exits 1. Metrics: 'cpu.iowait', 'disk.util',");
        out.println("  'net.rx_bytes', 'fs.used_pct', ... (see the Metrics catalogue).");
        out.println("T: now, -15m, -2h, -7d, an ISO-8601 instant (2026-01-05T10:00:00Z) or epoch milliseconds.");
    }

    /** Options as parsed: flags with values, bare flags and positional arguments. */
    private static final class Options {
        final Map<String, String> flags = new HashMap<>();
        final List<String> positional = new ArrayList<>();
        private static final List<String> BARE = List.of("--json", "--help", "-h", "--all");

        static Options parse(List<String> args) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--") || a.equals("-h")) {
                    if (BARE.contains(a)) {
                        o.flags.put(a, "");
                    } else if (i + 1 < args.size()) {
                        o.flags.put(a, args.get(++i));
                    } else {
                        throw new UsageException(a + " needs a value.");
                    }
                } else {
                    o.positional.add(a);
                }
            }
            return o;
        }

        void allow(String... names) throws UsageException {
            List<String> ok = List.of(names);
            for (String f : flags.keySet()) {
                if (!ok.contains(f)) {
                    throw new UsageException("unknown option '" + f + "' here.");
                }
            }
        }

        boolean has(String name) {
            return flags.containsKey(name);
        }

        String value(String name, String dflt) {
            return flags.getOrDefault(name, dflt);
        }

        String requirePositional(String what) throws UsageException {
            if (positional.isEmpty()) {
                throw new UsageException("give " + what + ".");
            }
            return positional.get(0);
        }
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
