package org.incidentworkbench.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.sample.SampleMetrics;
import org.junit.jupiter.api.Test;

/**
 * sar's text of a real archive (sysstat 12.6.1, with a restart) against sadf -j of the same archive
 * (fixtures/sysstat/README-sar-text.md): the fallback for a sadf without -j gives the same points.
 */
class SarTextTest {

    private static final Comparator<MetricSample> ORDER = Comparator.comparing(MetricSample::metric)
            .thenComparing(s -> s.labels().toString()).thenComparingLong(MetricSample::timestampMillis);

    @Test
    void sarTextGivesThePointsSadfJsonGivesForTheSameArchive() throws Exception {
        SadfJson.Archive json = SadfJson.parse(fixture("sadf-j-12.6.1--same-archive-as-text.json"), "web-1", "json");
        SadfJson.Archive text = SarText.parse(fixture("sar-text-12.6.1--restart.txt"), "web-1", "text");
        assertEquals("vm", text.nodename());
        assertEquals("sar text", text.sysstatFormat());
        assertEquals(json.records(), text.records());
        List<MetricSample> a = json.samples().stream().sorted(ORDER).toList();
        List<MetricSample> b = text.samples().stream().sorted(ORDER).toList();
        assertEquals(a.size(), b.size(), "same number of points, gap markers included");
        for (int i = 0; i < a.size(); i++) {
            MetricSample x = a.get(i);
            MetricSample y = b.get(i);
            String what = x.metric() + x.labels() + "@" + Instant.ofEpochMilli(x.timestampMillis());
            assertEquals(x.metric() + x.labels() + x.timestampMillis(), y.metric() + y.labels() + y.timestampMillis(), what);
            if (Double.isNaN(x.value())) {
                assertTrue(Double.isNaN(y.value()), what + " is a gap marker in both");
            } else {
                // both print two decimals of the same figure; derived values (fs.used_pct) carry that rounding
                assertEquals(x.value(), y.value(), Math.max(0.006, Math.abs(x.value()) * 1e-6), what);
            }
        }
        assertTrue(b.stream().anyMatch(MetricSample::isGapMarker), "the LINUX RESTART breaks the series");
        long t = Instant.parse("2026-12-03T05:53:26Z").toEpochMilli();
        assertTrue(b.stream().anyMatch(s -> s.metric().equals(SampleMetrics.CPU_USER) && s.timestampMillis() == t
                && s.value() == 93.56), "the first record after the restart");
    }

    @Test
    void textWithoutASarHeaderIsRefusedWithASentence() {
        SadfJsonException e = assertThrows(SadfJsonException.class, () -> SarText.parse("Cannot open sa03: No such file\n",
                "web-1", "web-1:/var/log/sa/sa03"));
        assertTrue(e.getMessage().startsWith("web-1:/var/log/sa/sa03 is not sar output"), e.getMessage());
    }

    @Test
    void columnsGetSadfsNames() {
        assertEquals("memfree", SarText.plain("kbmemfree"));
        assertEquals("memused-percent", SarText.plain("%memused"));
        assertEquals("rxpck", SarText.plain("rxpck/s"));
        assertEquals("util-percent", SarText.plain("%util"));
        assertEquals("ldavg-1", SarText.plain("ldavg-1"));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = SarTextTest.class.getResourceAsStream("/fixtures/sysstat/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
