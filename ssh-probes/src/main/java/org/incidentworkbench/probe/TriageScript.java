package org.incidentworkbench.probe;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.ssh.ExecResult;

/**
 * Runs several probes in ONE exec channel and splits the output back into one text per probe.
 * Every exec channel pays for the login shell's startup files (about 140 ms for root here, whose
 * {@code .bashrc} does real work; see STACK.md, and 300 ms on a loaded machine), so nine probes on
 * nine channels cost over a second where one combined script costs one startup. A probe that waits by
 * design ({@link Probe#background()}: iostat's one-second sample) runs beside the
 * others in the same script: its output goes into a pipe that is copied out after the other probes, so
 * the host costs one channel and about one second, not one second plus the other probes.
 *
 * <p>Output protocol, on stdout, with {@code M} a random marker chosen per run (so no probe output can
 * forge it):
 * <pre>
 * M begin NAME UPTIME                 the probe starts (UPTIME: /proc/uptime's first field)
 * ...probe text (contract A)...
 * M note missing TOOL PACKAGE fallback|none    (printed by the fragment, removed from the text)
 * M end NAME UPTIME                   the probe ended
 * </pre>
 * The end line is preceded by a newline the script adds (so it starts a line even after output with
 * no final newline); the splitter removes exactly that one. Stderr carries {@code M begin NAME} lines,
 * so each probe's error messages are attributed to it, and {@code M x NAME STATUS} with the fragment's
 * exit status. The output passes through {@code head -c CAP+1}: a text longer than the cap was cut.
 *
 * <p>Bounds: each fragment runs under {@code timeout -k 1 SECONDS} (GNU coreutils, which kills the
 * fragment's whole process group) or, where there is no {@code timeout}, a {@code sleep; pkill -P; kill -9}
 * watchdog that kills the fragment and its children (deeper descendants may survive it; the channel
 * bound then ends the wait); its output passes through {@code head -c CAP+1}, so a runaway probe is cut
 * on the server and never crosses the network; {@link #channelTimeout()} bounds the channel as a whole.
 *
 * <p>Two ways to run it. {@link #command()} is one exec channel per triage: the login shell starts (its rc
 * files run: 160 ms of CPU for root here, whose {@code .bashrc} runs {@code pyenv init}), the userland is
 * detected, the probes run, the channel ends. {@link #keptProgram()} is for a session that stays open (the
 * window's warm connections, {@link org.incidentworkbench.ssh.KeptShell}): one long-lived {@code sh} started
 * once through the login shell, with the userland detected once, runs the same probes in a subshell per request
 * ({@link #keptRequest()}: {@code run MARKER}), so a warm re-triage pays neither. Both print the same protocol
 * below, under the same per-probe timeouts and caps; the kept shell ends each answer with
 * {@link #keptEndLine()}, and its own watchdog (see {@link #keptProgram()}) replaces the exec channel's.
 *
 * <p>Immutable and thread-safe.
 */
public final class TriageScript {

    /** Time the script needs beyond its probes' own timeouts: shell start-up, kill grace, transfer. */
    static final Duration SLACK = Duration.ofSeconds(2);
    /** Per-probe overhead in the output: marker lines. */
    private static final int MARKER_BYTES = 512;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Probe<?>> probes;
    private final String marker;
    private final boolean sudo;

    private TriageScript(List<Probe<?>> probes, String marker, boolean sudo) {
        if (probes.isEmpty()) {
            throw new IllegalArgumentException("A triage script needs at least one probe.");
        }
        this.probes = List.copyOf(probes);
        this.marker = marker;
        this.sudo = sudo;
    }

    /** A script for these probes with a fresh random marker. */
    public static TriageScript of(List<Probe<?>> probes) {
        return of(probes, false);
    }

