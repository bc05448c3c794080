package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.incidentworkbench.parse.CpuSplit;

/**
 * The CPU split as the segments of one stacked bar, in the order that reads as a diagnosis: user (with
 * nice), system, iowait, steal, interrupts, idle. Pure.
 */
public final class CpuShares {

    private CpuShares() {
    }

    /**
     * One segment.
     *
     * @param key     {@code us}, {@code sy}, {@code wa}, {@code st}, {@code irq}, {@code idle} (the style class is {@code cpu-KEY})
     * @param label   what a person reads in the legend
     * @param percent share of all CPUs
     */
    public record Share(String key, String label, double percent) {
        public String text() {
            return key + " " + String.format(Locale.ROOT, "%.1f", percent) + " %";
        }
    }

    public static List<Share> of(CpuSplit cpu) {
        List<Share> out = new ArrayList<>();
        out.add(new Share("us", "user (and nice)", cpu.userPercent().orElse(0.0) + cpu.nicePercent().orElse(0.0)));
        out.add(new Share("sy", "system (kernel)", cpu.systemPercent().orElse(0.0)));
        out.add(new Share("wa", "iowait: idle with I/O outstanding", cpu.iowaitPercent().orElse(0.0)));
        out.add(new Share("st", "steal: taken by the hypervisor", cpu.stealPercent().orElse(0.0)));
        out.add(new Share("irq", "hardware and software interrupts", cpu.hardIrqPercent().orElse(0.0) + cpu.softIrqPercent().orElse(0.0)));
        out.add(new Share("idle", "idle", cpu.idlePercent().orElse(0.0)));
        return out;
    }
}
