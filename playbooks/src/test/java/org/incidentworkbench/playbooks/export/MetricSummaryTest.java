package org.incidentworkbench.playbooks.export;

import static org.incidentworkbench.playbooks.testing.DiskFullIncident.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {

    static MetricSlice slice(String metric, double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = at(i * 10).toEpochMilli();
        }
        return new MetricSlice("db-1", metric, new TreeMap<>(), t, values);
    }

    static List<JournalEvent> charted(String metric) {
        return List.of(new JournalEvent.ChartViewed(at(0), "a", metric, List.of("db-1"), at(-60), at(0)));
    }

    /** Buckets are proportional to time; a bucket without a sample repeats the previous one. */
    @Test
    void bytesAreHumanAndSparklinesFollowTheValues() {
        List<String> lines = MetricSummary.lines(charted("memory.used"),
                List.of(slice("memory.used", 1L << 30, 2L << 30, 3L << 30, 4L << 30)), at(0), at(30));
        assertEquals(List.of("`memory.used` on db-1: `▁▁▁▁▁▁▁▃▃▃▃▃▃▃▃▆▆▆▆▆▆▆▆█` 1 GiB → 4 GiB (lowest 1 GiB, highest 4 GiB)"), lines);
    }

    @Test
    void seriesThatDidNotMoveAreSummarisedNotDrawn() {
        List<String> lines = MetricSummary.lines(charted("fs.used_pct"),
                List.of(slice("fs.used_pct", 22.08, 22.1, 22.12), slice("memory.used", 1, 2)), at(0), at(30));
        assertEquals(List.of("`fs.used_pct`: none of its 1 series moved during the incident."), lines);
        assertEquals(List.of(), MetricSummary.lines(List.of(), List.of(slice("fs.used_pct", 1, 2)), at(0), at(30)),
                "nothing charted, nothing summarised");
    }

    @Test
    void valuesKeepTheirScale() {
        assertEquals("0.25", MetricSummary.num(0.25));
        assertEquals("12.5", MetricSummary.num(12.5));
        assertEquals("1234", MetricSummary.num(1234.4));
        assertEquals("1.5 MiB/s", MetricSummary.value("net.rx_bytes_per_s", 1.5 * 1024 * 1024));
        assertEquals("2.4 GiB", MetricSummary.value("memory.used", 2.4 * (1L << 30)));
        assertEquals("120 MiB", MetricSummary.value("fs.used_bytes", 120.2 * (1 << 20)));
        assertEquals("512", MetricSummary.value("memory.used", 512));
        assertEquals("2048", MetricSummary.value("net.rx_packets", 2048));
    }
}
