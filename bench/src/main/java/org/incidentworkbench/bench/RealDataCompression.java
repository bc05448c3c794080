package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.StoreInfo;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.incidentworkbench.timeseries.codec.ValueCodec;
import org.incidentworkbench.timeseries.io.MetricsExchange;

/**
 * The real-data part of {@code bench store}: points recorded on a real machine, stored in the tiered store and,
 * in the same run, encoded as Gorilla would (Pelkonen et al. 2015: per series and 2-hour block a 64-bit start,
 * delta-of-delta timestamps in the paper's buckets 0 / 7 / 9 / 12 / 32 bits, XOR values) and as CSV under gzip
 * at level 9. Targets from issue 13: chunk tier at most Gorilla and below gzip; whole file at most 1.3x the chunk tier.
 *
 * <p>Data sets (bench resources, bench-data/README.md): the sampler's own per-second /proc recording of a busy
 * 2-core build VM (Debian 12, 10 minutes, 87 series), and the same recorded values laid on 5-minute steps
 * (values as monitoring exports them, 0 to 10 significant digits; the steps of a sar or Prometheus export).
 */
final class RealDataCompression {

    static final String PROC_1S = "bench-data/proc-1s-debian12.csv.gz";
    private static final long WINDOW = 2 * 3_600_000L;

    private RealDataCompression() {
    }

    /** Measures both data sets in {@code dir}; returns the JSON node {@code realData}. */
    static ObjectNode measure(Path dir) throws IOException {
        List<SeriesPoints> recorded = load(PROC_1S);
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode sets = node.putArray("dataSets");
        long now = System.currentTimeMillis();
        sets.add(one("sampler per-second /proc recording (busy 2-core Debian 12 VM, load average about 18), native"
                + " timestamps", restamp(recorded, 0, now), dir.resolve("real-1s.mv.db")));
        sets.add(one("the same recorded values at 5-minute steps (sar / Prometheus export cadence)",
                restamp(recorded, 300_000, now), dir.resolve("real-5m.mv.db")));
        Path empty = dir.resolve("empty.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(empty, MetricStores.config())) {
            store.flush();
        }
        long emptyBytes = Files.size(empty);
        node.put("emptyStoreFileBytes", emptyBytes);
        for (var set : sets) {
            ObjectNode o = (ObjectNode) set;
            double chunkBytes = o.get("chunkTierBytesPerPoint").asDouble() * o.get("points").asLong();
            o.put("wholeFileOverChunkBeyondEmptyStore", round((o.get("wholeFileBytes").asLong() - emptyBytes) / chunkBytes));
        }
        node.put("note", "an empty store file is " + emptyBytes + " bytes (schema, indexes, H2 headers): on data sets this"
                + " small it weighs in the whole-file ratio, so the ratio beyond it is given too");
        node.put("targets", "chunk tier <= Gorilla and < gzip -9 CSV; whole file <= 1.3 x chunk tier");
        return node;
    }

    private static ObjectNode one(String description, List<SeriesPoints> series, Path file) throws IOException {
        long points = series.stream().mapToLong(SeriesPoints::size).sum();
        try (TimeSeriesStore store = TimeSeriesStore.open(file, MetricStores.config())) {
            List<Sample> all = new ArrayList<>();
            for (SeriesPoints p : series) {
                for (int i = 0; i < p.size(); i++) {
                    all.add(new Sample(p.key(), p.timestamps()[i], p.values()[i]));
                }
            }
            store.appendAll(all);
            store.compact();
        }
        StoreInfo info;
        try (TimeSeriesStore store = TimeSeriesStore.open(file, MetricStores.config())) {
            info = store.info();
        }
        long fileBytes = Files.size(file);
        long gorilla = gorillaBytes(series);
        long gzip = gzipCsvBytes(series);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("description", description);
        o.put("series", series.size());
        o.put("points", points);
        o.put("chunkTierBytesPerPoint", round((double) info.chunkBytes() / Math.max(1, info.chunkPoints())));
        o.put("chunkTierPoints", info.chunkPoints());
        o.put("wholeFileBytes", fileBytes);
        o.put("wholeFileBytesPerPoint", round((double) fileBytes / points));
        o.put("gorillaBytesPerPoint", round((double) gorilla / points));
        o.put("gzip9CsvBytesPerPoint", round((double) gzip / points));
        o.put("rollupBuckets", info.rollupBuckets().toString());
        double chunk = (double) info.chunkBytes() / Math.max(1, info.chunkPoints());
        o.put("chunkAtMostGorilla", chunk <= (double) gorilla / points);
        o.put("chunkBelowGzip", chunk < (double) gzip / points);
        o.put("wholeFileOverChunk", round(fileBytes / (chunk * points)));
        return o;
    }

    /** The recorded series, each re-stamped to end at {@code end}: natively ({@code step} 0) or every {@code step} ms. */
    static List<SeriesPoints> restamp(List<SeriesPoints> recorded, long step, long end) {
        long last = recorded.stream().mapToLong(p -> p.timestamps()[p.size() - 1]).max().orElse(end);
        long shift = Math.floorDiv(end - 3 * WINDOW - last, 1000) * 1000; // whole windows closed, seconds kept
        List<SeriesPoints> out = new ArrayList<>();
        for (SeriesPoints p : recorded) {
            long[] ts = new long[p.size()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = step == 0 ? p.timestamps()[i] + shift : end - 3 * WINDOW - (long) (ts.length - 1 - i) * step;
            }
            out.add(new SeriesPoints(p.key(), ts, p.values().clone()));
        }
        return out;
    }

    static List<SeriesPoints> load(String resource) throws IOException {
        try (InputStream raw = RealDataCompression.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IOException("the bench resource " + resource + " is missing from the bench jar.");
            }
            return MetricsExchange.readCsv(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8), resource);
        }
    }

    /** Gorilla's layout: per series and 2-hour block, 64-bit start, first delta in 27 bits, then delta-of-delta. */
    static long gorillaBytes(List<SeriesPoints> series) {
        long bytes = 0;
        for (SeriesPoints p : series) {
            int i = 0;
            while (i < p.size()) {
                long ws = Math.floorDiv(p.timestamps()[i], WINDOW) * WINDOW;
                int j = i;
                while (j < p.size() && p.timestamps()[j] < ws + WINDOW) {
                    j++;
                }
                long bits = 64 + 27; // block start, first timestamp's offset (ms within 2 h)
                long prevDelta = 0;
                for (int k = i + 1; k < j; k++) {
                    long delta = p.timestamps()[k] - p.timestamps()[k - 1];
                    long dod = k == i + 1 ? delta : delta - prevDelta;
                    bits += dod == 0 ? 1 : dod >= -63 && dod <= 64 ? 9 : dod >= -255 && dod <= 256 ? 12
                            : dod >= -2047 && dod <= 2048 ? 16 : 36;
                    prevDelta = delta;
                }
                double[] v = new double[j - i];
                System.arraycopy(p.values(), i, v, 0, v.length);
                bytes += (bits + 7) / 8 + ValueCodec.encodeGorilla(v, v.length).length;
                i = j;
            }
        }
        return bytes;
    }

    static long gzipCsvBytes(List<SeriesPoints> series) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer) {
            {
                def.setLevel(9);
            }
        }; OutputStreamWriter w = new OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            MetricsExchange.writeCsv(series, w);
        }
        return buffer.size();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
