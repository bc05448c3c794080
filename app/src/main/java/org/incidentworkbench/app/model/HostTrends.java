package org.incidentworkbench.app.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What the metrics store knows of one host's last minutes, for its line on the fleet board: sparklines of CPU busy,
 * load and memory used, and the soonest resource to run out. Empty sparklines when the host was not sampled in
 * that window. Pure data.
 *
 * @param cpuBusyPct   100 - idle, %
 * @param load1        1-minute load average
 * @param memUsedPct   memory used (total - available) as % of total
 * @param timeToFull   the soonest filesystem or memory forecast to reach its limit, if any
 * @param asOf         when the store was read
 */
public record HostTrends(Spark cpuBusyPct, Spark load1, Spark memUsedPct, Optional<TimeToFull> timeToFull, Instant asOf) {

    public static HostTrends none(Instant asOf) {
        Spark empty = new Spark(new long[0], new double[0], "");
        return new HostTrends(empty, empty, empty, Optional.empty(), asOf);
    }

    public boolean sampled() {
        return !cpuBusyPct.isEmpty() || !load1.isEmpty() || !memUsedPct.isEmpty();
    }
}
