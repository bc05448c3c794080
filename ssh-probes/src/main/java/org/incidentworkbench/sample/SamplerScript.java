package org.incidentworkbench.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.incidentworkbench.sample.source.ProcSource;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.ShellPart;

/**
 * The remote half of the sampler: a small POSIX {@code sh} loop (template {@code sampler.sh}, completed from the
 * registered sources' {@link ShellPart}s: files, bash filters, setup, commands every Nth frame) that
 * runs on one long-lived exec channel per host and prints a framed snapshot of {@code /proc} every
 * interval, until its output channel closes. Nothing is installed on the server and nothing is written
 * there; it needs a POSIX shell, {@code /proc}, and {@code df}.
 *
 * <h2>Stream format (version 1)</h2>
 * <pre>
 * #iw-hello 1 interval=1 df_every=10 pagesize=4096 shell=bash clock=us df_local=l
 * #iw-frame 0 1795591846.228842          sequence number, server epoch time in seconds[.fraction]
 * ==> /proc/uptime &lt;==                  sections in head(1)'s multi-file format, a blank line between
 * 8113.48 15984.19
 *
 * ==> /proc/stat &lt;==                    under bash only the cpu, ctxt, btime and procs_* lines
 * ...                                    /proc/meminfo, /proc/loadavg, /proc/vmstat, /proc/diskstats,
 * ==> df -Pk &lt;==                         /proc/net/dev; df -Pk and df -Pi only every df_every-th frame
 * ...
 * #iw-end 0 8914                         same sequence number, byte count of the body
 * </pre>
 * The body is everything between the begin line and the newline before the end line; its byte count
 * detects a frame cut short or interleaved with something else (SSH's MAC already guards the bytes
 * themselves). Lines outside frames (a noisy login script) are ignored.
 *
 * <h2>Cost per frame on the server (measured on Debian 12, 2 cores)</h2>
 * The loop prefers {@code bash} when the server has it (started with {@code --norc --noprofile}): then
 * a frame spawns <em>no process</em>: the time is {@code $EPOCHREALTIME} (bash 5; else one
 * {@code date +%s.%N}), the files are read with the {@code read -d ''} builtin, and the wait is
 * {@code read -t} on a pipe that never delivers. Bash also keeps only the lines the parser reads of
 * {@code /proc/stat}, {@code /proc/meminfo} and {@code /proc/vmstat} (with {@code [[ =~ ]]}: a pattern
 * removal such as {@code ${c#*pswpin }} is quadratic in bash and cost 4.6 ms), which cuts a frame of a
 * 2-CPU VM from 8 KB to 2 KB and keeps big servers' per-CPU and IRQ lines off the wire. Under a plain POSIX
 * shell (dash) a frame costs three processes ({@code date}, one {@code head} of all seven files,
 * {@code sleep}), about 2.5 ms. {@code df -Pk} and {@code df -Pi} (two processes, about 1.7 ms) run only
 * every {@code df_every}-th frame, by default every 10 s: filesystems fill in minutes, not seconds.
 * {@code df -l} (local filesystems only) is used where supported, so a hung NFS mount cannot stall the loop.
 *
 * <h2>Ending</h2>
 * When the channel closes, the next write fails (EPIPE or SIGPIPE) and the loop exits; HUP, PIPE, INT and
 * TERM are trapped to exit quietly. The loop therefore outlives a closed channel by at most one interval.
 *
 * <p>Thread-safe (stateless).
 */
public final class SamplerScript {

    /** Longest interval the loop accepts; beyond a minute per-second rates lose their meaning. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    /** Shortest interval; sub-second intervals are for tests and need bash or GNU sleep. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private static final String BODY = assemble(load(), ProcSources.ALL);

    private SamplerScript() {
    }

    /** The loop's source (for reading and for running it locally under a given shell in tests). */
    public static String source() {
        return BODY;
    }

    /**
     * The exec command for one host: runs the loop under {@code bash --norc --noprofile} when the server
     * has bash, else under {@code /bin/sh}. The login shell that sshd starts must be POSIX-compatible.
     *
     * @param interval time between frames, {@link #MIN_INTERVAL} to {@link #MAX_INTERVAL}
     * @param dfEvery  run {@code df} on every {@code dfEvery}-th frame (1 = every frame)
     */
    public static String command(Duration interval, int dfEvery) {
        return "exec /bin/sh -c " + quote("command -v bash >/dev/null 2>&1 && exec bash --norc --noprofile -c \"$1\" "
                + "iw-sampler \"$2\" \"$3\"; exec /bin/sh -c \"$1\" iw-sampler \"$2\" \"$3\"")
                + " iw-sampler " + quote(compact(BODY)) + " " + seconds(interval) + " " + checkDfEvery(dfEvery);
    }

    /**
     * The same loop forced under {@code /bin/sh} even where bash exists: three processes per frame. For
     * servers whose bash misbehaves, and as the benchmark's baseline.
     */
    public static String posixCommand(Duration interval, int dfEvery) {
        return "exec /bin/sh -c " + quote(compact(BODY)) + " iw-sampler " + seconds(interval) + " " + checkDfEvery(dfEvery);
    }

    /** The {@code df} cadence for an interval: about every 10 seconds. */
    public static int defaultDfEvery(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        return (int) Math.max(1, Math.min(600, (10_000 + millis - 1) / millis));
    }

    /** The interval as the loop's argument: whole seconds, or seconds with a fraction ({@code 0.25}). */
    static String seconds(Duration interval) {
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("The sampling interval must be between 0.1 and 60 seconds, not "
                    + interval.toMillis() / 1000.0 + " s.");
        }
        long millis = interval.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static int checkDfEvery(int dfEvery) {
        if (dfEvery < 1) {
            throw new IllegalArgumentException("df must run every N frames with N at least 1, not " + dfEvery + ".");
        }
        return dfEvery;
    }

    /** Single-quotes a word for a POSIX shell. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Drops comment lines and indentation: the command travels with every (re)connect. */
    private static String compact(String script) {
        return script.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.joining("\n"));
    }

    /**
     * The loop for {@code sources}: the template's {@code @FILES@}, {@code @SETUP@}, {@code @FILTERS@} and
     * {@code @EVERY_NTH@} lines filled from each source's {@link ShellPart}, in source order.
     */
    static String assemble(String template, List<ProcSource<?>> sources) {
        StringJoiner files = new StringJoiner(" ");
        StringJoiner setup = new StringJoiner("\n");
        StringJoiner filters = new StringJoiner("\n");
        StringJoiner everyNth = new StringJoiner("\n");
        for (ProcSource<?> source : sources) {
            ShellPart part = source.shell();
            part.files().forEach(files::add);
            if (!part.setup().isBlank()) {
                setup.add(part.setup().strip());
            }
            if (!part.bashFilter().isBlank()) {
                filters.add(part.bashFilter().strip());
            }
            part.everyNth().forEach((section, command) ->
                    everyNth.add("b=\"$b$nl$nl==> " + section + " <==$nl$(" + command + ")\""));
        }
        return template.replace("@FILES@", files.toString()).replace("@SETUP@", setup.toString())
                .replace("@FILTERS@", filters.toString()).replace("@EVERY_NTH@", everyNth.length() == 0 ? ":" : everyNth.toString());
    }

    private static String load() {
        try (InputStream in = SamplerScript.class.getResourceAsStream("sampler.sh")) {
            if (in == null) {
                throw new IllegalStateException("The sampler script resource sampler.sh is missing from the jar.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
