package org.incidentworkbench.findings;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * The thresholds table of docs/findings.md, made from the rules' {@code Limits} records: one row per
 * threshold with its default, unit and {@link Reason}. A test compares the document with this, so the
 * numbers there are the numbers the code uses.
 */
public final class ThresholdTable {

    private ThresholdTable() {
    }

    /** The Markdown table for the given rules (usually {@link Findings#RULES}). */
    public static String markdown(List<FindingRule> rules) {
        StringBuilder s = new StringBuilder("| rule | threshold | default | unit | why this number |\n|---|---|---|---|---|\n");
        for (FindingRule rule : rules) {
            rule.limits().ifPresent(limits -> {
                RecordComponent[] components = limits.getClass().getRecordComponents();
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    Reason reason = c.getAnnotation(Reason.class);
                    s.append("| `").append(rule.getClass().getSimpleName()).append("` | `").append(c.getName()).append("` | ")
                            .append(value(limits, c)).append(" | ").append(limits.units().get(i)).append(" | ")
                            .append(reason == null ? "(no reason given)" : reason.value()).append(" |\n");
                }
            });
        }
        return s.toString();
    }

    private static String value(RuleLimits limits, RecordComponent c) {
        try {
            Object v = c.getAccessor().invoke(limits);
            return v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9
                    ? String.format(Locale.ROOT, "%.1f", d).replace(".0", "") : String.valueOf(v);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + limits, e);
        }
    }
}
