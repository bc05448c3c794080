package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.of;

import java.util.List;

/** {@code /proc/loadavg}: the three load averages (runnable plus uninterruptible tasks), printed with two decimals. */
public final class LoadavgSource implements ProcSource<LoadavgSource.LoadAverage> {

    public static final String LOAD_1 = "load.1";
    public static final String LOAD_5 = "load.5";
    public static final String LOAD_15 = "load.15";

    static final String FILE = "/proc/loadavg";

    public record LoadAverage(double one, double five, double fifteen) {
    }

    @Override
    public ShellPart shell() {
        return ShellPart.files(FILE);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                of(LOAD_1, "1", 2, "load average over 1 minute (/proc/loadavg)"),
                of(LOAD_5, "1", 2, "load average over 5 minutes (/proc/loadavg)"),
                of(LOAD_15, "1", 2, "load average over 15 minutes (/proc/loadavg)"));
    }

    @Override
    public LoadAverage read(Sections frame) {
        LoadAverage[] load = {null};
        frame.forEachLine(FILE, (from, to) -> {
            String[] f = frame.text().substring(from, to).trim().split("\\s+");
            try {
                load[0] = new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                frame.warn(FILE, from, to);
            }
        });
        return load[0];
    }

    @Override
    public void gauges(LoadAverage l, MetricOut out) {
        out.add(LOAD_1, l.one());
        out.add(LOAD_5, l.five());
        out.add(LOAD_15, l.fifteen());
    }
}
