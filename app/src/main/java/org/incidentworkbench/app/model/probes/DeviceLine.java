package org.incidentworkbench.app.model.probes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.app.format.Bytes;
import org.incidentworkbench.probe.Severity;

/**
 * One block device as the iostat view shows it: the USE columns first (utilisation, await, queue,
 * request rates, throughput), every other column iostat printed in {@link #more()}. NaN where iostat did
 * not print a column (the basic report has no await).
 *
 * @param utilLevel  the severity {@code disk.saturation} gives the %util, empty below its threshold
 * @param awaitLevel the severity it gives the slower of r_await and w_await (judged only with at least one
 *                   request per second, as the rule does)
 * @param more       the other columns by iostat's header name, formatted
 */
public record DeviceLine(String name, double utilPercent, double readAwaitMillis, double writeAwaitMillis,
                         double queueSize, double readsPerSecond, double writesPerSecond, double readBytesPerSecond,
                         double writeBytesPerSecond, Optional<Severity> utilLevel, Optional<Severity> awaitLevel,
                         Map<String, String> more) {

    public DeviceLine {
        more = Map.copyOf(more);
    }

    public String utilText() {
        return Double.isNaN(utilPercent) ? "" : fixed(utilPercent, 1) + " %";
    }

    public String readAwaitText() {
        return Double.isNaN(readAwaitMillis) ? "" : fixed(readAwaitMillis, 2) + " ms";
    }

    public String writeAwaitText() {
        return Double.isNaN(writeAwaitMillis) ? "" : fixed(writeAwaitMillis, 2) + " ms";
    }

    public String queueText() {
        return Double.isNaN(queueSize) ? "" : fixed(queueSize, 2);
    }

    public String readsText() {
        return Double.isNaN(readsPerSecond) ? "" : fixed(readsPerSecond, 1);
    }

    public String writesText() {
        return Double.isNaN(writesPerSecond) ? "" : fixed(writesPerSecond, 1);
    }

    public String readThroughputText() {
        return Double.isNaN(readBytesPerSecond) ? "" : Bytes.perSecond(readBytesPerSecond);
    }

    public String writeThroughputText() {
        return Double.isNaN(writeBytesPerSecond) ? "" : Bytes.perSecond(writeBytesPerSecond);
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The headers of {@link #more()} over all devices, in a stable order. */
    public static List<String> moreColumns(List<DeviceLine> devices) {
        return devices.stream().flatMap(d -> d.more().keySet().stream()).distinct().sorted().toList();
    }
}
