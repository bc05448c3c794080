package org.incidentworkbench.sample.source;

import java.util.List;

/**
 * One metric a {@link ProcSource} yields.
 *
 * @param name        dotted name as stored ({@code cpu.user})
 * @param unit        {@code %}, {@code bytes}, {@code bytes/s}, {@code /s}, {@code ms}, {@code 1}, ...
 * @param labels      label names that tell its series apart ({@code device}); empty for host-wide metrics
 * @param decimals    its resolution: the store rounds values to this many decimals (the source is no finer,
 *                    and decimal values compress to a fraction of a byte per point)
 * @param description one line for people: what it is and where it comes from
 */
public record SampledMetric(String name, String unit, List<String> labels, int decimals, String description) {

    public SampledMetric {
        labels = List.copyOf(labels);
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("A metric's resolution is 0 to 9 decimals; " + name + " has " + decimals + ".");
        }
    }

    /** A host-wide metric. */
    public static SampledMetric of(String name, String unit, int decimals, String description) {
        return new SampledMetric(name, unit, List.of(), decimals, description);
    }

    /** A metric with one label ({@code device}, {@code iface}, {@code mount}, ...). */
    public static SampledMetric labelled(String name, String label, String unit, int decimals, String description) {
        return new SampledMetric(name, unit, List.of(label), decimals, description);
    }
}
