package org.incidentworkbench.app.ui.fleet;

import java.util.OptionalDouble;
import java.util.function.Function;
import org.incidentworkbench.app.model.FleetFigures;

/**
 * One numeric column of the fleet board: how to read it from the figures, how to print it, and
 * which direction is bad (so an outlier is only highlighted when it is worse than the group:
 * much memory available is not a problem).
 */
public enum FleetColumn {
    LOAD_PER_CORE("load\nper core", FleetFigures::loadPerCore, Bad.HIGH, "%.2f", 0.25,
            "1-minute load average divided by the CPU cores (uptime): above 1 means tasks wait for a CPU or for disk I/O"),
    CPU_USER("CPU\nuser %", FleetFigures::cpuUser, Bad.HIGH, "%.1f", 5, "CPU time in user space, % (top)"),
    CPU_SYSTEM("CPU\nsystem %", FleetFigures::cpuSystem, Bad.HIGH, "%.1f", 5, "CPU time in the kernel, % (top)"),
    CPU_IOWAIT("CPU\niowait %", FleetFigures::cpuIowait, Bad.HIGH, "%.1f", 3, "CPU idle while waiting for disk I/O, % (top)"),
    CPU_STEAL("CPU\nsteal %", FleetFigures::cpuSteal, Bad.HIGH, "%.1f", 3, "CPU time the hypervisor gave to other guests, % (top)"),
    MEM_AVAILABLE("memory\navailable", FleetFigures::memAvailableBytes, Bad.LOW, "bytes", 256.0 * 1024 * 1024,
            "Memory available to start new programs without swapping (top's avail Mem)"),
    MEM_AVAILABLE_PCT("memory\navailable %", FleetFigures::memAvailablePct, Bad.LOW, "%.0f", 5, "Available memory as % of the total"),
    FULLEST_PCT("fullest\nfilesystem", FleetFigures::fullestPct, Bad.HIGH, "%.0f %%", 5,
            "The filesystem with the highest use % and that use (df)"),
    BUSIEST_UTIL("busiest disk\n%util", FleetFigures::busiestUtilPct, Bad.HIGH, "%.0f %%", 10,
            "The block device busiest over iostat's one-second sample and its %util"),
    CLOSE_WAIT("TCP\nCLOSE-WAIT", FleetFigures::closeWait, Bad.HIGH, "%.0f", 5,
            "TCP sockets in CLOSE-WAIT (ss): the peer closed and the local program has not; many mean a leak"),
    LOG_ERRORS("log\nerrors", FleetFigures::logErrors, Bad.HIGH, "%.0f", 5,
            "Journal or syslog entries of severity err or worse in the triage's log sample");

    /** Which side of the group's median is a problem. */
    public enum Bad { HIGH, LOW }

    private final String title;
    private final Function<FleetFigures, OptionalDouble> read;
    private final Bad bad;
    private final String format;
    private final double minDifference;
    private final String description;

    FleetColumn(String title, Function<FleetFigures, OptionalDouble> read, Bad bad, String format, double minDifference,
                String description) {
        this.description = description;
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

    /** One sentence for the header's tooltip: what the figure is and where it comes from. */
    public String description() {
        return description;
    }

    /** The header, on two lines so that no header is cut: "CPU\\niowait %". */
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
