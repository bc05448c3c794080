package org.incidentworkbench.app.ui.fleet;

import java.util.OptionalDouble;
import java.util.function.Function;
import org.incidentworkbench.app.model.FleetFigures;

/**
 * One numeric column of the fleet table: how to read it from the figures, how to print it, and
 * which direction is bad (so an outlier is only highlighted when it is worse than the group:
 * much memory available is not a problem).
 */
public enum FleetColumn {
    LOAD_PER_CORE("load/core", FleetFigures::loadPerCore, Bad.HIGH, "%.2f", 0.25),
    CPU_USER("us %", FleetFigures::cpuUser, Bad.HIGH, "%.1f", 5),
    CPU_SYSTEM("sy %", FleetFigures::cpuSystem, Bad.HIGH, "%.1f", 5),
    CPU_IOWAIT("wa %", FleetFigures::cpuIowait, Bad.HIGH, "%.1f", 3),
    CPU_STEAL("st %", FleetFigures::cpuSteal, Bad.HIGH, "%.1f", 3),
    MEM_AVAILABLE("mem avail", FleetFigures::memAvailableBytes, Bad.LOW, "bytes", 256.0 * 1024 * 1024),
    MEM_AVAILABLE_PCT("avail %", FleetFigures::memAvailablePct, Bad.LOW, "%.0f", 5),
    FULLEST_PCT("fullest fs %", FleetFigures::fullestPct, Bad.HIGH, "%.0f", 5),
    BUSIEST_UTIL("busiest dev %util", FleetFigures::busiestUtilPct, Bad.HIGH, "%.0f", 10),
    CLOSE_WAIT("CLOSE-WAIT", FleetFigures::closeWait, Bad.HIGH, "%.0f", 5),
    LOG_ERRORS("log errors", FleetFigures::logErrors, Bad.HIGH, "%.0f", 5);

    /** Which side of the group's median is a problem. */
    public enum Bad { HIGH, LOW }

    private final String title;
    private final Function<FleetFigures, OptionalDouble> read;
    private final Bad bad;
    private final String format;
    private final double minDifference;

    FleetColumn(String title, Function<FleetFigures, OptionalDouble> read, Bad bad, String format, double minDifference) {
        this.title = title;
        this.read = read;
        this.bad = bad;
        this.format = format;
        this.minDifference = minDifference;
    }

    /** The smallest difference from the group worth highlighting (2 % vs 1 % iowait is noise). */
    public double minDifference() {
        return minDifference;
    }

    public String title() {
        return title;
    }

    public OptionalDouble read(FleetFigures f) {
        return read.apply(f);
    }

    public Bad bad() {
        return bad;
    }

    public String format(double v) {
        if (format.equals("bytes")) {
            return org.incidentworkbench.app.ui.metrics.ValueFormat.forUnit("bytes").apply(v);
        }
        return String.format(java.util.Locale.ROOT, format, v);
    }
}
