package org.incidentworkbench.timeseries.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Export and import of full-resolution points as CSV or JSON, for a selector and range.
 *
 * <p><b>CSV</b>: header {@code host,metric,labels,timestamp,value}, one point a line; {@code labels} is
 * {@code name=value,name=value} (quoted, as CSV quotes a field with commas); {@code timestamp} is ISO-8601 UTC with milliseconds (epoch milliseconds are
 * also read); {@code value} is a number, {@code NaN} for a gap marker, or {@code Infinity}/{@code -Infinity}.
 *
 * <p><b>JSON</b>: {@code {"format":"incident-workbench-metrics","version":1,"series":[{"host":..,"metric":..,
 * "labels":{..},"timestamps":[epoch ms..],"values":[..]}]}}; a gap marker is {@code null}, infinities are the
 * strings {@code "Infinity"} and {@code "-Infinity"} (JSON has no NaN or infinity).
 *
 * <p>A malformed file raises an {@link IOException} naming the file and the line (CSV) or what is wrong;
 * nothing is imported from it then. Thread-safe: stateless.
 */
public final class MetricsExchange {

    public static final String FORMAT = "incident-workbench-metrics";
    public static final int VERSION = 1;

    public enum Format {
        CSV, JSON;

        /** The format a file name implies: {@code .json} is JSON, anything else CSV. */
        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : CSV;
        }
    }

    private MetricsExchange() {
    }

    /** Writes the points of {@code selector} in the range to {@code out}; returns the number of points. */
    public static long export(TimeSeriesStore store, Selector selector, long fromMillis, long toMillis, Format format,
                              OutputStream out) throws IOException {
        List<SeriesPoints> series = store.points(selector, fromMillis, toMillis);
        if (format == Format.JSON) {
            writeJson(series, out);
        } else {
            writeCsv(series, new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
        }
        return series.stream().mapToLong(SeriesPoints::size).sum();
    }

    /**
     * What an import did.
     *
     * @param imported      points appended
     * @param refused       points older than any tier of the store keeps ({@link TimeSeriesStore#oldestKept()}),
     *                      not appended
     * @param oldestRefused the oldest refused timestamp, epoch ms (0 when none was refused)
     * @param retention     the store's longest retention at the time, to name in the refusal
     */
    public record ImportResult(long imported, long refused, long oldestRefused, java.time.Duration retention) {
    }

    /**
     * Reads {@code file} (format from its name) and appends every point the store keeps; points older than its
     * longest retention are counted and refused rather than dropped later without a word.
     */
    public static ImportResult importFile(TimeSeriesStore store, Path file) throws IOException {
        List<SeriesPoints> series;
        try (InputStream in = Files.newInputStream(file)) {
            series = Format.of(file) == Format.JSON ? readJson(in, file.toString())
                    : readCsv(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), file.toString());
        }
        long oldestKept = store.oldestKept();
        long n = 0;
        long refused = 0;
        long oldestRefused = Long.MAX_VALUE;
        for (SeriesPoints p : series) {
            List<Sample> batch = new ArrayList<>(p.size());
            for (int i = 0; i < p.size(); i++) {
                long t = p.timestamps()[i];
                if (t < oldestKept) {
                    refused++;
                    oldestRefused = Math.min(oldestRefused, t);
                } else {
                    batch.add(new Sample(p.key(), t, p.values()[i]));
                }
            }
            store.appendAll(batch);
            n += batch.size();
        }
        return new ImportResult(n, refused, refused == 0 ? 0 : oldestRefused, store.retention());
    }

    public static void writeCsv(List<SeriesPoints> series, Writer writer) throws IOException {
        BufferedWriter w = new BufferedWriter(writer);
        w.write("host,metric,labels,timestamp,value\n");
        for (SeriesPoints p : series) {
            String prefix = csv(p.key().host()) + "," + csv(p.key().metric()) + "," + csv(p.key().labelsText()) + ",";
            for (int i = 0; i < p.size(); i++) {
                w.write(prefix);
                w.write(Instant.ofEpochMilli(p.timestamps()[i]).toString());
                w.write(',');
                w.write(number(p.values()[i]));
                w.write('\n');
            }
        }
        w.flush();
    }

    public static List<SeriesPoints> readCsv(Reader reader, String source) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String header = r.readLine();
        if (header == null || !header.replace("\uFEFF", "").trim().equalsIgnoreCase("host,metric,labels,timestamp,value")) {
            throw new IOException(source + " is not a metrics CSV: its first line must be 'host,metric,labels,timestamp,value'"
                    + (header == null ? " but the file is empty." : " but it is '" + abbreviate(header) + "'."));
        }
        Collector c = new Collector();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> f = splitCsv(line);
            if (f.size() != 5) {
                throw new IOException(source + " line " + lineNo + ": expected 5 fields (host,metric,labels,timestamp,value)"
                        + " but found " + f.size() + ".");
            }
            try {
                SeriesKey key = new SeriesKey(f.get(0), f.get(1), SeriesKey.parseLabels(f.get(2)));
                c.add(key, time(f.get(3)), parseNumber(f.get(4)));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return c.result();
    }

    public static void writeJson(List<SeriesPoints> series, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeArrayFieldStart("series");
            for (SeriesPoints p : series) {
                g.writeStartObject();
                g.writeStringField("host", p.key().host());
                g.writeStringField("metric", p.key().metric());
                g.writeObjectFieldStart("labels");
                for (var e : p.key().labels().entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("timestamps");
                for (long t : p.timestamps()) {
                    g.writeNumber(t);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("values");
                for (double v : p.values()) {
                    if (Double.isNaN(v)) {
                        g.writeNull();
                    } else if (Double.isInfinite(v)) {
                        g.writeString(v > 0 ? "Infinity" : "-Infinity");
                    } else {
                        g.writeNumber(v);
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    public static List<SeriesPoints> readJson(InputStream in, String source) throws IOException {
        com.fasterxml.jackson.databind.JsonNode root;
        try (JsonParser p = new com.fasterxml.jackson.databind.ObjectMapper().createParser(in)) {
            root = p.readValueAsTree();
        } catch (IOException e) {
            throw new IOException(source + " is not valid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ".", e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source + " is not a metrics export: it needs \"format\": \"" + FORMAT + "\".");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException(source + " has format version " + version + "; this workbench reads version " + VERSION + ".");
        }
        List<SeriesPoints> out = new ArrayList<>();
        int index = 0;
        for (var s : root.path("series")) {
            String where = source + " series " + index++;
            try {
                TreeMap<String, String> labels = new TreeMap<>();
                s.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                SeriesKey key = new SeriesKey(s.path("host").asText(null), s.path("metric").asText(null), labels);
                var ts = s.path("timestamps");
                var vs = s.path("values");
                if (!ts.isArray() || !vs.isArray() || ts.size() != vs.size()) {
                    throw new IllegalArgumentException("needs arrays 'timestamps' and 'values' of the same length");
                }
                long[] t = new long[ts.size()];
                double[] v = new double[vs.size()];
                for (int i = 0; i < t.length; i++) {
                    if (!ts.get(i).canConvertToLong()) {
                        throw new IllegalArgumentException("timestamp " + i + " is not epoch milliseconds");
                    }
                    t[i] = ts.get(i).asLong();
                    var vn = vs.get(i);
                    v[i] = vn.isNull() ? Double.NaN : vn.isNumber() ? vn.asDouble() : parseNumber(vn.asText());
                }
                out.add(new SeriesPoints(key, t, v));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage() + ".", e);
            }
        }
        return out;
    }

    private static final class Collector {
        private final java.util.LinkedHashMap<SeriesKey, long[]> ts = new java.util.LinkedHashMap<>();
        private final java.util.LinkedHashMap<SeriesKey, double[]> vs = new java.util.LinkedHashMap<>();
        private final java.util.HashMap<SeriesKey, Integer> ns = new java.util.HashMap<>();

        void add(SeriesKey key, long t, double v) {
            int n = ns.getOrDefault(key, 0);
            long[] a = ts.computeIfAbsent(key, k -> new long[16]);
            double[] b = vs.computeIfAbsent(key, k -> new double[16]);
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
                b = Arrays.copyOf(b, n * 2);
                ts.put(key, a);
                vs.put(key, b);
            }
            a[n] = t;
            b[n] = v;
            ns.put(key, n + 1);
        }

        List<SeriesPoints> result() {
            List<SeriesPoints> out = new ArrayList<>();
            for (SeriesKey k : ts.keySet()) {
                int n = ns.get(k);
                out.add(new SeriesPoints(k, Arrays.copyOf(ts.get(k), n), Arrays.copyOf(vs.get(k), n)));
            }
            return out;
        }
    }

    private static long time(String text) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            return Long.parseLong(t);
        }
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the timestamp '" + t + "' is neither ISO-8601 (2026-01-05T10:00:00Z)"
                    + " nor epoch milliseconds.");
        }
    }

    private static double parseNumber(String text) {
        String t = text.trim();
        switch (t) {
            case "NaN", "nan", "" -> {
                return Double.NaN;
            }
            case "Infinity", "+Infinity", "inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Infinity", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the value '" + t + "' is not a number.");
                }
            }
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && Double.doubleToRawLongBits(v) != Long.MIN_VALUE) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
