package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.PsParser;
import org.incidentworkbench.parse.PsReport;

/**
 * ps: every process with its state, CPU, memory and full command line ({@code -ww}: never cut), from
 * procps' {@code ps}. Where {@code ps} is BusyBox's (no {@code -e}, {@code -w}, {@code %CPU} or elapsed time)
 * or missing, the same fields from {@code /proc}: every {@code /proc/PID/stat} read twice half a second apart
 * (CPU % over that interval, as top shows it; state, parent, start time, VSZ), {@code status} (owner, RSS),
 * {@code cmdline}, MemTotal and the user names; a handful of processes ({@code cat}, {@code grep}, {@code head})
 * for all PIDs at once, not a loop per PID.
 */
public final class PsProbe implements Probe<PsReport> {
    /** ps on a busy server: 10,000 processes of 300 bytes each. */
    public static final int CAP = 4 << 20;
    private static final String PS = "ps -ww -eo pid,ppid,user,stat,pcpu,pmem,rss,vsz,etimes,comm,args";

    private static final PsParser PARSER = new PsParser();

    /** The {@code /proc} variant: POSIX sh, BusyBox applets suffice; a PID that ends meanwhile is just absent. */
    static final String PROC = section("/proc/[pid]/stat 1") + "cat /proc/uptime /proc/[0-9]*/stat 2>/dev/null\n"
            + "sleep 0.5 2>/dev/null || sleep 1\n"
            + section("/proc/[pid]/stat 2") + "cat /proc/uptime /proc/[0-9]*/stat 2>/dev/null\n"
            + section("/proc/[pid]/status") + "grep -e '^Uid:' -e '^VmRSS:' /proc/[0-9]*/status 2>/dev/null\n"
            + section("/proc/[pid]/cmdline") + "head -c 4096 /proc/[0-9]*/cmdline 2>/dev/null | tr '\\000' ' '\n"
            + section("/proc/meminfo") + "head -n 1 /proc/meminfo\n"
            + section("/etc/passwd") + "cut -d: -f1,3 /etc/passwd 2>/dev/null\n"
            + "exit 0";

    @Override
    public String name() {
        return "ps";
    }

    @Override
    public List<String> commands() {
        return List.of(PS);
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("ps", "procps");
    }

    @Override
    public String fragment() {
        // a ps that refuses the options and prints nothing (a BusyBox the userland check missed: hard links, toybox)
        // falls through to /proc too; its error stays in the probe's stderr
        return "if command -v ps >/dev/null 2>&1 && ! " + Probe.busyBox("ps") + "; then o=$(" + PS + "); s=$?;"
                + " if [ $s -eq 0 ] || [ -n \"$o\" ]; then printf '%s\\n' \"$o\"; exit $s; fi; fi\n"
                + "command -v ps >/dev/null 2>&1 || " + missing("ps", "procps", true) + "\n"
                + PROC;
    }

    @Override
    public OutputParser<PsReport> parser() {
        return PARSER;
    }

    @Override
    public Class<PsReport> type() {
        return PsReport.class;
    }

    @Override
    public String variant(ProbeResult result) {
        String v = Probe.super.variant(result);
        return v.startsWith("/proc/[pid]/stat") ? "/proc/[pid]/stat, status and cmdline, sampled 0.5 s apart" : v;
    }

    @Override
    public List<String> fixturePrefixes() {
        return List.of("ps", "proc-pid");
    }

    @Override
    public int maxOutputBytes() {
        return CAP;
    }
}
