package org.incidentworkbench.sample.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sampler's sources, in the order the loop prints them, and the metric catalogue built from them. A new
 * source is one class implementing {@link ProcSource} plus its line in {@link #ALL}; the loop, the frame parser,
 * the rates and the catalogue (units, resolution for the store) all follow from it.
 */
public final class ProcSources {

    public static final UptimeSource UPTIME = new UptimeSource();
    public static final StatSource STAT = new StatSource();
    public static final MeminfoSource MEMINFO = new MeminfoSource();
    public static final LoadavgSource LOADAVG = new LoadavgSource();
    public static final VmstatSource VMSTAT = new VmstatSource();
    public static final DiskstatsSource DISKSTATS = new DiskstatsSource();
    public static final NetDevSource NET_DEV = new NetDevSource();
    public static final PressureSource PRESSURE = new PressureSource();
    public static final DfSource DF = new DfSource();

    /** Every source; the registration line of a new one goes here. */
    public static final List<ProcSource<?>> ALL = List.of(UPTIME, STAT, MEMINFO, LOADAVG, VMSTAT, DISKSTATS, NET_DEV,
            PRESSURE, DF);

    private static final Map<String, SampledMetric> CATALOGUE = catalogue();

    private ProcSources() {
    }

    /** Every metric the sources yield, in source order. */
    public static List<SampledMetric> metrics() {
        return List.copyOf(CATALOGUE.values());
    }

    public static Optional<SampledMetric> metric(String name) {
        return Optional.ofNullable(CATALOGUE.get(name));
    }

    private static Map<String, SampledMetric> catalogue() {
        Map<String, SampledMetric> m = new LinkedHashMap<>();
        for (ProcSource<?> source : ALL) {
            for (SampledMetric metric : source.metrics()) {
                if (m.put(metric.name(), metric) != null) {
                    throw new IllegalStateException("Two sampler sources yield the metric " + metric.name()
                            + "; give one of them another name.");
                }
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
