package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.incidentworkbench.findings.ChecklistLimits;
import org.incidentworkbench.findings.FindingLimits.Rising;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Severity;

/**
 * The kernel probe's record as a USE checklist (Brendan Gregg's 60 seconds and the Linux checklist): one
 * {@link ChecklistLine} per check, in the order an engineer reads them (CPU, memory, network, file handles),
 * judged at the thresholds of the rules that make findings from the same numbers ({@code ChecklistLimits}).
 * Rates are per second over the probe's interval; a counter without a second sample shows its total since boot
 * and is not judged. Pure, no JavaFX: the window's view and its tests share it.
 */
public final class KernelChecklist {

    private KernelChecklist() {
    }

    public static List<ChecklistLine> of(KernelReport k) {
        List<ChecklistLine> out = new ArrayList<>();
        Optional<Double> secs = k.intervalSeconds();
        int cpus = k.cpus().orElse(0);
        if (!k.procsRunning().isEmpty() && cpus > 0) {
            int runnable = Math.max(0, k.procsRunning().stream().mapToInt(Integer::intValue).min().getAsInt() - 1);
            double perCpu = runnable / (double) cpus;
            out.add(line("CPU", "run queue", runnable + " runnable on " + cpus + " CPUs (" + num(perCpu) + " per CPU), "
                    + k.procsBlocked().stream().mapToInt(Integer::intValue).max().orElse(0) + " blocked on I/O", -1,
                    above(ChecklistLimits.runQueuePerCpu(), perCpu), true));
        }
        k.loadavg().ifPresent(l -> out.add(line("CPU", "load average", num(l.load1()) + ", " + num(l.load5()) + ", " + num(l.load15())
                + " (1/5/15 min)", -1, Optional.empty(), false)));
        k.allCpus().ifPresent(a -> out.add(line("CPU", "all CPUs busy", pct(a.busyPercent()) + " (user " + pct(a.userPercent())
                + ", system " + pct(a.systemPercent()) + ", iowait " + pct(a.iowaitPercent()) + ", steal " + pct(a.stealPercent()) + ")",
                a.busyPercent(), Optional.empty(), false)));
        // a CPU is judged only as cpu.imbalance judges it: hot while the average is low; when all are busy, the
        // run queue and the pressure rows say so
        boolean averageLow = k.allCpus().map(a -> a.busyPercent() < ChecklistLimits.averageBusyBelowPercent()).orElse(false);
        for (KernelReport.CpuShare c : k.perCpu()) {
            out.add(line("CPU", c.cpu() + " busy", pct(c.busyPercent()) + " (interrupts " + pct(c.irqPercent()) + ")", c.busyPercent(),
                    averageLow ? ChecklistLimits.hotCpuBusyPercent().severityOf(c.busyPercent()) : Optional.empty(), averageLow));
        }
        for (KernelReport.Pressure p : k.pressure()) {
            String resource = p.resource().equals("cpu") ? "CPU" : p.resource().equals("memory") ? "memory" : "disk I/O";
            p.some().ifPresent(s -> out.add(line(resource, "pressure " + p.resource() + " (some)", pct(s.avg10()) + " of 10 s, "
                    + pct(s.avg60()) + " of 1 min", s.avg10(), ChecklistLimits.pressureSomePercent().severityOf(s.avg10()), true)));
            if (!p.resource().equals("cpu")) {
                p.full().ifPresent(s -> out.add(line(resource, "pressure " + p.resource() + " (full)", pct(s.avg10())
                        + " of 10 s, " + pct(s.avg60()) + " of 1 min", s.avg10(),
                        ChecklistLimits.pressureFullPercent().severityOf(s.avg10()), true)));
            }
        }
        counter(k.vmstat().get("pswpin")).ifPresent(in -> counter(k.vmstat().get("pswpout")).ifPresent(o -> {
            Optional<Double> rate = in.perSecond(secs).flatMap(a -> o.perSecond(secs).map(b -> a + b));
            out.add(line("memory", "swapping", rate.map(r -> Math.round(in.perSecond(secs).get()) + " pages/s in, "
                    + Math.round(o.perSecond(secs).get()) + " pages/s out").orElse(in.total() + " in, " + o.total() + " out since boot (pages)"),
                    -1, rate.flatMap(r -> ChecklistLimits.swapPagesPerSecond().severityOf(r)), rate.isPresent()));
        }));
        counter(k.vmstat().get("oom_kill")).ifPresent(c -> out.add(line("memory", "OOM kills", c.total() + " since boot"
                + c.delta().map(d -> ", " + d + " during the probe's second").orElse(""), -1,
                c.delta().filter(d -> d > 0).map(d -> Severity.CRITICAL), c.delta().isPresent())));
        k.cgroupOoms().ifPresent(g -> out.add(line("memory", "cgroup OOM kills", g.counted().isEmpty()
                ? "none in " + g.filesRead() + " cgroup files"
                : String.join("; ", g.counted().stream().limit(4).map(o -> o.path() + ": " + o.oomKills()
                        + (o.underOom() ? " (out of memory now)" : "")).toList()) + (g.counted().size() > 4 ? "; ..." : ""),
                -1, g.counted().isEmpty() ? Optional.empty() : Optional.of(g.counted().stream().anyMatch(KernelReport.CgroupOom::underOom)
                        ? Severity.CRITICAL : Severity.WARNING), g.filesRead() > 0)));
        tcp(out, k, secs);
        for (KernelReport.Interface i : k.interfaces()) {
            Optional<Double> errors = i.rxErrors().perSecond(secs).flatMap(a -> i.txErrors().perSecond(secs).map(b -> a + b));
            Optional<Double> drops = i.rxDrops().perSecond(secs).flatMap(a -> i.txDrops().perSecond(secs).map(b -> a + b));
            long totalErr = i.rxErrors().total() + i.txErrors().total();
            long totalDrop = i.rxDrops().total() + i.txDrops().total();
            if (errors.isEmpty() && totalErr + totalDrop == 0) {
                continue;
            }
            Optional<Severity> level = worse(errors.flatMap(e -> ChecklistLimits.interfaceErrorsPerSecond().severityOf(e)),
                    drops.flatMap(d -> ChecklistLimits.interfaceDropsPerSecond().severityOf(d)));
            out.add(line("network", i.name() + " errors, drops", errors.map(e -> rate(e) + " errors/s, " + rate(drops.orElse(0.0))
                    + " drops/s; ").orElse("") + totalErr + " errors, " + totalDrop + " drops since the link came up", -1, level,
                    errors.isPresent()));
        }
        k.fileHandles().ifPresent(f -> out.add(line("file handles", "file handles", (f.allocated() - f.unused()) + " of " + f.max()
                + " (fs.file-max)", f.usedPercent(), ChecklistLimits.fileHandlesPercent().severityOf(f.usedPercent()), true)));
        return out;
    }

