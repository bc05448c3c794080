package org.incidentworkbench.sample.source;

import java.util.List;

/**
 * {@code /proc/uptime}'s first field: seconds since boot, the server's monotonic clock (10 ms resolution). No
 * metric of its own: rates are measured against it because it does not jump with the wall clock, and a value
 * that went down means a reboot.
 */
public final class UptimeSource implements ProcSource<Double> {

    static final String FILE = "/proc/uptime";

    @Override
    public ShellPart shell() {
        return ShellPart.files(FILE);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of();
    }

    @Override
    public Double read(Sections frame) {
        Double[] uptime = {null};
        frame.forEachLine(FILE, (from, to) -> {
            int sp = frame.indexOf(' ', from, to);
            try {
                uptime[0] = Double.parseDouble(frame.text().substring(from, sp < 0 ? to : sp));
            } catch (NumberFormatException e) {
                frame.warn(FILE, from, to);
            }
        });
        return uptime[0];
    }
}
