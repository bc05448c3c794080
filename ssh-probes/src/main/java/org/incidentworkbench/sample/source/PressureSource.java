package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.labelled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Pressure stall information (Linux 4.20+, {@code CONFIG_PSI}; Documentation/accounting/psi.rst):
 * {@code /proc/pressure/cpu}, {@code memory} and {@code io}, label {@code resource}. "some" is the share of time
 * at least one task stalled on the resource, "full" the share all non-idle tasks stalled at once (the kernel
 * prints a cpu "full" line since 5.13, always 0 system-wide). The kernel's own 10-second average is kept as a
 * gauge; the {@code total} counters (microseconds stalled since boot) give the exact share of each step.
 *
 * <p>Absent on older kernels and where PSI is off ({@code psi=0}: the files exist but do not read); the loop
 * then leaves the files out and no warning is given. Under bash only {@code avg10} and {@code total} travel.
 */
public final class PressureSource implements ProcSource<Map<String, PressureSource.Pressure>> {

    public static final String SOME_AVG10 = "pressure.some_avg10";
    public static final String FULL_AVG10 = "pressure.full_avg10";
    public static final String SOME_PCT = "pressure.some_pct";
    public static final String FULL_PCT = "pressure.full_pct";
    public static final String RESOURCE = "resource";

    private static final String DIR = "/proc/pressure/";
    private static final List<String> RESOURCES = List.of("cpu", "memory", "io");

    /** One resource's line pair; {@code full} is empty where the kernel prints no full line. */
    public record Pressure(double someAvg10, long someTotalMicros, OptionalDouble fullAvg10, OptionalLong fullTotalMicros) {
    }

    @Override
    public ShellPart shell() {
        return new ShellPart(RESOURCES.stream().map(r -> DIR + r).toList(),
                "rpsi=\"^some (avg10=[0-9.]+) [^$nl]*(total=[0-9]+)$nl(full (avg10=[0-9.]+) [^$nl]*(total=[0-9]+)$nl)?\"",
                """
                /proc/pressure/*) s=$c
                  if [[ $c =~ $rpsi ]]; then s="some ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}$nl"
                  [ -n "${BASH_REMATCH[3]}" ] && s="${s}full ${BASH_REMATCH[4]} ${BASH_REMATCH[5]}$nl"; fi ;;
                """, Map.of());
    }

    @Override
    public boolean required() {
        return false; // not on every kernel
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                labelled(SOME_AVG10, RESOURCE, "%", 2, "share of the last 10 s some task stalled on the resource (/proc/pressure some avg10)"),
                labelled(FULL_AVG10, RESOURCE, "%", 2, "share of the last 10 s all non-idle tasks stalled at once (full avg10)"),
                labelled(SOME_PCT, RESOURCE, "%", 2, "share of the step some task stalled, from the some total (microseconds)"),
                labelled(FULL_PCT, RESOURCE, "%", 2, "share of the step all non-idle tasks stalled, from the full total"));
    }

    @Override
    public Map<String, Pressure> read(Sections frame) {
        Map<String, Pressure> out = new LinkedHashMap<>();
        for (String resource : RESOURCES) {
            String file = DIR + resource;
            double[] avg10 = {Double.NaN, Double.NaN};
            long[] total = {-1, -1};
            frame.forEachLine(file, (from, to) -> {
                int k = frame.startsWith("some ", from) ? 0 : frame.startsWith("full ", from) ? 1 : -1;
                if (k < 0) {
                    return;
                }
                String line = frame.text().substring(from, to);
                try {
                    avg10[k] = Double.parseDouble(field(line, "avg10="));
                    total[k] = Long.parseLong(field(line, "total="));
                } catch (NumberFormatException e) {
                    frame.warn(file, from, to);
                    avg10[k] = Double.NaN;
                    total[k] = -1;
                }
            });
            if (total[0] >= 0) {
                out.put(resource, new Pressure(avg10[0], total[0],
                        total[1] >= 0 ? OptionalDouble.of(avg10[1]) : OptionalDouble.empty(),
                        total[1] >= 0 ? OptionalLong.of(total[1]) : OptionalLong.empty()));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The value after {@code key} up to the next space; "" (which does not parse) when the key is missing. */
    private static String field(String line, String key) {
        int at = line.indexOf(key);
        if (at < 0) {
            return "";
        }
        int end = line.indexOf(' ', at);
        return line.substring(at + key.length(), end < 0 ? line.length() : end);
    }

    @Override
    public void gauges(Map<String, Pressure> now, MetricOut out) {
        now.forEach((resource, p) -> {
            out.add(SOME_AVG10, RESOURCE, resource, p.someAvg10());
            p.fullAvg10().ifPresent(v -> out.add(FULL_AVG10, RESOURCE, resource, v));
        });
    }

    @Override
    public void rates(Map<String, Pressure> before, Map<String, Pressure> now, double seconds, MetricOut out) {
        now.forEach((resource, b) -> {
            Pressure a = before.get(resource);
            if (a == null) {
                return;
            }
            share(SOME_PCT, resource, a.someTotalMicros(), b.someTotalMicros(), seconds, out);
            if (a.fullTotalMicros().isPresent() && b.fullTotalMicros().isPresent()) {
                share(FULL_PCT, resource, a.fullTotalMicros().getAsLong(), b.fullTotalMicros().getAsLong(), seconds, out);
            }
        });
    }

    /** Microseconds stalled in the step as a percentage of it (at most 100: the two clocks differ by a tick). */
    private static void share(String metric, String resource, long before, long now, double seconds, MetricOut out) {
        if (now >= before) {
            out.add(metric, RESOURCE, resource, Math.min(100.0, (now - before) / (seconds * 1e4)));
        }
    }
}
