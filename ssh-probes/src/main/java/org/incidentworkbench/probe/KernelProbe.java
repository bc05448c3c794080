package org.incidentworkbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.KernelParser;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.parse.OutputParser;

/**
 * kernel counters: what the other probes miss of Brendan Gregg's "Linux performance analysis in 60 seconds"
 * and the USE method's Linux checklist, all from files any user may read: the run queue and per-CPU busy
 * ({@code /proc/stat}), swapping and the OOM killer ({@code /proc/vmstat}), TCP retransmits, listen queue
 * overflows and resets ({@code /proc/net/snmp}, {@code /proc/net/netstat}), interface errors and drops
 * ({@code /proc/net/dev}), all read twice a second apart so they become rates over that second; then the
 * gauges once: {@code /proc/loadavg}, file handles ({@code /proc/sys/fs/file-nr}), pressure stall
 * information ({@code /proc/pressure/*}, Linux 4.20+), and the cgroup OOM counters ({@code memory.events}
 * of cgroup v2, {@code memory.oom_control} of v1, only the non-zero ones printed).
 *
 * <p>Lines are kept with shell builtins ({@code while read; case}), so the probe starts no process per file
 * and prints about 8 KiB on a small host (the interfaces are most of it: about 230 bytes each over both
 * samples). A background probe, as iostat: it sleeps its second while the others run.
 */
public final class KernelProbe implements Probe<KernelReport> {

    private static final KernelParser PARSER = new KernelParser();

    @Override
    public String name() {
        return "kernel";
    }

    /** One variant everywhere: files only, no tool (its first section's name would read as a variant). */
    @Override
    public String variant(ProbeResult result) {
        return "/proc and /sys files";
    }

    @Override
    public List<String> commands() {
        // what the benchmark's ssh baseline runs: the files cat reads and the cgroup walk, once; the filtered
        // reads are shell builtins, and the second sample's second overlaps the other probes, so a sleep
        // here would flatter the triage
        return List.of("cat /proc/uptime", "cat /proc/net/dev", "find /sys/fs/cgroup -name memory.events -o -name memory.oom_control");
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("find", "findutils");
    }

