package org.incidentworkbench.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentworkbench.app.services.HistoryTrends;
import org.incidentworkbench.app.services.StoreService;
import org.incidentworkbench.findings.TimeToLimit;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench forecast SELECTOR}: when each matching series reaches its limit (a filesystem or its inodes
 * at 100 %, available memory at 0, swap in use at the host's swap size) or {@code --threshold}, from the
 * full-resolution points of the last {@code --window}, fitted as the triage's findings fit them
 * ({@link HistoryTrends}, {@link ThresholdForecast}): crossing time, 95 % interval, slope, points, step.
 */
@Command(name = "forecast", sortOptions = false,
        description = "when a series reaches its limit (filesystem full, memory gone): crossing time, 95 %% interval, slope, points, step",
        footer = {"", "SELECTOR as in 'workbench store query': metric{host=GLOB,label=GLOB}, e.g. 'fs.used_pct{host=web-1,mount=/var}'.",
                "Limits without --threshold: fs.used_pct and fs.inodes_used_pct 100, memory.available 0, swap.used the host's swap.total.",
                "Exit status 1 when nothing matches or no series has a limit."})
public final class ForecastCommand extends CliCommand {

    private final Clock clock;

    public ForecastCommand() {
        this(Clock.systemUTC());
    }

    ForecastCommand(Clock clock) {
        this.clock = clock;
    }

    @Parameters(paramLabel = "SELECTOR", description = "which series, e.g. 'fs.used_pct{host=web-*}'")
    private String selectorText;

    @Option(names = "--threshold", paramLabel = "V", description = "the level to forecast (default: the metric's limit)")
    private Double threshold;

    @Option(names = "--window", paramLabel = "D", description = "history fitted, e.g. 30m, 6h, 7d (default 24h, as triage)")
    private String windowText = "24h";

    @Option(names = "--json", description = "as JSON")
    private boolean json;

    @Option(names = "--db", paramLabel = "FILE", description = "the store file (default ${DEFAULT-VALUE})")
    private Path db = TimeSeriesStore.defaultPath();

    /** One series' forecast, as printed. */
    public record SeriesForecast(SeriesKey key, double threshold, ThresholdForecast.Forecast forecast, int pointsInWindow) {
    }

    @Override
    public Integer call() throws Exception {
        Selector selector;
        try {
            selector = Selector.parse(selectorText);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Duration window = window(windowText);
        if (!Files.exists(db)) {
            throw new UsageException("there is no metrics store at " + db + ". Record some with 'workbench sample', or name"
                    + " another file with --db.");
        }
        Instant now = clock.instant();
        try (StoreService store = StoreService.open(db)) {
            List<SeriesKey> keys = store.series(selector.toString());
            if (keys.isEmpty()) {
                err.println("No series match " + selector + " in this store; 'workbench store series' lists the series there.");
                return Cli.FAILED;
            }
            List<SeriesForecast> done = new java.util.ArrayList<>();
            for (SeriesKey key : keys) {
                OptionalDouble limit = threshold != null ? OptionalDouble.of(threshold) : store.limit(key);
                if (limit.isEmpty()) {
                    continue;
                }
                SeriesPoints p = store.points(key, now.minus(window), now);
                done.add(new SeriesForecast(key, limit.getAsDouble(),
                        ThresholdForecast.forecast(p.timestamps(), p.values(), limit.getAsDouble(), now.toEpochMilli()), p.size()));
            }
            if (done.isEmpty()) {
                err.println("None of the " + keys.size() + " series matching " + selector + " has a natural limit ("
                        + "fs.used_pct, fs.inodes_used_pct, memory.available, swap.used); give one with --threshold V.");
                return Cli.FAILED;
            }
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(done, now, window)));
            } else {
                done.forEach(f -> out.print(text(f, now)));
            }
        }
        return Cli.OK;
    }

    /** The text of one series: its key, then the answer, then the fit. */
    static String text(SeriesForecast s, Instant now) {
        ThresholdForecast.Forecast f = s.forecast();
        String unit = SampleMetrics.unit(s.key().metric());
        StringBuilder b = new StringBuilder(s.key().toString()).append('\n');
        if (f.crossingMillis().isPresent()) {
            long in = f.crossingMillis().get() - now.toEpochMilli();
            b.append("  reaches ").append(num(s.threshold())).append(unit.isEmpty() ? "" : " " + unit).append(" in ")
                    .append(TimeToLimit.duration(Duration.ofMillis(in))).append(", at ").append(Instant.ofEpochMilli(f.crossingMillis().get()))
                    .append('\n');
            b.append("  95 % interval: ").append(f.earliestMillis().map(t -> TimeToLimit.duration(Duration.ofMillis(t - now.toEpochMilli()))
                            + " (" + Instant.ofEpochMilli(t) + ")").orElse("?"))
                    .append(" to ").append(f.latestMillis().map(t -> TimeToLimit.duration(Duration.ofMillis(t - now.toEpochMilli()))
                            + " (" + Instant.ofEpochMilli(t) + ")").orElse("no upper bound")).append('\n');
        } else {
            b.append("  does not reach ").append(num(s.threshold())).append(unit.isEmpty() ? "" : " " + unit).append(": ")
                    .append(f.explanation()).append('\n');
        }
        b.append("  slope ").append(Double.isFinite(f.slopePerHour()) ? num(f.slopePerHour()) + (unit.isEmpty() ? "" : " " + unit) + "/h" : "-")
                .append(", ").append(f.pointsUsed()).append(" points used of ").append(s.pointsInWindow()).append(" since ")
                .append(Instant.ofEpochMilli(f.fitFromMillis())).append(", step ").append(f.stepDetected() ? "detected (fitted since it)" : "not detected")
                .append("\n\n");
        return b.toString();
    }

    private static ObjectNode json(List<SeriesForecast> all, Instant now, Duration window) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("now", now.toString());
        root.put("windowSeconds", window.toSeconds());
        root.put("confidence", ThresholdForecast.CONFIDENCE);
        ArrayNode series = root.putArray("series");
        for (SeriesForecast s : all) {
            ThresholdForecast.Forecast f = s.forecast();
            ObjectNode o = series.addObject();
            o.put("host", s.key().host());
            o.put("metric", s.key().metric());
            o.set("labels", Json.mapper().valueToTree(s.key().labels()));
            o.put("unit", SampleMetrics.unit(s.key().metric()));
            o.put("threshold", s.threshold());
            time(o, "crossing", f.crossingMillis());
            time(o, "earliest", f.crossingMillis().flatMap(c -> f.earliestMillis()));
            time(o, "latest", f.crossingMillis().flatMap(c -> f.latestMillis()));
            f.crossingMillis().ifPresentOrElse(c -> o.put("inSeconds", Math.max(0, c - now.toEpochMilli()) / 1000.0), () -> o.putNull("inSeconds"));
            if (Double.isFinite(f.slopePerHour())) {
                o.put("slopePerHour", f.slopePerHour());
            } else {
                o.putNull("slopePerHour");
            }
            o.put("rSquared", f.rSquared());
            o.put("pointsUsed", f.pointsUsed());
            o.put("pointsInWindow", s.pointsInWindow());
            o.put("fitFrom", Instant.ofEpochMilli(f.fitFromMillis()).toString());
            o.put("stepDetected", f.stepDetected());
            o.put("explanation", f.explanation());
        }
        return root;
    }

    private static void time(ObjectNode o, String name, java.util.Optional<Long> t) {
        t.ifPresentOrElse(v -> o.put(name, Instant.ofEpochMilli(v).toString()), () -> o.putNull(name));
    }

    private static String num(double v) {
        return Math.abs(v) >= 1e5 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)(s|m|h|d)");

    /** {@code 30m}, {@code 6h}, {@code 7d}. */
    static Duration window(String text) throws UsageException {
        Matcher m = SPAN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new UsageException("--window takes a span such as 30m, 6h or 7d, not '" + text + "'.");
        }
        double v = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return Duration.ofMillis(Math.round(v * unit));
    }
}