    /**
     * A script for these probes; with {@code sudo}, the commands that need privilege (those a fragment runs
     * through {@link Probe#privilegedRunner()}: the logs probe's journal, syslog and dmesg, and ss -tanp) go through
     * {@code sudo -n}, and only those.
     */
    public static TriageScript of(List<Probe<?>> probes, boolean sudo) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new TriageScript(probes, "@@iw-" + HexFormat.of().formatHex(bytes), sudo);
    }

    public List<Probe<?>> probes() {
        return probes;
    }

    public String marker() {
        return marker;
    }

    /**
     * The command to send: {@code exec env IW_SCRIPT='...' /bin/sh -c 'eval ...'}, so the script runs under a POSIX
     * shell whatever the user's login shell is (the login shell only reads its rc files and execs). The script
     * travels in the environment, not as the shell's argument, so that the script's processes show a short command
     * line in the host's {@code ps} and {@code top}, the output the ps probe reads and sends back (as an argument,
     * its 10 KiB would appear once per process of the running script); the shell unsets it before running it, so
     * the probes do not inherit it.
     */
    public String command() {
        return "exec env IW_SCRIPT=" + shellQuote(script()) + " /bin/sh -c "
                + shellQuote("iw_script=$IW_SCRIPT; unset IW_SCRIPT; eval \"$iw_script\"");
    }

    /** The POSIX sh script itself. */
    public String script() {
        StringBuilder s = new StringBuilder();
        appendEnvironment(s);
        s.append("IWM='").append(marker).append("'; export IWM\n");
        appendUserland(s);
        s.append(sudo ? "IW_SUDO=1; export IW_SUDO\n" : "unset IW_SUDO\n");
        appendWatchdog(s, seconds(channelTimeout()) + 1);
        appendRunner(s);
        appendProbes(s);
        s.append("[ -n \"$iw_wd\" ] && kill -USR1 $iw_wd 2>/dev/null\n");
        return s.toString();
    }

    /** The first line of the kept shell's answers: it started, leads its session and waits for requests. */
    static final String KEPT_READY = "@@iw-kept-shell ready";

    /**
     * The same probes as a long-lived shell that runs them once per request ({@link #keptRequest()}), for a
     * session that stays open ({@code app}'s warm connections): the login shell and its startup files run once
     * when the shell starts, and so does the userland's detection, where every {@link #command()} pays both
     * (over 100 ms of CPU per host on a server whose {@code .bashrc} does work, 160 ms for root here). The text
     * has no marker (each request brings its own), so equal probes and sudo give an equal program: a kept shell is
     * reused only for the program it was started with.
     *
     * <p>Leave nothing behind, as {@link #command()}: only a shell that leads its session is kept (elsewhere it
     * says nothing and ends, and the caller execs instead). Its standard input is read by one process alone,
     * which passes the requests on and, when the input ends (the channel closed: a timeout, a cancel, the
     * session's end, a connection that dropped), ends every process of the session; each request also arms a
     * timer at {@link #channelTimeout()} plus a second that does the same. Both ignore TERM, HUP and INT for the
     * reason given in {@code appendWatchdog}. Each request's answer ends with {@link #keptEndLine()} on stdout and
     * on stderr.
     */
    public org.incidentworkbench.ssh.KeptShell.Program keptProgram() {
        StringBuilder s = new StringBuilder();
        appendEnvironment(s);
        appendUserland(s);
        s.append(sudo ? "IW_SUDO=1; export IW_SUDO\n" : "unset IW_SUDO\n");
        appendRunner(s);
        s.append("iw_triage() {\n");
        appendProbes(s);
        s.append("}\n");
        // every process of this session but the caller
        s.append("iw_kill() { read -r iw_me < /proc/self/stat; iw_me=${iw_me%% *}\n");
        s.append("  for iw_d in /proc/[0-9]*; do read -r iw_l < $iw_d/stat 2>/dev/null || continue; iw_l=${iw_l##*) };"
                + " set -- $iw_l; [ \"$4\" = \"$iw_sid\" ] && [ \"${iw_d#/proc/}\" != \"$iw_me\" ] && kill -9 ${iw_d#/proc/} 2>/dev/null; done; }\n");
        s.append("read -r iw_st < /proc/$$/stat 2>/dev/null && { iw_st=${iw_st##*) }; set -- $iw_st; }\n");
        s.append("[ \"${4:-}\" = \"$$\" ] || exit 0\n");
        s.append("iw_sid=$$; set --\n");
        s.append("{ trap '' TERM HUP INT PIPE\n");
        s.append("  while IFS= read -r iw_q; do printf '%s\\n' \"$iw_q\" || break; done\n");
        s.append("  iw_kill\n");
        s.append("} | {\n");
        s.append("  printf '%s\\n' '").append(KEPT_READY).append("'; printf '%s\\n' '").append(KEPT_READY).append("' >&2\n");
        s.append("  while read -r iw_c IWM; do\n");
        s.append("    [ \"$iw_c\" = run ] || break\n");
        s.append("    export IWM\n");
        s.append("    ( ( trap '' TERM HUP INT; trap 'kill -9 $iw_t 2>/dev/null; exit 0' USR1\n");
        s.append("        sleep ").append(seconds(channelTimeout()) + 1).append(" & iw_t=$!; wait $iw_t; iw_kill ) </dev/null >/dev/null 2>&1 &\n");
        s.append("      iw_tm=$!; iw_triage; kill -USR1 $iw_tm 2>/dev/null ) </dev/null\n");
        s.append("    printf '\\n%s done\\n' \"$IWM\"; printf '\\n%s done\\n' \"$IWM\" >&2\n");
        s.append("  done\n");
        s.append("}\n");
        return new org.incidentworkbench.ssh.KeptShell.Program(KEPT_LOADER, s + KEPT_PROGRAM_END + "\n", KEPT_READY);
    }

    /** The line after the kept shell's program on its standard input. */
    static final String KEPT_PROGRAM_END = "@@iw-kept-shell end of program";

    /**
     * The kept shell's command: reads its program from standard input up to {@link #KEPT_PROGRAM_END} (the read
     * builtin takes a byte at a time from a pipe, so nothing past that line is consumed) and runs it. Sent this way,
     * not as the command's argument, so that the shell and its subshells show a short command line in the host's
     * {@code ps} and {@code top}: as an argument, the 10 KiB program would appear in full once per process of every
     * kept shell, in the very output the ps probe reads and sends back.
     */
    static final String KEPT_LOADER = "exec /bin/sh -c " + shellQuote("iw_p=; while IFS= read -r iw_l; do [ \"$iw_l\" = '"
            + KEPT_PROGRAM_END + "' ] && break; iw_p=\"$iw_p$iw_l\n\"; done; eval \"$iw_p\"");

    /** The request that runs this script's probes, with its marker, in the shell of {@link #keptProgram()}. */
    public String keptRequest() {
        return "run " + marker;
    }

    /** The line that ends the kept shell's answer to {@link #keptRequest()}, on stdout and on stderr. */
    public String keptEndLine() {
        return marker + " done";
    }

    private static void appendEnvironment(StringBuilder s) {
        s.append("LC_ALL=C; export LC_ALL; unset LANGUAGE\n");
        s.append("PATH=$PATH:/usr/sbin:/sbin; export PATH\n");
    }

    private static void appendRunner(StringBuilder s) {
        s.append("if command -v timeout >/dev/null 2>&1; then\n");
        s.append("  iw_exec() { timeout -k 1 \"$1\" sh -c \"$2\" </dev/null 3<&-; }\n");
        s.append("else\n");
        // no process groups without job control: kill the fragment's children (pkill -P), then the fragment
        s.append("  iw_exec() { sh -c \"$2\" </dev/null 3<&- & iw_p=$!; ( sleep \"$1\"; pkill -9 -P $iw_p; kill -9 $iw_p ) >/dev/null 2>&1 &"
                + " iw_w=$!; wait $iw_p; iw_r=$?; kill $iw_w 2>/dev/null; return $iw_r; }\n");
        s.append("fi\n");
        // iw_run NAME TIMEOUT_S CAP+1 FRAGMENT; few processes per probe (each costs CPU on a busy server):
        // the exit status goes to stderr, and the cap is checked by the reader (CAP+1 bytes = cut)
        s.append("iw_run() {\n");
        s.append("  read iw_s iw_x < /proc/uptime\n");
        s.append("  printf '%s begin %s %s\\n' \"$IWM\" \"$1\" \"$iw_s\"\n");
        s.append("  printf '%s begin %s\\n' \"$IWM\" \"$1\" >&2\n");
        s.append("  { iw_exec \"$2\" \"$4\"; printf '%s x %s %s\\n' \"$IWM\" \"$1\" \"$?\" >&2; } | head -c \"$3\"\n");
        s.append("  read iw_e iw_x < /proc/uptime\n");
        s.append("  printf '\\n%s end %s %s\\n' \"$IWM\" \"$1\" \"$iw_e\"\n");
        s.append("}\n");
    }

    private void appendProbes(StringBuilder s) {
        List<Probe<?>> background = probes.stream().filter(Probe::background).toList();
        List<Probe<?>> foreground = probes.stream().filter(p -> !p.background()).toList();
        appendGroups(s, background, foreground);
    }

    /**
     * The userland, detected once for every probe: {@code IW_BB} lists (space-separated, with a space at
     * each end) the probes' tools that are BusyBox applets (their path resolves to a {@code busybox}
     * binary, or {@code command -v} names no path: BusyBox ash built as a standalone shell runs its own applets
     * before any on the PATH, and none of these tools is a builtin of another shell), so each fragment picks its
     * variant with {@link Probe#busyBox} and no further process.
     * Hosts without a {@code busybox} binary pay one {@code command -v}.
     */
    private static void appendUserland(StringBuilder s) {
        s.append("IW_BB=; if command -v busybox >/dev/null 2>&1; then for iw_t in ").append(String.join(" ", Probe.BUSYBOX_TOOLS))
                .append("; do iw_p=$(command -v $iw_t 2>/dev/null) || continue; case $iw_p in */*) case $(readlink -f \"$iw_p\" 2>/dev/null) in"
                        + " */busybox) IW_BB=\"$IW_BB $iw_t\" ;; esac ;; *) IW_BB=\"$IW_BB $iw_t\" ;; esac; done; fi;"
                        + " IW_BB=\"$IW_BB \"; export IW_BB\n");
    }

    /**
     * Leave nothing behind: when sshd made this script the leader of its own session (as it does for every
     * exec request), a watchdog ends every process of that session (the probes, and what they started in
     * their own process groups under {@code timeout}) as soon as the channel's standard input reaches its
     * end (the client stopped, was cancelled or closed the connection; see
     * {@link org.incidentworkbench.ssh.HostConnection#execWatched}) or the script outlives its bound (a
     * connection that dropped without a word). It ignores TERM and HUP (and so do its timer and reader: use -9 on them) so that the client's TERM to the
     * session's process group cannot end it before it has done that; the script's own end tells it to go
     * with USR1. Where this shell leads no session (run on this machine, under a test server or a
     * ForceCommand wrapper), no watchdog: killing that session would kill what started it.
     */
    private static void appendWatchdog(StringBuilder s, long seconds) {
        s.append("exec 3<&0 </dev/null\n"); // the channel's stdin, kept for the watchdog alone
        s.append("iw_wd=; read -r iw_st < /proc/$$/stat 2>/dev/null && { iw_st=${iw_st##*) }; set -- $iw_st; }\n");
        s.append("if [ \"${4:-}\" = \"$$\" ]; then\n");
        s.append("  ( trap '' TERM HUP INT\n");
        s.append("    trap 'kill -9 $iw_t $iw_r 2>/dev/null; exit 0' USR1\n");
        s.append("    sleep ").append(seconds).append(" & iw_t=$!\n");
        s.append("    { read -r iw_ <&3; kill -9 $iw_t; } & iw_r=$!\n");
        s.append("    wait $iw_t\n");
        // the end: every process of this session but this one, then this one
        s.append("    read -r iw_me < /proc/self/stat; iw_me=${iw_me%% *}\n");
        s.append("    for iw_d in /proc/[0-9]*; do read -r iw_l < $iw_d/stat 2>/dev/null || continue; iw_l=${iw_l##*) };"
                + " set -- $iw_l; [ \"$4\" = \"$$\" ] && [ \"${iw_d#/proc/}\" != \"$iw_me\" ] && kill -9 ${iw_d#/proc/} 2>/dev/null; done\n");
        s.append("  ) </dev/null >/dev/null 2>&1 & iw_wd=$!\n");
        s.append("fi\n");
        s.append("set --\n");
    }

    /**
     * Each waiting probe writes into its own pipe, read by the rest of the script, which copies it out
     * with {@code cat} once its own probes are done: {@code { iostat } | { w; ps; ...; cat; }}, nested
     * one level per waiting probe.
     * All of them run at once on one channel, with no temp file and nothing interleaved. A pipe holds
     * 64 KiB: a background probe printing more waits for its reader (and its timeout keeps running), so
     * only probes with short output (iostat's few devices) belong in the background.
     */
    private static void appendGroups(StringBuilder s, List<Probe<?>> background, List<Probe<?>> foreground) {
        if (background.isEmpty()) {
            appendRuns(s, foreground);
            return;
        }
        s.append("{\n");
        appendRuns(s, background.subList(0, 1));
        s.append("} | {\n");
        appendGroups(s, background.subList(1, background.size()), foreground);
        s.append("cat; }\n");
    }

    private static void appendRuns(StringBuilder s, List<Probe<?>> runs) {
        for (Probe<?> p : runs) {
            s.append("iw_run ").append(p.name()).append(' ').append(seconds(p.timeout())).append(' ')
                    .append(p.maxOutputBytes() + 1L).append(' ').append(shellQuote(p.fragment())).append('\n');
        }
    }

    /**
     * The bound for the whole channel: the longest of the probes running side by side (each waiting
     * probe alone, the others one after another), each with its timeout plus a second of kill grace,
     * plus slack.
     */
    public Duration channelTimeout() {
        Duration longest = Duration.ZERO;
        Duration foreground = Duration.ZERO;
        for (Probe<?> p : probes) {
            Duration d = p.timeout().plusSeconds(1);
            if (p.background()) {
                longest = d.compareTo(longest) > 0 ? d : longest;
            } else {
                foreground = foreground.plus(d);
            }
        }
        return SLACK.plus(foreground.compareTo(longest) > 0 ? foreground : longest);
    }

    /** Output cap for the channel: every probe's cap plus the marker lines. */
    public int outputCap() {
        long cap = 0;
        for (Probe<?> p : probes) {
            cap += p.maxOutputBytes() + MARKER_BYTES;
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, cap);
    }

    /** The note line a fragment prints when a tool is missing (as {@link Probes} writes it). */
    public static String missingNote(String marker, String tool, String pkg, boolean fallback) {
        return marker + " note missing " + tool + " " + pkg + " " + (fallback ? "fallback" : "none");
    }

    /**
     * Splits the channel's output into one {@link ProbeRun} per probe, in probe order. A probe whose
     * begin or end line never arrived (channel timed out or dropped) is marked as not finished, with
     * whatever text arrived.
     */
    public List<ProbeRun> split(ExecResult result) {
        Map<String, ProbeRun.Builder> runs = new LinkedHashMap<>();
        for (Probe<?> p : probes) {
            runs.put(p.name(), new ProbeRun.Builder(p.name(), p.maxOutputBytes()));
        }
        String prefix = marker + " ";
        ProbeRun.Builder current = null;
        String out = result.stdout();
        int pos = 0;
        while (pos < out.length()) {
            int nl = out.indexOf('\n', pos);
            int end = nl < 0 ? out.length() : nl + 1;
            if (out.startsWith(prefix, pos)) {
                String[] f = out.substring(pos + prefix.length(), nl < 0 ? end : nl).strip().split("\\s+");
                if (f.length >= 2 && f[0].equals("begin") && runs.containsKey(f[1])) {
                    current = runs.get(f[1]);
                    current.begin(f.length > 2 ? uptimeMillis(f[2]) : -1);
                } else if (f.length >= 2 && f[0].equals("end") && current != null && f[1].equals(current.name())) {
                    current.end(f);
                    current = null;
                } else if (f.length >= 5 && f[0].equals("note") && f[1].equals("missing") && current != null) {
                    current.missing(new ProbeRun.MissingTool(f[2], f[3], f[4].equals("fallback")));
                }
            } else if (current != null) {
                current.text().append(out, pos, end);
            }
            pos = end;
        }
        splitStderr(result.stderr(), runs);
        List<ProbeRun> list = new ArrayList<>();
        for (ProbeRun.Builder b : runs.values()) {
            list.add(b.build());
        }
        return list;
    }

    private void splitStderr(String err, Map<String, ProbeRun.Builder> runs) {
        String prefix = marker + " begin ";
        String status = marker + " x ";
        String sudo = marker + " note sudo ";
        ProbeRun.Builder current = null;
        for (String line : err.split("\n", -1)) {
            if (line.startsWith(prefix)) {
                current = runs.get(line.substring(prefix.length()).strip());
            } else if (line.startsWith(sudo)) {
                if (current != null) {
                    current.sudoRefused(line.substring(sudo.length()).strip());
                }
            } else if (line.startsWith(status)) {
                String[] f = line.substring(status.length()).strip().split("\\s+");
                if (f.length == 2 && runs.containsKey(f[0])) {
                    runs.get(f[0]).exitStatus(f[1]);
                }
            } else if (current != null && !line.isEmpty()) {
                current.stderr().append(line).append('\n');
            }
        }
    }

    static long uptimeMillis(String field) {
        try {
            return Math.round(Double.parseDouble(field) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whole seconds, rounded up, at least 1 ({@code timeout} and {@code sleep} take integers everywhere). */
    static long seconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** POSIX single-quoting: the text becomes one word, whatever it holds. */
    public static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
