package org.incidentworkbench.app.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.parse.SystemdReport;

/**
 * The one-line summaries of the checklist probes for {@link ProbeSummary}: the kernel counters' key readings
 * (run queue, busiest CPU, stalls, retransmits, listen overflows, swapping, OOM kills, file handles) and
 * systemd's failed units. Rates are per second over the probe's interval; without one the line says
 * "totals only". Stateless.
 */
final class ChecklistSummary {

    private ChecklistSummary() {
    }

    static String kernel(KernelReport k) {
        List<String> parts = new ArrayList<>();
        Optional<Double> secs = k.intervalSeconds();
        if (!k.procsRunning().isEmpty() && k.cpus().isPresent()) {
            int runnable = Math.max(0, k.procsRunning().stream().mapToInt(Integer::intValue).min().getAsInt() - 1);
            parts.add("run queue " + runnable + " on " + k.cpus().get() + " CPUs");
        }
        k.perCpu().stream().max(Comparator.comparingDouble(KernelReport.CpuShare::busyPercent))
                .ifPresent(c -> parts.add("busiest " + c.cpu() + " " + Percent.of(c.busyPercent())));
        String psi = String.join(" ", k.pressure().stream().flatMap(p -> p.some().stream()
                .map(s -> p.resource() + " " + Percent.of(s.avg10()))).toList());
        if (!psi.isEmpty()) {
            parts.add("stalls " + psi);
        }
        Optional<Long> retrans = delta(k, "Tcp.RetransSegs");
        Optional<Long> sent = delta(k, "Tcp.OutSegs");
        if (retrans.isPresent() && sent.isPresent()) {
            parts.add("retransmits " + retrans.get() + "/" + sent.get() + " segments");
        }
        Optional.ofNullable(k.tcp().get("TcpExt.ListenOverflows")).flatMap(c -> c.perSecond(secs)).filter(r -> r > 0)
                .ifPresent(r -> parts.add("listen overflows " + rate(r) + "/s"));
        Optional<Double> swapIn = Optional.ofNullable(k.vmstat().get("pswpin")).flatMap(c -> c.perSecond(secs));
        Optional<Double> swapOut = Optional.ofNullable(k.vmstat().get("pswpout")).flatMap(c -> c.perSecond(secs));
        if (swapIn.isPresent() && swapOut.isPresent()) {
            parts.add("swap " + Math.round(swapIn.get()) + "/" + Math.round(swapOut.get()) + " pages/s in/out");
        }
        k.cgroupOoms().filter(g -> !g.counted().isEmpty()).ifPresent(g -> parts.add(g.counted().size() + " cgroup"
                + (g.counted().size() == 1 ? "" : "s") + " with OOM kills"));
        k.fileHandles().ifPresent(f -> parts.add("file handles " + Percent.of(f.usedPercent())));
        if (secs.isEmpty()) {
            parts.add("totals only (one sample)");
        }
        return parts.isEmpty() ? "no kernel counters read" : String.join("; ", parts);
    }

    static String systemd(SystemdReport s) {
        if (!s.running()) {
            return s.notRunning().orElse("systemd is not running");
        }
        if (s.failed().isEmpty()) {
            return "no failed units";
        }
        List<String> names = s.failed().stream().map(SystemdReport.FailedUnit::unit).toList();
        return names.size() + " failed: " + String.join(", ", names.subList(0, Math.min(4, names.size()))) + (names.size() > 4 ? ", ..." : "");
    }

    private static Optional<Long> delta(KernelReport k, String name) {
        return Optional.ofNullable(k.tcp().get(name)).flatMap(KernelReport.Counter::delta);
    }

    private static String rate(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
    }
}
