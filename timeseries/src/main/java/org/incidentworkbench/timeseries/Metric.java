package org.incidentworkbench.timeseries;

import java.util.List;

/**
 * One entry of the {@link Metrics} catalogue.
 *
 * @param name        the metric name as stored, for example {@code disk.util}
 * @param unit        the unit of the value: {@code %}, {@code bytes}, {@code bytes/s}, {@code /s}, {@code ms}, or
 *                    {@code 1} for plain numbers such as load averages and process counts
 * @param labels      the label names a series of this metric carries, for example {@code [device]}
 * @param decimals    the resolution kept: values are rounded to this many decimal places when stored
 * @param description one line saying what it measures and where it comes from
 */
public record Metric(String name, String unit, List<String> labels, int decimals, String description) {
    public Metric {
        labels = List.copyOf(labels);
    }
}
