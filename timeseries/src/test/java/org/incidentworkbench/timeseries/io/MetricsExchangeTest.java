package org.incidentworkbench.timeseries.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsExchangeTest {

    @TempDir
    Path dir;

    static final SeriesKey SDA = SeriesKey.of("web-1", "disk.util", "device", "sda");
    static final SeriesKey ODD = SeriesKey.of("db \"main\"", "custom.metric", "path", "/var/lib;x", "mode", "rw");

    private void fill(TimeSeriesStore store) {
        store.append(SDA, 1_000_000, 12.5);
        store.append(SDA, 1_005_000, Double.NaN);
        store.append(SDA, 1_010_000, 99.99);
        store.append(ODD, 1_000_000, Double.POSITIVE_INFINITY);
        store.append(ODD, 1_000_500, -0.125);
        store.append(ODD, 1_001_000, 1e300);
    }

    @Test
    void csvAndJsonRoundTripThroughAnotherStore() throws Exception {
        for (MetricsExchange.Format format : MetricsExchange.Format.values()) {
            Path file = dir.resolve("export." + format.name().toLowerCase());
            List<SeriesPoints> original;
            try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("a-" + format + ".mv.db"))) {
                fill(store);
                try (var out = Files.newOutputStream(file)) {
                    assertEquals(3, MetricsExchange.export(store, Selector.parse("disk.util{host=web-*}"), 0, 2_000_000, format, out));
                }
                original = store.points(Selector.parse("disk.util"), 0, 2_000_000);
            }
            try (TimeSeriesStore copy = TimeSeriesStore.open(dir.resolve("b-" + format + ".mv.db"))) {
                copy.keepAtLeast(java.time.Duration.ofDays(365 * 60)); // the points are of 1970
                assertEquals(3, MetricsExchange.importFile(copy, file).imported());
                assertEquals(original, copy.points(Selector.parse("disk.util"), 0, 2_000_000), format.name());
                assertTrue(Double.isNaN(copy.points(Selector.of(SDA), 0, 2_000_000).get(0).values()[1]));
            }
        }
    }

    @Test
    void specialValuesAndAwkwardNamesSurviveBothFormats() throws Exception {
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("s.mv.db"))) {
            fill(store);
            List<SeriesPoints> odd = store.points(Selector.parse("custom.metric"), 0, 2_000_000);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            MetricsExchange.writeJson(odd, json);
            assertEquals(odd, MetricsExchange.readJson(new java.io.ByteArrayInputStream(json.toByteArray()), "test"));
            java.io.StringWriter csv = new java.io.StringWriter();
            MetricsExchange.writeCsv(odd, csv);
            assertEquals(odd, MetricsExchange.readCsv(new java.io.StringReader(csv.toString()), "test"));
        }
    }

    @Test
    void malformedFilesNameTheFileAndLineAndImportNothing() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "host,metric,labels,timestamp,value\nweb-1,cpu.user,,2026-01-05T00:00:00Z,1.5\n"
                + "web-1,cpu.user,,2026-01-05T00:00:05Z,lots\n");
        Path json = dir.resolve("bad.json");
        Files.writeString(json, "{\"format\": \"something-else\"}");
        Path text = dir.resolve("notes.csv");
        Files.writeString(text, "dear diary\n");
        try (TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("t.mv.db"))) {
            IOException e = assertThrows(IOException.class, () -> MetricsExchange.importFile(store, csv));
            assertTrue(e.getMessage().contains("bad.csv line 3") && e.getMessage().contains("'lots' is not a number"), e.getMessage());
            e = assertThrows(IOException.class, () -> MetricsExchange.importFile(store, json));
            assertTrue(e.getMessage().contains("bad.json is not a metrics export"), e.getMessage());
            e = assertThrows(IOException.class, () -> MetricsExchange.importFile(store, text));
            assertTrue(e.getMessage().contains("notes.csv is not a metrics CSV"), e.getMessage());
            assertTrue(store.allSeries().isEmpty(), "nothing may be imported from a bad file");
        }
    }
}
