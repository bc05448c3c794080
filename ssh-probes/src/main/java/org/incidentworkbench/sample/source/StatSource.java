package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.of;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code /proc/stat}: the aggregate {@code cpu} line (user nice system idle iowait irq softirq steal; kernels
 * before 2.6.11 print fewer fields, the missing ones read as 0), {@code ctxt}, {@code btime},
 * {@code procs_running} and {@code procs_blocked}; per-CPU lines and {@code intr} are skipped (under bash the
 * loop does not even send them: they grow with CPUs and IRQs).
 */
public final class StatSource implements ProcSource<StatSource.Reading> {

    public static final String CPU_USER = "cpu.user";
    public static final String CPU_NICE = "cpu.nice";
    public static final String CPU_SYSTEM = "cpu.system";
    public static final String CPU_IOWAIT = "cpu.iowait";
    public static final String CPU_IRQ = "cpu.irq";
    public static final String CPU_SOFTIRQ = "cpu.softirq";
    public static final String CPU_STEAL = "cpu.steal";
    public static final String CPU_IDLE = "cpu.idle";
    public static final String CTXT_PER_S = "ctxt.per_s";
    public static final String PROCS_RUNNING = "procs.running";
    public static final String PROCS_BLOCKED = "procs.blocked";

    static final String FILE = "/proc/stat";
    private static final String CPU = "share of all CPUs' time spent ";

    /** Clock ticks of the aggregate CPU line (guest time is already inside user and nice, so not added). */
    public record CpuTimes(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
                           long steal) {
    }

    /**
     * @param bootTime {@code btime}: wall clock at boot, recomputed by the kernel on every read (so it moves
     *                 when the wall clock is stepped)
     */
    public record Reading(Optional<CpuTimes> cpu, OptionalLong contextSwitches, OptionalLong bootTime,
                          OptionalLong procsRunning, OptionalLong procsBlocked) {
    }

    @Override
    public ShellPart shell() {
        // the first line (cpu) and two runs of adjacent lines, one regex each (bash's ${c#*x} is quadratic)
        return ShellPart.files(FILE)
                .withSetup("rstat=\"$nl(ctxt [^$nl]*${nl}btime [^$nl]*$nl)processes [^$nl]*$nl(procs_running [^$nl]*${nl}procs_blocked [^$nl]*$nl)\"")
                .withBashFilter("""
                        /proc/stat) s=${c%%"$nl"*}$nl
                          if [[ $c =~ $rstat ]]; then s=$s${BASH_REMATCH[1]}${BASH_REMATCH[2]}; else keep='ctxt btime procs_running procs_blocked'; fi ;;
                        """);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                of(CPU_USER, "%", 2, CPU + "in user mode (/proc/stat user)"),
                of(CPU_NICE, "%", 2, CPU + "in niced user processes (/proc/stat nice)"),
                of(CPU_SYSTEM, "%", 2, CPU + "in the kernel (/proc/stat system)"),
                of(CPU_IOWAIT, "%", 2, CPU + "idle waiting for I/O (/proc/stat iowait)"),
                of(CPU_IRQ, "%", 2, CPU + "serving interrupts (/proc/stat irq)"),
                of(CPU_SOFTIRQ, "%", 2, CPU + "in soft interrupts (/proc/stat softirq)"),
                of(CPU_STEAL, "%", 2, CPU + "taken by the hypervisor for other guests (/proc/stat steal)"),
                of(CPU_IDLE, "%", 2, CPU + "idle (/proc/stat idle)"),
                of(PROCS_RUNNING, "1", 0, "runnable processes (/proc/stat procs_running)"),
                of(PROCS_BLOCKED, "1", 0, "processes blocked on I/O, D state (/proc/stat procs_blocked)"),
                of(CTXT_PER_S, "/s", 0, "context switches per second (/proc/stat ctxt)"));
    }

    @Override
    public Reading read(Sections frame) {
        CpuTimes[] cpu = {null};
        OptionalLong[] v = {OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()};
        boolean present = frame.forEachLine(FILE, (from, to) -> {
            if (frame.startsWith("cpu ", from)) {
                int count = frame.longs(from + 4, to);
                if (count < 4) {
                    frame.warn(FILE, from, to);
                    return;
                }
                cpu[0] = (new CpuTimes(frame.number(0), frame.number(1), frame.number(2), frame.number(3),
                        frame.numberOr0(4, count), frame.numberOr0(5, count), frame.numberOr0(6, count),
                        frame.numberOr0(7, count)));
            } else if (frame.startsWith("ctxt ", from)) {
                v[0] = frame.single(from + 5, to, FILE);
            } else if (frame.startsWith("btime ", from)) {
                v[1] = frame.single(from + 6, to, FILE);
            } else if (frame.startsWith("procs_running ", from)) {
                v[2] = frame.single(from + 14, to, FILE);
            } else if (frame.startsWith("procs_blocked ", from)) {
                v[3] = frame.single(from + 14, to, FILE);
            }
        });
        if (!present) {
            return null;
        }
        if (cpu[0] == null) {
            frame.missing(FILE);
        }
        return new Reading(Optional.ofNullable(cpu[0]), v[0], v[1], v[2], v[3]);
    }

    @Override
    public void gauges(Reading now, MetricOut out) {
        now.procsRunning().ifPresent(n -> out.add(PROCS_RUNNING, n));
        now.procsBlocked().ifPresent(n -> out.add(PROCS_BLOCKED, n));
    }

    @Override
    public void rates(Reading before, Reading now, double seconds, MetricOut out) {
        if (before.cpu().isPresent() && now.cpu().isPresent()) {
            cpu(before.cpu().get(), now.cpu().get(), out);
        }
        if (before.contextSwitches().isPresent() && now.contextSwitches().isPresent()) {
            long d = now.contextSwitches().getAsLong() - before.contextSwitches().getAsLong();
            if (d >= 0) {
                out.add(CTXT_PER_S, d / seconds);
            }
        }
    }

    /**
     * Shares of the step's ticks. Idle and iowait may step back a little (the kernel documents it for iowait,
     * Documentation/filesystems/proc.rst): those deltas count as zero; any other going back is a reset.
     */
    private static void cpu(CpuTimes a, CpuTimes b, MetricOut out) {
        long user = b.user() - a.user();
        long nice = b.nice() - a.nice();
        long system = b.system() - a.system();
        long irq = b.irq() - a.irq();
        long softirq = b.softirq() - a.softirq();
        long steal = b.steal() - a.steal();
        if (user < 0 || nice < 0 || system < 0 || irq < 0 || softirq < 0 || steal < 0) {
            return; // reset or wrap: no CPU split for this step
        }
        long idle = Math.max(0, b.idle() - a.idle());
        long iowait = Math.max(0, b.iowait() - a.iowait());
        long total = user + nice + system + irq + softirq + steal + idle + iowait;
        if (total <= 0) {
            return;
        }
        double pct = 100.0 / total;
        out.add(CPU_USER, user * pct);
        out.add(CPU_NICE, nice * pct);
        out.add(CPU_SYSTEM, system * pct);
        out.add(CPU_IOWAIT, iowait * pct);
        out.add(CPU_IRQ, irq * pct);
        out.add(CPU_SOFTIRQ, softirq * pct);
        out.add(CPU_STEAL, steal * pct);
        out.add(CPU_IDLE, idle * pct);
    }
}
