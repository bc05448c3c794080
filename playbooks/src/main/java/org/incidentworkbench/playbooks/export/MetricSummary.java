package org.incidentworkbench.playbooks.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * The charts of a postmortem in text: for every metric the responders charted, the series of the
 * charted hosts that moved most over the incident, each as a sparkline with first, lowest, highest
 * and last value. A pure function of the events and the slices. Thread-safe (stateless).
 */
final class MetricSummary {

    private static final String BARS = "▁▂▃▄▅▆▇█";
    static final int WIDTH = 24;
    static final int SERIES_PER_METRIC = 3;

    private MetricSummary() {
    }

    /** Markdown list items, one per series; empty when nothing was charted or no slice matches. */
    static List<String> lines(List<JournalEvent> events, List<MetricSlice> metrics, Instant from, Instant to) {
        Set<String> charted = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.ChartViewed c) {
                charted.add(c.metric());
                hosts.addAll(c.hosts());
            }
        }
        List<String> out = new ArrayList<>();
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        for (String metric : charted) {
            List<Stats> stats = new ArrayList<>();
            for (MetricSlice s : metrics) {
                if (s.metric().equals(metric) && (hosts.isEmpty() || hosts.contains(s.host()))) {
                    Stats st = Stats.of(s, a, b);
                    if (st != null) {
                        stats.add(st);
                    }
                }
            }
            stats.sort(Comparator.comparingDouble((Stats st) -> -(st.max - st.min)).thenComparing(st -> st.slice.seriesName()));
            List<Stats> moved = stats.stream().filter(Stats::moved).toList();
            for (Stats st : moved.subList(0, Math.min(SERIES_PER_METRIC, moved.size()))) {
                out.add("`" + st.slice.seriesName() + "` on " + st.slice.host() + ": " + st.sparkline + " " + value(metric, st.first)
                        + " → " + value(metric, st.last) + " (lowest " + value(metric, st.min) + ", highest " + value(metric, st.max) + ")");
            }
            int rest = stats.size() - Math.min(SERIES_PER_METRIC, moved.size());
            if (moved.isEmpty() && !stats.isEmpty()) {
                out.add("`" + metric + "`: none of its " + stats.size() + " series moved during the incident.");
            } else if (rest > 0) {
                out.add(rest + " more `" + metric + "` series moved less or not at all; the bundle has them all.");
            }
        }
        return out;
    }

    private static final class Stats {
        MetricSlice slice;
        double first = Double.NaN;
        double last = Double.NaN;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        String sparkline;

        /** Moved by at least 1 % of its magnitude (a filesystem at 22.08-22.12 % did not move). */
        boolean moved() {
            double scale = Math.max(Math.abs(max), Math.abs(min));
            return max - min > 0 && (scale == 0 || (max - min) / scale >= 0.01);
        }

        static Stats of(MetricSlice s, long from, long to) {
            Stats st = new Stats();
            st.slice = s;
            double[] bucketMax = new double[WIDTH];
            java.util.Arrays.fill(bucketMax, Double.NaN);
            int n = 0;
            for (int i = 0; i < s.size(); i++) {
                long t = s.timestampAt(i);
                double v = s.valueAt(i);
                if (t < from || t > to || Double.isNaN(v)) {
                    continue;
                }
                n++;
                if (Double.isNaN(st.first)) {
                    st.first = v;
                }
                st.last = v;
                st.min = Math.min(st.min, v);
                st.max = Math.max(st.max, v);
                int bucket = to == from ? 0 : (int) Math.min(WIDTH - 1, (t - from) * WIDTH / (to - from + 1));
                bucketMax[bucket] = Double.isNaN(bucketMax[bucket]) ? v : Math.max(bucketMax[bucket], v);
            }
            if (n == 0) {
                return null;
            }
            StringBuilder line = new StringBuilder();
            double previous = Double.NaN;
            for (double v : bucketMax) {
                // a bucket without a sample (a slower series such as df's) holds the previous value
                double shown = Double.isNaN(v) ? previous : v;
                previous = shown;
                if (Double.isNaN(shown)) {
                    line.append(' ');
                } else {
                    int level = !st.moved() ? 0 : (int) Math.round((shown - st.min) / (st.max - st.min) * (BARS.length() - 1));
                    line.append(BARS.charAt(level));
                }
            }
            st.sparkline = "`" + line + "`";
            return st;
        }
    }

    /** Bytes for byte metrics (names with "bytes", memory.*, swap.used/total), else a plain number. */
    static String value(String metric, double v) {
        boolean bytes = metric.contains("bytes") || metric.startsWith("memory.") || metric.equals("swap.used") || metric.equals("swap.total");
        if (!bytes || Math.abs(v) < 1024) {
            return num(v);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double x = v;
        int u = -1;
        while (Math.abs(x) >= 1024 && u < units.length - 1) {
            x /= 1024;
            u++;
        }
        String text = String.format(Locale.ROOT, Math.abs(x) >= 100 ? "%.0f" : "%.1f", x).replaceAll("\\.0$", "");
        return text + " " + units[u] + (metric.endsWith("_per_s") ? "/s" : "");
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        double abs = Math.abs(v);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", v);
    }
}
