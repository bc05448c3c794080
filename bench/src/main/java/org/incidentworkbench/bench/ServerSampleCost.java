package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.FrameDecoder;
import org.incidentworkbench.sample.SamplerScript;
import org.incidentworkbench.sample.StreamEvent;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.RemoteProcess;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * The server side of {@code workbench bench sample}: the sampler loop on a real OpenSSH sshd on loopback, CPU
 * per sample from {@code /proc/PID/schedstat} (ns) of the loop's shell plus its reaped children
 * ({@code cutime+cstime}) and of the sshd session processes; the bash loop against the plain POSIX sh loop
 * as the baseline, in the same run.
 */
final class ServerSampleCost {

    private static final long TICK_NANOS = 10_000_000L; // USER_HZ 100: cutime/cstime are in 10 ms ticks

    private ServerSampleCost() {
    }

    static ObjectNode measure(int frames, PrintStream err) throws Exception {
        ObjectNode result = Json.mapper().createObjectNode();
        try (SshdLab sshd = SshdLab.start(1, err);
             HostConnection c = new SshTransport(sshd.sshOptions(), UserPrompter.NONE).connect(sshd.hosts().get(0))) {
            result.put("sshd", SshdLab.version());
            result.put("login_user", System.getProperty("user.name"));
            result.put("interval_s", 0.1);
            result.put("frames", frames);
            result.put("df_every", 10);
            err.println("Server cost on " + SshdLab.version() + ": bash loop, " + frames + " frames at 0.1 s...");
            ObjectNode bash = remoteCost(sshd, c, SamplerScript.command(Duration.ofMillis(100), 10), frames);
            err.println("Baseline: POSIX sh loop (date, head, sleep per frame), " + frames + " frames...");
            ObjectNode sh = remoteCost(sshd, c, SamplerScript.posixCommand(Duration.ofMillis(100), 10), frames);
            result.set("bash_loop", bash);
            result.set("baseline_posix_sh_loop", sh);
            double b = bash.get("cpu_ms_per_sample").asDouble();
            double s = sh.get("cpu_ms_per_sample").asDouble();
            result.put("bash_vs_baseline", round2(s / b));
            ObjectNode target = result.putObject("targets");
            target.put("cpu_ms_per_sample_max", 2.0);
            target.put("bash_met", b <= 2.0);
            target.put("posix_sh_met", s <= 2.0);
        }
        return result;
    }

    private static ObjectNode remoteCost(SshdLab sshd, HostConnection c, String command, int frames) throws Exception {
        try (RemoteProcess p = c.start(command)) {
            FrameDecoder decoder = new FrameDecoder();
            InputStream in = p.stdout();
            byte[] buf = new byte[65536];
            long seen = 0;
            long loopPid = -1;
            long[] before = null;
            long bytes = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (seen < frames + 2 && System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("The sampling loop on the benchmark sshd ended early.");
                }
                for (StreamEvent e : decoder.feed(buf, 0, n)) {
                    if (!(e instanceof StreamEvent.Frame f)) {
                        continue;
                    }
                    seen++;
                    if (seen == 2) { // the first frame's startup (bash exec, getconf, df -l probe) is not a sample's cost
                        loopPid = findLoop(sshd.pid(0));
                        before = cpu(sshd.pid(0), loopPid);
                    } else if (seen > 2) {
                        bytes += f.body().length();
                    }
                }
            }
            long[] after = cpu(sshd.pid(0), loopPid);
            long sampled = seen - 2;
            ObjectNode r = Json.mapper().createObjectNode();
            double loopMs = (after[0] - before[0]) / 1e6 / sampled;
            double childMs = (after[1] - before[1]) * (double) TICK_NANOS / 1e6 / sampled;
            double sshdMs = (after[2] - before[2]) / 1e6 / sampled;
            r.put("samples", sampled);
            r.put("cpu_ms_per_sample", round3(loopMs + childMs + sshdMs));
            r.put("loop_shell_ms", round3(loopMs));
            r.put("child_processes_ms", round3(childMs));
            r.put("sshd_session_ms", round3(sshdMs));
            r.put("bytes_per_sample", sampled == 0 ? 0 : bytes / sampled);
            return r;
        }
    }

    /** The loop's shell: the descendant of sshd whose command line names iw-sampler. */
    private static long findLoop(long sshdPid) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (ProcessHandle h : ProcessHandle.of(sshdPid).map(ph -> ph.descendants().toList()).orElse(List.of())) {
                // the loop itself, not one of its forked $(...) subshells, which carry the same command line
                boolean parentIsLoop = h.parent().map(ServerSampleCost::isLoop).orElse(false);
                if (isLoop(h) && !parentIsLoop) {
                    return h.pid();
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("Could not find the sampling loop among the sshd's processes.");
    }

    private static boolean isLoop(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc/" + h.pid() + "/cmdline")).contains("iw-sampler");
        } catch (IOException gone) {
            return false; // a short-lived child ended while we looked
        }
    }

    /** {loop shell's own ns, loop's reaped children's ticks, sshd session processes' ns}. */
    private static long[] cpu(long sshdPid, long loopPid) {
        long loop = schedstat(loopPid);
        long children = 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + loopPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            children = Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime (fields 16, 17)
        } catch (IOException | RuntimeException e) {
            children = 0;
        }
        long sessions = 0;
        for (ProcessHandle h : ProcessHandle.of(sshdPid).map(ph -> ph.descendants().toList()).orElse(List.of())) {
            long pid = h.pid();
            if (pid == loopPid || isDescendant(pid, loopPid)) {
                continue;
            }
            sessions += schedstat(pid);
        }
        return new long[] {loop, children, sessions};
    }

    private static boolean isDescendant(long pid, long ancestor) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        while (h.isPresent()) {
            Optional<ProcessHandle> parent = h.get().parent();
            if (parent.isPresent() && parent.get().pid() == ancestor) {
                return true;
            }
            h = parent;
        }
        return false;
    }

    private static long schedstat(long pid) {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/" + pid + "/schedstat")).trim().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