    @Override
    public String fragment() {
        return "iw_sec() { printf '%s\\n' \"#### iw-section: $1\"; }\n"
                // one awk per sample where there is awk: dash's read takes a byte per system call, and the
                // shell loops below cost three times the awk's CPU (measured here); the same lines either way
                + "if command -v awk >/dev/null 2>&1; then\n"
                + "iw_sample() {\n"
                + "  iw_n=$1; set -- /proc/uptime /proc/stat /proc/vmstat\n"
                + "  for f in /proc/net/snmp /proc/net/netstat /proc/net/dev; do [ -r \"$f\" ] && set -- \"$@\" \"$f\"; done\n"
                + "  awk -v s=\"$iw_n\" 'FNR == 1 { print \"#### iw-section: \" s \" \" FILENAME }\n"
                + "    FILENAME == \"/proc/stat\" { if ($1 ~ /^(cpu|procs_)/) print; next }\n"
                + "    FILENAME == \"/proc/vmstat\" { if ($1 == \"pswpin\" || $1 == \"pswpout\" || $1 == \"oom_kill\" || $1 == \"pgmajfault\") print $1 \" \" $2; next }\n"
                + "    FILENAME == \"/proc/net/snmp\" { if ($0 ~ /^Tcp:/) print; next }\n"
                + "    FILENAME == \"/proc/net/netstat\" { if ($0 ~ /^TcpExt:/) print; next }\n"
                + "    { print }' \"$@\"\n"
                + "}\n"
                + "iw_oom() { awk '{ n++; f = $0; while ((getline l < f) > 0) { split(l, a, \" \");"
                + " if ((a[1] == \"oom\" || a[1] == \"oom_kill\" || a[1] == \"under_oom\") && a[2] != \"0\") print f \" \" a[1] \" \" a[2] }"
                + " close(f) } END { print \"files \" n + 0 }'; }\n"
                + "else\n"
                + "iw_keep() { while IFS= read -r l; do case $l in $1) printf '%s\\n' \"$l\";; esac; done < \"$2\"; }\n"
                + "iw_sample() {\n"
                + "  iw_sec \"$1 /proc/uptime\"; cat /proc/uptime\n"
                + "  iw_sec \"$1 /proc/stat\"; while IFS= read -r l; do case $l in cpu*|procs_*) printf '%s\\n' \"$l\";; esac; done < /proc/stat\n"
                + "  iw_sec \"$1 /proc/vmstat\"; while read -r k v; do case $k in pswpin|pswpout|oom_kill|pgmajfault) printf '%s %s\\n' \"$k\" \"$v\";; esac; done < /proc/vmstat\n"
                + "  [ -r /proc/net/snmp ] && { iw_sec \"$1 /proc/net/snmp\"; iw_keep 'Tcp:*' /proc/net/snmp; }\n"
                + "  [ -r /proc/net/netstat ] && { iw_sec \"$1 /proc/net/netstat\"; iw_keep 'TcpExt:*' /proc/net/netstat; }\n"
                + "  [ -r /proc/net/dev ] && { iw_sec \"$1 /proc/net/dev\"; cat /proc/net/dev; }\n"
                + "}\n"
                + "iw_oom() { n=0\n"
                + "  while IFS= read -r f; do n=$((n+1)); while read -r k v; do case $k in oom|oom_kill|under_oom) [ \"$v\" = 0 ] || printf '%s %s %s\\n' \"$f\" \"$k\" \"$v\";; esac; done < \"$f\"; done\n"
                + "  printf 'files %s\\n' \"$n\"; }\n"
                + "fi\n"
                + "iw_sample 1; sleep 1; iw_sample 2\n"
                + "set --; for f in /proc/loadavg /proc/sys/fs/file-nr /proc/pressure/cpu /proc/pressure/memory /proc/pressure/io; do\n"
                + "  [ -r \"$f\" ] && set -- \"$@\" \"$f\"\n"
                + "done\n"
                // the gauges: one awk for all where there is awk (it reads in blocks, as cat: a sysctl file read a
                // byte at a time, as the shell's read does, answers wrong), else a cat per file
                + "if command -v awk >/dev/null 2>&1; then awk 'FNR == 1 { print \"#### iw-section: \" FILENAME } { print }' \"$@\"\n"
                + "else for f; do iw_sec \"$f\"; cat \"$f\"; done; fi\n"
                + "if command -v find >/dev/null 2>&1; then iw_sec 'cgroup memory'\n"
                + "  find /sys/fs/cgroup -name memory.events -o -name memory.oom_control 2>/dev/null | iw_oom\n"
                + "else " + Probe.missing("find", "findutils", true) + "fi\n"
                + "exit 0";
    }

    /**
     * Partial when a part was not there to read: no second sample (no rates), no pressure files (a kernel
     * before 4.20 or booted with {@code psi=0}), no cgroup memory counters (find missing, or no memory
     * controller mounted).
     */
    @Override
    public ProbeCoverage coverage(ProbeResult result, String loginUser) {
        ProbeCoverage basic = ProbeCoverage.basic(result);
        if (!(result instanceof ProbeResult.Parsed parsed) || !(parsed.data() instanceof KernelReport k)) {
            return basic;
        }
        List<String> reasons = new ArrayList<>();
        if (k.intervalSeconds().isEmpty()) {
            reasons.add("only one sample of the counters arrived: retransmits, swapping and interface errors are totals since boot, not rates");
        }
        if (k.pressure().isEmpty()) {
            reasons.add("no /proc/pressure (a kernel before 4.20, or booted with psi=0): stall times are not known");
        }
        if (k.cgroupOoms().isEmpty()) {
            reasons.add("the cgroup tree was not read (find is missing): OOM kills per cgroup are not known");
        } else if (k.cgroupOoms().get().filesRead() == 0) {
            reasons.add("no cgroup memory controller under /sys/fs/cgroup: OOM kills per cgroup are not known");
        }
        return basic.with(reasons, List.of());
    }

    @Override
    public OutputParser<KernelReport> parser() {
        return PARSER;
    }

    @Override
    public Class<KernelReport> type() {
        return KernelReport.class;
    }

    @Override
    public boolean background() {
        return true;
    }
}
