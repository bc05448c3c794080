package org.incidentworkbench.findings;

import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * A block device that is saturated or slow over iostat's sample: {@code %util} at or above
 * {@link Limits#deviceUtilPercentWarning()} (90), or average await at or above
 * {@link Limits#deviceAwaitMillisWarning()} (50 ms; critical from {@link Limits#deviceAwaitMillisCritical()},
 * 500 ms). Await is only judged with at least one request per second, since one slow request in an
 * idle second says little.
 */
final class DeviceSaturationRule extends ThresholdRule<DeviceSaturationRule.Limits> {

    /** This rule's thresholds; {@link #DEFAULTS} are what the product ships with. */
    public record Limits(
            @Reason("a single-queue device busy 90 % of the interval is saturated (NVMe and RAID serve requests in parallel and util overstates their load, so it is a warning, not critical)") double deviceUtilPercentWarning,
            @Reason("SSDs answer in under 1 ms and spinning disks in 5 to 20 ms, so a 50 ms average request time means queueing or a failing device") double deviceAwaitMillisWarning,
            @Reason("requests wait half a second: applications time out") double deviceAwaitMillisCritical) implements RuleLimits {

        public static final Limits DEFAULTS = new Limits(90, 50, 500);

        @Override
        public List<String> units() {
            return List.of("%", "ms", "ms");
        }
    }

    DeviceSaturationRule() {
        this(Limits.DEFAULTS);
    }

    DeviceSaturationRule(Limits t) {
        super(t);
    }

    @Override
    public List<Finding> apply(TriageReport report) {
        List<Finding> out = new ArrayList<>();
        report.get(Probes.IOSTAT).ifPresent(io -> {
            for (IostatReport.Device d : io.devices()) {
                double util = d.utilPercent().orElse(0.0);
                double rate = d.readsPerSecond().orElse(0.0) + d.writesPerSecond().orElse(0.0);
                double await = rate >= 1 ? d.awaitMillis().orElse(0.0) : 0.0;
                boolean busy = util >= t.deviceUtilPercentWarning();
                boolean slow = await >= t.deviceAwaitMillisWarning();
                if (!busy && !slow) {
                    continue;
                }
                Severity s = await >= t.deviceAwaitMillisCritical() ? Severity.CRITICAL : Severity.WARNING;
                String title = busy && slow ? d.name() + " is saturated and slow"
                        : busy ? d.name() + " is busy " + Findings.pct(util) + " of the time"
                        : d.name() + " answers in " + Findings.num(await) + " ms on average";
                out.add(new Finding(s, "disk.saturation", "iostat", title,
                        "%util " + d.utilPercent().map(Findings::pct).orElse("?") + ", await "
                                + d.awaitMillis().map(Findings::num).orElse("?") + " ms, queue "
                                + d.averageQueueSize().map(Findings::num).orElse("?") + ", " + Findings.num(rate) + " requests/s ("
                                + d.readBytesPerSecond().map(b -> Findings.bytes(Math.round(b))).orElse("?") + "/s read, "
                                + d.writeBytesPerSecond().map(b -> Findings.bytes(Math.round(b))).orElse("?") + "/s written); thresholds "
                                + Findings.num(t.deviceUtilPercentWarning()) + " % util, " + Findings.num(t.deviceAwaitMillisWarning()) + " ms",
                        "Find who does the I/O (iotop -o, or pidstat -d 1) and whether the device is failing (dmesg, "
                                + "smartctl); on NVMe or RAID a high %util alone can be normal."));
            }
        });
        return out;
    }
}
