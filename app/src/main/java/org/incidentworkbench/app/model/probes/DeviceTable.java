package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.IostatReport;

/** The iostat view's rows: busiest device first, coloured at the {@code disk.saturation} thresholds. Pure. */
public final class DeviceTable {

    private DeviceTable() {
    }

    public static List<DeviceLine> of(IostatReport io) {
        FindingLimits.Rising util = FindingLimits.deviceUtilPercent();
        FindingLimits.Rising await = FindingLimits.deviceAwaitMillis();
        List<DeviceLine> out = new ArrayList<>();
        for (IostatReport.Device d : io.devices()) {
            double u = d.utilPercent().orElse(Double.NaN);
            double ra = d.readAwaitMillis().orElse(d.awaitMillis().orElse(Double.NaN));
            double wa = d.writeAwaitMillis().orElse(d.awaitMillis().orElse(Double.NaN));
            double rate = d.readsPerSecond().orElse(0.0) + d.writesPerSecond().orElse(0.0);
            double slower = Math.max(Double.isNaN(ra) ? 0 : ra, Double.isNaN(wa) ? 0 : wa);
            Map<String, String> more = new LinkedHashMap<>();
            d.transfersPerSecond().ifPresent(v -> more.put("tps", DeviceLine.fixed(v, 1)));
            d.readMergesPerSecond().ifPresent(v -> more.put("rrqm/s", DeviceLine.fixed(v, 1)));
            d.writeMergesPerSecond().ifPresent(v -> more.put("wrqm/s", DeviceLine.fixed(v, 1)));
            d.discardsPerSecond().ifPresent(v -> more.put("d/s", DeviceLine.fixed(v, 1)));
            d.awaitMillis().ifPresent(v -> more.put("await", DeviceLine.fixed(v, 2)));
            d.serviceTimeMillis().ifPresent(v -> more.put("svctm", DeviceLine.fixed(v, 2)));
            d.other().forEach((k, v) -> more.put(k, DeviceLine.fixed(v, 2)));
            out.add(new DeviceLine(d.name(), u, ra, wa, d.averageQueueSize().orElse(Double.NaN),
                    d.readsPerSecond().orElse(Double.NaN), d.writesPerSecond().orElse(Double.NaN),
                    d.readBytesPerSecond().orElse(Double.NaN), d.writeBytesPerSecond().orElse(Double.NaN),
                    Double.isNaN(u) ? Optional.empty() : util.severityOf(u),
                    // the rule judges await only with at least one request per second: one slow request in an idle second says little
                    rate >= 1 ? await.severityOf(slower) : Optional.empty(), more));
        }
        out.sort(Comparator.comparingDouble((DeviceLine l) -> Double.isNaN(l.utilPercent()) ? -1 : l.utilPercent()).reversed()
                .thenComparing(DeviceLine::name));
        return out;
    }
}