    private static void tcp(List<ChecklistLine> out, KernelReport k, Optional<Double> secs) {
        Optional<KernelReport.Counter> retrans = counter(k.tcp().get("Tcp.RetransSegs"));
        Optional<KernelReport.Counter> sent = counter(k.tcp().get("Tcp.OutSegs"));
        if (retrans.isPresent() && sent.isPresent()) {
            Optional<Long> r = retrans.get().delta();
            Optional<Long> s = sent.get().delta();
            if (r.isPresent() && s.isPresent() && s.get() > 0) {
                double share = 100.0 * r.get() / s.get();
                boolean judged = s.get() >= ChecklistLimits.retransmitMinSegments();
                out.add(line("network", "TCP retransmits", r.get() + " of " + s.get() + " segments sent (" + pct(share) + ")"
                        + (judged ? "" : ", too few segments to judge"), -1,
                        judged ? ChecklistLimits.retransmitPercent().severityOf(share) : Optional.empty(), judged));
            } else {
                out.add(line("network", "TCP retransmits", (s.isPresent() ? "no segment sent in the probe's second; " : "")
                        + retrans.get().total() + " of " + sent.get().total() + " segments since boot", -1, Optional.empty(), false));
            }
        }
        rateLine(out, "TCP listen overflows", k.tcp().get("TcpExt.ListenOverflows"), secs, ChecklistLimits.listenOverflowsPerSecond());
        rateLine(out, "TCP resets of established connections", k.tcp().get("Tcp.EstabResets"), secs, ChecklistLimits.resetsPerSecond());
    }

    private static void rateLine(List<ChecklistLine> out, String check, KernelReport.Counter c, Optional<Double> secs, Rising limits) {
        if (c == null) {
            return;
        }
        Optional<Double> rate = c.perSecond(secs);
        out.add(line("network", check, rate.map(r -> r == 0 ? "none in the probe's second, " : rate(r) + " a second, ").orElse("")
                + c.total() + " since boot", -1,
                rate.flatMap(limits::severityOf), rate.isPresent()));
    }

    private static Optional<KernelReport.Counter> counter(KernelReport.Counter c) {
        return Optional.ofNullable(c);
    }

    private static Optional<Severity> above(Rising limits, double value) {
        // the run queue rule reports above its thresholds, not at them
        return limits.severityOf(Math.nextDown(value));
    }

    private static Optional<Severity> worse(Optional<Severity> a, Optional<Severity> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().compareTo(b.get()) <= 0 ? a : b;
    }

    private static ChecklistLine line(String resource, String check, String reading, double percent, Optional<Severity> level,
                                      boolean judged) {
        return new ChecklistLine(resource, check, reading, percent, level, judged);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String rate(double v) {
        return String.format(Locale.ROOT, "%.1f", v).replace(".0", "");
    }
}
