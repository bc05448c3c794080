package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.parse.WReport;
import org.incidentworkbench.probe.Severity;

/** The one-line answers of the w and uptime probes: who else is here, how long up and how loaded. Pure. */
public final class HostSummary {

    private HostSummary() {
    }

    /**
     * uptime's line: {@code up 3 d 4 h; load 0.84, 0.76, 0.36 (1, 5, 15 min) on 2 cores: 0.42 per core}.
     */
    public static String uptime(UptimeReport u) {
        List<String> parts = new ArrayList<>();
        u.uptimeSeconds().ifPresent(s -> parts.add("up " + Durations.ofSeconds(s)));
        if (u.load1().isPresent()) {
            String load = "load " + two(u.load1().get()) + ", " + u.load5().map(HostSummary::two).orElse("?") + ", "
                    + u.load15().map(HostSummary::two).orElse("?") + " (1, 5, 15 min)";
            if (u.cpuCores().isPresent()) {
                load += " on " + u.cpuCores().get() + (u.cpuCores().get() == 1 ? " core: " : " cores: ")
                        + two(loadPerCore(u).orElse(0.0)) + " per core";
            }
            parts.add(load);
        }
        u.users().ifPresent(n -> parts.add(n + (n == 1 ? " login session" : " login sessions")));
        return parts.isEmpty() ? "uptime printed nothing this version understands (see the raw text)." : String.join("; ", parts);
    }

    /** The higher of the 1- and 5-minute load per core, as {@code load.per-core} judges it. */
    public static Optional<Double> loadPerCore(UptimeReport u) {
        if (u.cpuCores().isEmpty() || u.load1().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Math.max(u.load1().get(), u.load5().orElse(0.0)) / Math.max(1, u.cpuCores().get()));
    }

    /** The severity {@code load.per-core} gives this load, empty below its threshold. */
    public static Optional<Severity> loadLevel(UptimeReport u) {
        return loadPerCore(u).flatMap(l -> FindingLimits.loadPerCore().severityOf(l));
    }

    /** w's line: {@code 2 sessions: root on pts/0 from 10.0.0.5, idle 3 min (vim); alice on pts/1, idle 8 s (bash)}. */
    public static String sessions(WReport w) {
        if (w.sessions().isEmpty()) {
            return "No one is logged in (" + w.source() + " lists no session).";
        }
        List<String> each = new ArrayList<>();
        for (WReport.Session s : w.sessions()) {
            StringBuilder b = new StringBuilder(s.user() + " on " + s.tty());
            s.from().filter(f -> !f.isBlank() && !f.equals("-")).ifPresent(f -> b.append(" from ").append(f));
            s.idleSeconds().ifPresentOrElse(i -> b.append(", idle ").append(i < 60 ? i + " s" : Durations.ofSeconds(i)),
                    () -> s.idle().ifPresent(i -> b.append(", idle ").append(i)));
            s.what().filter(x -> !x.isBlank() && !x.equals("-")).ifPresent(x -> b.append(" (").append(shorten(x, 40)).append(')'));
            each.add(b.toString());
        }
        return w.sessions().size() + (w.sessions().size() == 1 ? " session: " : " sessions: ") + String.join("; ", each);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
