package org.incidentworkbench.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel counters the nine older probes miss (the rest of Brendan Gregg's 60-second checklist and the
 * USE method's Linux list), read from {@code /proc} by the {@code kernel} probe: two samples one second
 * apart for the counters, one read of the gauges. Every counter keeps its total since boot; its delta
 * over the interval is present only when both samples were read (and the counter did not go down), so a
 * rate is never made up from a total.
 *
 * @param intervalSeconds seconds between the two samples ({@code /proc/uptime} at each), empty with one sample
 * @param uptimeSeconds   seconds since boot (the latest sample's {@code /proc/uptime}): what the totals are counted over
 * @param cpus            online CPUs: the {@code cpuN} lines of {@code /proc/stat}
 * @param procsRunning    {@code /proc/stat} {@code procs_running} per sample: tasks running or waiting for a CPU
 *                        right then, including the shell that read the file
 * @param procsBlocked    {@code procs_blocked} per sample: tasks waiting for I/O
 * @param allCpus         busy shares of all CPUs together over the interval
 * @param perCpu          busy shares per CPU over the interval, in {@code /proc/stat} order; empty with one sample
 * @param loadavg         {@code /proc/loadavg}
 * @param pressure        pressure stall information per resource (cpu, memory, io); empty on a kernel without PSI
 * @param tcp             TCP counters by {@code Group.Name} ({@code Tcp.RetransSegs} from {@code /proc/net/snmp},
 *                        {@code TcpExt.ListenOverflows} from {@code /proc/net/netstat})
 * @param interfaces      {@code /proc/net/dev} per interface
 * @param fileHandles     {@code /proc/sys/fs/file-nr}
 * @param vmstat          the {@code /proc/vmstat} counters read: {@code pswpin}, {@code pswpout} (pages), {@code oom_kill},
 *                        {@code pgmajfault}
 * @param cgroupOoms      cgroups whose memory controller counted an OOM, when the cgroup tree was read
 */
public record KernelReport(Optional<Double> intervalSeconds, Optional<Double> uptimeSeconds, Optional<Integer> cpus,
                           List<Integer> procsRunning, List<Integer> procsBlocked, Optional<CpuShare> allCpus,
                           List<CpuShare> perCpu, Optional<LoadAverage> loadavg, List<Pressure> pressure,
                           Map<String, Counter> tcp, List<Interface> interfaces, Optional<FileHandles> fileHandles,
                           Map<String, Counter> vmstat, Optional<CgroupOoms> cgroupOoms) {

    public KernelReport {
        procsRunning = List.copyOf(procsRunning);
        procsBlocked = List.copyOf(procsBlocked);
        perCpu = List.copyOf(perCpu);
        pressure = List.copyOf(pressure);
        tcp = Map.copyOf(tcp);
        interfaces = List.copyOf(interfaces);
        vmstat = Map.copyOf(vmstat);
    }

    /**
     * A counter: its total since boot (or since the interface came up) at the latest sample, and how much it
     * grew between the two samples.
     */
    public record Counter(long total, Optional<Long> delta) {

        /** Growth per second over {@code seconds}, when there was a delta. */
        public Optional<Double> perSecond(Optional<Double> seconds) {
            return delta.flatMap(d -> seconds.filter(s -> s > 0).map(s -> d / s));
        }
    }

    /**
     * One CPU's (or all CPUs') time over the interval, in percent of that CPU's time: busy is everything but
     * idle and iowait; irq is hardware plus software interrupts; steal is time a hypervisor gave to others.
     */
    public record CpuShare(String cpu, double busyPercent, double userPercent, double systemPercent,
                           double iowaitPercent, double irqPercent, double stealPercent) {
    }

    /** {@code /proc/loadavg}: averages, then runnable and existing scheduling entities. */
    public record LoadAverage(double load1, double load5, double load15, int runnable, int total) {
    }

    /**
     * {@code /proc/pressure/RESOURCE}: the share of time some (or all non-idle: full) tasks were stalled
     * waiting for it, averaged over 10, 60 and 300 seconds.
     */
    public record Pressure(String resource, Optional<Stall> some, Optional<Stall> full) {
    }

    /** One line of a pressure file: percentages and the total stall time in microseconds. */
    public record Stall(double avg10, double avg60, double avg300, long totalMicros) {
    }

    /** {@code /proc/net/dev} counters of one interface. */
    public record Interface(String name, Counter rxBytes, Counter rxPackets, Counter rxErrors, Counter rxDrops,
                            Counter txBytes, Counter txPackets, Counter txErrors, Counter txDrops) {
    }

    /**
     * {@code /proc/sys/fs/file-nr}: file handles allocated, allocated but unused (0 since Linux 2.6), and the
     * system-wide maximum ({@code fs.file-max}).
     */
    public record FileHandles(long allocated, long unused, long max) {

        public double usedPercent() {
            return max <= 0 ? 0 : 100.0 * (allocated - unused) / max;
        }
    }

    /**
     * The cgroup tree's memory OOM counters: how many {@code memory.events} (cgroup v2) and
     * {@code memory.oom_control} (v1) files were read, and the ones with a non-zero count.
     */
    public record CgroupOoms(int filesRead, List<CgroupOom> counted) {
        public CgroupOoms {
            counted = List.copyOf(counted);
        }
    }

    /**
     * One cgroup's OOM counters since the cgroup was created (not since when: the kernel log says when).
     *
     * @param path     the cgroup's directory ({@code /sys/fs/cgroup/system.slice/web.service})
     * @param version  {@code v2} ({@code memory.events}) or {@code v1} ({@code memory.oom_control})
     * @param oomKills processes the OOM killer killed in it (v2 counts its descendants too)
     * @param ooms     v2: times it hit its limit and the OOM killer was invoked; v1: empty
     * @param underOom v1 only: the cgroup is out of memory right now (tasks paused, {@code under_oom 1})
     */
    public record CgroupOom(String path, String version, long oomKills, Optional<Long> ooms, boolean underOom) {
    }
}
