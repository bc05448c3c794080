package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.parse.Sections;

/**
 * The nine standard triage probes, in the order reports list them. Each fragment prints exactly the
 * text of the lead's contract A (the parsers' input): the main command first, further commands after
 * {@code #### iw-section: NAME} lines, and when a tool is missing a note naming its package followed
 * by the {@code /proc} fallback where there is one.
 *
 * <p>Why these commands and flags: {@code -ww}, {@code -w 512} and {@code -P} keep columns from being
 * cut or wrapped; {@code -k} fixes df's unit; {@code iostat -dxk 1 2} because the first report is the
 * average since boot and only the second one shows the last second; {@code /proc} files because they
 * exist on every Linux even when procps, sysstat or iproute2 are not installed (containers, minimal
 * images). Timeouts are generous (5 s) because a probe that is slow is itself a finding (a hung NFS
 * mount makes {@code df} hang), and the triage as a whole is bounded separately.
 */
public final class Probes {

    /** Default per-probe timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Default per-probe output cap: far above what any probe prints on a healthy server. */
    public static final int DEFAULT_CAP = 1 << 20;
    /** ps on a busy server: 10,000 processes of 300 bytes each. */
    public static final int PS_CAP = 4 << 20;

    public static final Probe W = probe("w", Map.of("w", "procps", "who", "coreutils"),
            "if command -v w >/dev/null 2>&1; then w; else "
            + missing("w", "procps", true) + section("who -u") + "who -u; fi");

    public static final Probe UPTIME = probe("uptime", Map.of("uptime", "procps", "nproc", "coreutils"),
            "if command -v uptime >/dev/null 2>&1; then uptime; s=$?; else " + missing("uptime", "procps", true) + "s=0; fi\n"
            + section("/proc/uptime") + "cat /proc/uptime\n"
            + section("/proc/loadavg") + "cat /proc/loadavg\n"
            + section("nproc") + "nproc 2>/dev/null || getconf _NPROCESSORS_ONLN\n"
            + "exit $s");

    public static final Probe PS = new Probe("ps",
            "if command -v ps >/dev/null 2>&1; then ps -ww -eo pid,ppid,user,stat,pcpu,pmem,rss,vsz,etimes,comm,args; else "
            + missing("ps", "procps", false) + "exit 127; fi",
            DEFAULT_TIMEOUT, PS_CAP, "ps", Map.of("ps", "procps"), false);

    public static final Probe IP = probe("ip", Map.of("ip", "iproute2"),
            "if command -v ip >/dev/null 2>&1; then ip -s addr; s=$?; " + section("ip route") + "ip route; exit $s; else "
            + missing("ip", "iproute2", true) + section("/proc/net/dev") + "cat /proc/net/dev; fi");

    public static final Probe DF = probe("df", Map.of("df", "coreutils"),
            "if command -v df >/dev/null 2>&1; then df -PTk; s=$?; " + section("df -Pi") + "df -Pi; exit $s; else "
            + missing("df", "coreutils", false) + "exit 127; fi");

    // Two frames half a second apart: procps-ng 4's first frame is no CPU sample on current kernels (it
    // says 100 % idle on a busy machine) and the parser reads the last frame. The half second passes while
    // iostat samples beside the other probes. Not a background probe itself: two frames of a busy server
    // are far more than a pipe's 64 KiB, and a background probe that fills its pipe waits for the others.
    // procps before 3.3 has no -w: COLUMNS does its job.
    public static final Probe TOP = probe("top", Map.of("top", "procps"),
            "if command -v top >/dev/null 2>&1; then top -b -n 2 -d 0.5 -w 512 2>/dev/null || COLUMNS=512 top -b -n 2 -d 0.5; else "
            + missing("top", "procps", true)
            + section("/proc/stat") + "cat /proc/stat; "
            + section("/proc/meminfo") + "cat /proc/meminfo; "
            + section("/proc/loadavg") + "cat /proc/loadavg; fi");

    public static final Probe IOSTAT = new Probe("iostat",
            "if command -v iostat >/dev/null 2>&1; then iostat -dxk 1 2; else "
            + missing("iostat", "sysstat", true)
            + section("/proc/diskstats 1") + "cat /proc/uptime /proc/diskstats; sleep 1; "
            + section("/proc/diskstats 2") + "cat /proc/uptime /proc/diskstats; fi",
            DEFAULT_TIMEOUT, DEFAULT_CAP, "iostat", Map.of("iostat", "sysstat"), true);

    public static final Probe SS = probe("ss", Map.of("ss", "iproute2"),
            "if command -v ss >/dev/null 2>&1; then ss -s; s=$?; " + section("ss -tanp") + "ss -tanp; exit $s; else "
            + missing("ss", "iproute2", true)
            + section("/proc/net/tcp") + "cat /proc/net/tcp; "
            + section("/proc/net/tcp6") + "cat /proc/net/tcp6 2>/dev/null; exit 0; fi");

    // journalctl without a journal (containers, syslog-only hosts) says so on stderr and exits 0:
    // then the classic log files are the better source.
    public static final Probe LOGS = probe("logs", Map.of("journalctl", "systemd", "dmesg", "util-linux"),
            "if command -v journalctl >/dev/null 2>&1; then j=$(journalctl -p warning -n 300 -o short-iso --no-pager 2>&1); js=$?; "
            + "else j=; js=127; fi\n"
            + "case $j in *'No journal files were found'*) nj=1;; *) nj=0;; esac\n"
            + "if [ $js -eq 0 ] && [ $nj -eq 0 ]; then " + section("journalctl") + "printf '%s\\n' \"$j\"\n"
            + "elif [ -r /var/log/syslog ]; then " + section("/var/log/syslog") + "tail -n 300 /var/log/syslog\n"
            + "elif [ -r /var/log/messages ]; then " + section("/var/log/messages") + "tail -n 300 /var/log/messages\n"
            + "elif [ $js -ne 127 ]; then " + section("journalctl") + "printf '%s\\n' \"$j\"\n"
            + "else " + missing("journalctl", "systemd", true) + "fi\n"
            + section("dmesg") + "dmesg -T 2>&1 | tail -n 100\n"
            + "exit 0");

    /** All nine, in report order. */
    public static final List<Probe> STANDARD = List.of(W, UPTIME, PS, IP, DF, TOP, IOSTAT, SS, LOGS);

    private Probes() {
    }

    public static Optional<Probe> byName(String name) {
        return STANDARD.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Probe probe(String name, Map<String, String> tools, String fragment) {
        return new Probe(name, fragment, DEFAULT_TIMEOUT, DEFAULT_CAP, name, tools, false);
    }

    /** Shell code printing a {@link Sections} marker line. */
    static String section(String name) {
        return "printf '%s\\n' '" + Sections.marker(name) + "'; ";
    }

    /** Shell code printing the note that {@code tool} is missing (see {@link TriageScript#missingNote}). */
    static String missing(String tool, String pkg, boolean fallback) {
        return "printf '%s note missing %s %s %s\\n' \"$IWM\" " + tool + " " + pkg + " " + (fallback ? "fallback" : "none") + "; ";
    }
}
