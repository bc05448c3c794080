package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.services.HistoryTrends;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.timeseries.forecast.ThresholdForecast;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench forecast}: how right the time-to-full forecast is. Series: filesystems filled on this
 * machine while the workbench's sampler recorded them (tmpfs mounts filled by a script along each shape,
 * {@code bench-data/forecast/*.csv}, exported with {@code workbench store export}), and synthetic series of the
 * same shapes at production scale (one point a minute over days, Gaussian noise): steady linear growth, growth
 * with a daily sawtooth (log rotation), accelerating growth, a cleanup step, and a flat series with noise.
 *
 * <p>At 25 %, 50 % and 75 % of the time from a series' first point to its true crossing, each method sees the
 * points up to then and predicts the crossing. Reported per shape: the median relative error of the predicted
 * time to full (|predicted - true| / true time remaining; a method that predicts no crossing counts as an
 * infinite error and is counted as missed), how often the 95 % interval holds the truth, and on the flat series
 * how often a crossing is predicted within {@link #ALARM_HORIZON_H} hours (a false alarm). Methods, on the same
 * series in the same run: the product's ({@link ThresholdForecast} over the triage's window, as
 * {@link HistoryTrends} uses it), Prometheus's {@code predict_linear} over the last hour (its formula: least
 * squares over the range, extrapolated; no interval), and one least-squares fit with a prediction band over the
 * whole history (no step detection).
 */
@Command(name = "forecast", sortOptions = false,
        description = "time-to-full forecast accuracy on recorded tmpfs fills and synthetic series; predict_linear and a whole-window fit beside it",
        footer = {"", "Baselines, same series, same run: predict_linear over the last hour, least squares over the whole history."})
final class ForecastBenchmark extends CliCommand {

    static final double[] CHECKPOINTS = {0.25, 0.50, 0.75};
    /** A predicted crossing on a flat series sooner than this is a false alarm (a week: what anyone would act on). */
    static final double ALARM_HORIZON_H = 7 * 24;
    static final String[] SHAPES = {"linear", "sawtooth", "accelerating", "cleanup", "flat"};
    static final String[] METHODS = {"workbench", "predict_linear_1h", "whole_window_fit"};

    @Option(names = "--series", paramLabel = "N", description = "synthetic series per shape (default ${DEFAULT-VALUE})")
    private int perShape = 40;

    @Option(names = "--seed", paramLabel = "N", description = "random seed of the synthetic series (default ${DEFAULT-VALUE})")
    private long seed = 17;

    /** One series: points, the limit, and when it truly reaches it (empty for a flat one). */
    record Series(String shape, String source, long[] ts, double[] v, double limit, Optional<Long> truth) {
    }

    /** A method's answer at one moment. */
    record Prediction(Optional<Long> crossing, Optional<Long> earliest, Optional<Long> latest) {
    }

    @Override
    public Integer call() throws Exception {
        List<Series> all = new ArrayList<>();
        for (String shape : SHAPES) {
            real(shape).ifPresent(all::add);
        }
        Random r = new Random(seed);
        for (String shape : SHAPES) {
            for (int i = 0; i < perShape; i++) {
                all.add(synthetic(shape, r));
            }
        }
        err.println("bench forecast: " + all.size() + " series (" + all.stream().filter(s -> s.source().equals("recorded")).count()
                + " recorded on this machine), checkpoints " + Arrays.toString(CHECKPOINTS) + "...");
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("benchmark", "forecast");
        json.put("confidence", ThresholdForecast.CONFIDENCE);
        json.put("workbenchWindowHours", HistoryTrends.WINDOW.toHours());
        json.put("falseAlarmHorizonHours", ALARM_HORIZON_H);
        json.put("syntheticSeriesPerShape", perShape);
        json.put("seed", seed);
        ArrayNode results = json.putArray("results");
        for (String source : new String[] {"synthetic", "recorded"}) {
            for (String shape : SHAPES) {
                List<Series> group = all.stream().filter(s -> s.shape().equals(shape) && s.source().equals(source)).toList();
                if (group.isEmpty()) {
                    continue;
                }
                for (double p : CHECKPOINTS) {
                    ObjectNode row = results.addObject();
                    row.put("source", source);
                    row.put("shape", shape);
                    row.put("series", group.size());
                    row.put("wayToFull", p);
                    for (String method : METHODS) {
                        row.set(method, score(group, p, method));
                    }
                }
            }
        }
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return Cli.OK;
    }

    /** One method on one group at one checkpoint. */
    private static ObjectNode score(List<Series> group, double p, String method) {
        List<Double> errors = new ArrayList<>();
        int missed = 0;
        int covered = 0;
        int withInterval = 0;
        int alarms = 0;
        for (Series s : group) {
            long t0 = s.ts()[0];
            long end = s.truth().orElse(s.ts()[s.ts().length - 1]);
            long now = t0 + Math.round(p * (end - t0));
            int n = 0;
            while (n < s.ts().length && s.ts()[n] <= now) {
                n++;
            }
            long[] ts = Arrays.copyOf(s.ts(), n);
            double[] v = Arrays.copyOf(s.v(), n);
            Prediction pr = predict(method, ts, v, s.limit(), now);
            if (s.truth().isEmpty()) {
                if (pr.crossing().map(c -> c - now <= ALARM_HORIZON_H * 3_600_000).orElse(false)) {
                    alarms++;
                }
                continue;
            }
            long truth = s.truth().get();
            double remaining = truth - now;
            if (pr.crossing().isEmpty()) {
                missed++;
                errors.add(Double.POSITIVE_INFINITY);
            } else {
                errors.add(Math.abs(pr.crossing().get() - truth) / remaining);
            }
            if (!method.equals("predict_linear_1h") && pr.crossing().isPresent()) {
                withInterval++;
                if (pr.earliest().orElse(Long.MIN_VALUE) <= truth && truth <= pr.latest().orElse(Long.MAX_VALUE)) {
                    covered++;
                }
            }
        }
        ObjectNode o = Json.mapper().createObjectNode();
        if (group.get(0).truth().isEmpty()) {
            o.put("falseAlarms", alarms);
            return o;
        }
        double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = e.length % 2 == 1 ? e[e.length / 2] : (e[e.length / 2 - 1] + e[e.length / 2]) / 2;
        if (Double.isFinite(median)) {
            o.put("medianRelativeError", Math.round(median * 1000) / 1000.0);
        } else {
            o.putNull("medianRelativeError");
        }
        o.put("missed", missed);
        if (method.equals("predict_linear_1h")) {
            o.putNull("intervalCoverage");
        } else {
            // missed crossings count against coverage: no interval held the truth
            o.put("intervalCoverage", Math.round(1000.0 * covered / group.size()) / 1000.0);
            o.put("withInterval", withInterval);
        }
        return o;
    }

    static Prediction predict(String method, long[] ts, double[] v, double limit, long now) {
        switch (method) {
            case "workbench": {
                long from = now - HistoryTrends.WINDOW.toMillis();
                int i = 0;
                while (i < ts.length && ts[i] < from) {
                    i++;
                }
                ThresholdForecast.Forecast f = ThresholdForecast.forecast(Arrays.copyOfRange(ts, i, ts.length),
                        Arrays.copyOfRange(v, i, v.length), limit, now);
                return new Prediction(f.crossingMillis(), f.crossingMillis().flatMap(c -> f.earliestMillis()),
                        f.crossingMillis().flatMap(c -> f.latestMillis()));
            }
            case "predict_linear_1h": {
                int i = 0;
                while (i < ts.length && ts[i] < now - 3_600_000) {
                    i++;
                }
                return predictLinear(Arrays.copyOfRange(ts, i, ts.length), Arrays.copyOfRange(v, i, v.length), limit, now);
            }
            default:
                return band(ts, v, limit, now);
        }
    }

    /**
     * Prometheus's {@code predict_linear(v[range], t)}: the least-squares line through the samples in the range,
     * its value at t; here solved for the t where it reaches the limit (none when it heads away).
     */
    static Prediction predictLinear(long[] ts, double[] v, double limit, long now) {
        int n = ts.length;
        if (n < 2) {
            return new Prediction(Optional.empty(), Optional.empty(), Optional.empty());
        }
        // as Prometheus: x relative to the evaluation time, in seconds
        double sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            double x = (ts[i] - now) / 1000.0;
            sx += x;
            sy += v[i];
            sxy += x * v[i];
            sxx += x * x;
        }
        double covXY = sxy - sx * sy / n;
        double varX = sxx - sx * sx / n;
        double slope = covXY / varX;
        double intercept = sy / n - slope * sx / n;
        if (intercept >= limit) {
            return new Prediction(Optional.of(now), Optional.empty(), Optional.empty());
        }
        if (!(slope > 0)) {
            return new Prediction(Optional.empty(), Optional.empty(), Optional.empty());
        }
        long c = now + Math.round((limit - intercept) / slope * 1000);
        return new Prediction(Optional.of(c), Optional.empty(), Optional.empty());
    }

    /** One least-squares line over every point, with the same 95 % prediction band as the product, no step detection. */
    static Prediction band(long[] ts, double[] v, double limit, long now) {
        int n = ts.length;
        if (n < ThresholdForecast.MIN_POINTS) {
            return new Prediction(Optional.empty(), Optional.empty(), Optional.empty());
        }
        double sumX = 0, sumY = 0;
        for (int i = 0; i < n; i++) {
            sumX += (ts[i] - ts[0]) / 3.6e6;
            sumY += v[i];
        }
        double mx = sumX / n;
        double my = sumY / n;
        double sumXX = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = (ts[i] - ts[0]) / 3.6e6 - mx;
            sumXX += dx * dx;
            sxy += dx * (v[i] - my);
        }
        double sxx = sumXX;
        double b = sxy / sxx;
        double a = my - b * mx;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double e = v[i] - (a + b * (ts[i] - ts[0]) / 3.6e6);
            sse += e * e;
        }
        double s = Math.sqrt(sse / (n - 2));
        double tq = new TDistribution(n - 2).inverseCumulativeProbability(0.975);
        double nowH = (now - ts[0]) / 3.6e6;
        double horizon = nowH + Math.max(nowH, 1e-6) * 50;
        java.util.function.DoubleUnaryOperator half = x -> tq * s * Math.sqrt(1 + 1.0 / n + (x - mx) * (x - mx) / sxx);
        java.util.function.DoublePredicate centre = x -> a + b * x >= limit;
        java.util.function.DoublePredicate early = x -> a + b * x + half.applyAsDouble(x) >= limit;
        java.util.function.DoublePredicate late = x -> a + b * x - half.applyAsDouble(x) >= limit;
        Optional<Long> c = b > 0 ? first(centre, nowH, horizon).map(h -> ts[0] + Math.round(h * 3.6e6)) : Optional.empty();
        if (c.isEmpty()) {
            return new Prediction(Optional.empty(), Optional.empty(), Optional.empty());
        }
        return new Prediction(c, first(early, nowH, horizon).map(h -> ts[0] + Math.round(h * 3.6e6)),
                first(late, nowH, horizon).map(h -> ts[0] + Math.round(h * 3.6e6)));
    }

    private static Optional<Double> first(java.util.function.DoublePredicate p, double from, double to) {
        if (p.test(from)) {
            return Optional.of(from);
        }
        if (!p.test(to)) {
            return Optional.empty();
        }
        double lo = from, hi = to;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (p.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Optional.of(hi);
    }

    /**
     * A synthetic series at production scale: one point a minute, levels in %, noise 0.3 % (a busy filesystem's
     * minute-to-minute wobble), full between two and seven days after its first point.
     */
    static Series synthetic(String shape, Random r) {
        long t0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
        long minute = 60_000;
        double noise = 0.3;
        double days;
        java.util.function.DoubleUnaryOperator level; // hours -> %
        switch (shape) {
            case "linear" -> {
                double start = 20 + 30 * r.nextDouble();
                days = 2 + 4 * r.nextDouble();
                double rate = (100 - start) / (days * 24);
                level = h -> start + rate * h;
            }
            case "sawtooth" -> {
                // net growth to full in 3-7 days; within each day the logs grow by 3-8 % and rotation takes it back
                double start = 20 + 30 * r.nextDouble();
                days = 3 + 4 * r.nextDouble();
                double amp = 3 + 5 * r.nextDouble();
                double phase = 24 * r.nextDouble();
                double rate = (100 - start) / (days * 24);
                level = h -> start + rate * h + amp * (((h + phase) % 24) / 24) - amp / 2;
            }
            case "accelerating" -> {
                double start = 20 + 20 * r.nextDouble();
                days = 2 + 4 * r.nextDouble();
                double hours = days * 24;
                level = h -> start + (100 - start) * (h / hours) * (h / hours);
            }
            case "cleanup" -> {
                // filling; at 15 % of the way a cleanup frees 20-35 points; then filling on at the same rate
                double start = 40 + 20 * r.nextDouble();
                days = 2 + 4 * r.nextDouble();
                double drop = 20 + 15 * r.nextDouble();
                double hours = days * 24;
                double rate = (100 - start + drop) / hours;
                double stepAt = 0.15 * hours;
                level = h -> start + rate * h - (h >= stepAt ? drop : 0);
            }
            default -> {
                double start = 30 + 50 * r.nextDouble();
                days = 5;
                level = h -> start;
            }
        }
        boolean flat = shape.equals("flat");
        int n = (int) (days * 24 * 60) + (flat ? 0 : 24 * 60);
        List<Long> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        Long truth = null;
        for (int i = 0; i < n; i++) {
            double h = i / 60.0;
            double clean = level.applyAsDouble(h);
            if (!flat && truth == null && clean >= 100) {
                truth = t0 + i * minute;
                break;
            }
            ts.add(t0 + i * minute);
            vs.add(Math.min(100, clean + r.nextGaussian() * noise));
        }
        return new Series(shape, "synthetic", ts.stream().mapToLong(Long::longValue).toArray(),
                vs.stream().mapToDouble(Double::doubleValue).toArray(), 100, Optional.ofNullable(truth));
    }

    /**
     * The recorded fill of one shape ({@code bench-data/forecast/SHAPE.csv}, a {@code workbench store export} of
     * {@code fs.used_pct} of a tmpfs filled on this machine while {@code workbench sample --local} ran): the
     * points before the first at 100 %; the truth is the crossing interpolated between that point and the one before.
     */
    static Optional<Series> real(String shape) throws Exception {
        try (InputStream in = ForecastBenchmark.class.getResourceAsStream("/bench-data/forecast/" + shape + ".csv")) {
            if (in == null) {
                return Optional.empty();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Long> ts = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            Long truth = null;
            String line = reader.readLine(); // header: host,metric,labels,timestamp,value
            Map<String, Integer> col = new LinkedHashMap<>();
            String[] head = line.split(",");
            for (int i = 0; i < head.length; i++) {
                col.put(head[i], i);
            }
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",");
                long t = Instant.parse(f[col.get("timestamp")]).toEpochMilli();
                double v = Double.parseDouble(f[col.get("value")]);
                if (v >= 99.99 && !shape.equals("flat")) {
                    // the crossing lies between the last point below and this one (10 s apart): interpolate
                    int last = vs.size() - 1;
                    double before = vs.get(last);
                    truth = ts.get(last) + Math.round((t - ts.get(last)) * (100 - before) / Math.max(1e-9, v - before));
                    break;
                }
                ts.add(t);
                vs.add(v);
            }
            return Optional.of(new Series(shape, "recorded", ts.stream().mapToLong(Long::longValue).toArray(),
                    vs.stream().mapToDouble(Double::doubleValue).toArray(), 100, Optional.ofNullable(truth)));
        }
    }
}
