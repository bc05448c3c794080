package org.incidentworkbench.app.model;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.incidentworkbench.parse.CpuSplit;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.parse.IostatReport;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.parse.SsReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;

/**
 * The key numbers of one host's triage, side by side in the fleet view: what an engineer compares
 * first across a role (USE: utilisation, saturation, errors). A number the probes did not yield is
 * empty, never zero.
 *
 * @param loadPerCore       1-minute load average divided by the cores
 * @param cpuUser           % user CPU (top)
 * @param cpuSystem         % system CPU
 * @param cpuIowait         % iowait
 * @param cpuSteal          % steal
 * @param memAvailableBytes memory available (top's "avail Mem")
 * @param memAvailablePct   the same as % of total
 * @param fullestMount      mount point of the fullest filesystem
 * @param fullestPct        its use %
 * @param busiestDevice     block device with the highest %util
 * @param busiestUtilPct    its %util
 * @param closeWait         TCP sockets in CLOSE-WAIT
 * @param logErrors         log entries of severity err or worse
 */
public record FleetFigures(OptionalDouble loadPerCore, OptionalDouble cpuUser, OptionalDouble cpuSystem,
                           OptionalDouble cpuIowait, OptionalDouble cpuSteal, OptionalDouble memAvailableBytes,
                           OptionalDouble memAvailablePct, Optional<String> fullestMount, OptionalDouble fullestPct,
                           Optional<String> busiestDevice, OptionalDouble busiestUtilPct, OptionalDouble closeWait,
                           OptionalDouble logErrors) {

    public static FleetFigures of(TriageReport r) {
        Optional<UptimeReport> up = r.get(Probes.UPTIME);
        Optional<TopReport> top = r.get(Probes.TOP);
        Optional<IostatReport> io = r.get(Probes.IOSTAT);
        Optional<Integer> cores = up.flatMap(UptimeReport::cpuCores).or(() -> io.flatMap(IostatReport::cpuCount));
        Optional<Double> load1 = up.flatMap(UptimeReport::load1).or(() -> top.flatMap(TopReport::summary).flatMap(UptimeReport::load1));
        OptionalDouble loadPerCore = load1.isPresent() && cores.isPresent() && cores.get() > 0
                ? OptionalDouble.of(load1.get() / cores.get()) : OptionalDouble.empty();
        Optional<CpuSplit> cpu = top.flatMap(TopReport::cpu).or(() -> io.flatMap(IostatReport::cpu));
        Optional<TopReport.Memory> mem = top.flatMap(TopReport::memory);
        OptionalDouble avail = d(mem.flatMap(TopReport.Memory::availableBytes).map(Long::doubleValue));
        OptionalDouble availPct = mem.flatMap(m -> m.availableBytes().flatMap(a -> m.totalBytes().filter(t -> t > 0).map(t -> 100.0 * a / t)))
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
        Optional<DfReport.Filesystem> fullest = r.get(Probes.DF).flatMap(df -> df.filesystems().stream()
                .filter(f -> f.usedPercent().isPresent())
                .max(Comparator.comparingInt(f -> f.usedPercent().get())));
        Optional<IostatReport.Device> busiest = io.flatMap(i -> i.devices().stream()
                .filter(dev -> dev.utilPercent().isPresent())
                .max(Comparator.comparingDouble(dev -> dev.utilPercent().get())));
        OptionalDouble closeWait = r.get(Probes.SS)
                .map(ss -> OptionalDouble.of(ss.tcpStateCounts().getOrDefault("CLOSE-WAIT", 0L)))
                .orElse(OptionalDouble.empty());
        OptionalDouble logErrors = r.get(Probes.LOGS).map(l -> OptionalDouble.of(errors(l.countBySeverity())))
                .orElse(OptionalDouble.empty());
        return new FleetFigures(loadPerCore,
                d(cpu.flatMap(CpuSplit::userPercent)), d(cpu.flatMap(CpuSplit::systemPercent)),
                d(cpu.flatMap(CpuSplit::iowaitPercent)), d(cpu.flatMap(CpuSplit::stealPercent)),
                avail, availPct,
                fullest.map(DfReport.Filesystem::mountedOn), d(fullest.flatMap(f -> f.usedPercent().map(Integer::doubleValue))),
                busiest.map(IostatReport.Device::name), d(busiest.flatMap(IostatReport.Device::utilPercent)),
                closeWait, logErrors);
    }

    private static double errors(Map<String, Integer> bySeverity) {
        int n = 0;
        for (String s : new String[] {"emerg", "alert", "crit", "err"}) {
            n += bySeverity.getOrDefault(s, 0);
        }
        return n;
    }

    private static OptionalDouble d(Optional<Double> v) {
        return v.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }
}
