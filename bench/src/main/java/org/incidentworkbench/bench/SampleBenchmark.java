package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.cli.UsageException;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.app.services.SamplingService;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.sample.FrameDecoder;
import org.incidentworkbench.sample.FrameParser;
import org.incidentworkbench.sample.HostStatus;
import org.incidentworkbench.sample.Sampler;
import org.incidentworkbench.sample.SamplerConfig;
import org.incidentworkbench.sample.SamplerScript;
import org.incidentworkbench.sample.StreamEvent;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.RemoteProcess;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench sample}: what sampling costs on both ends.
 *
 * <ol>
 * <li><b>Laptop:</b> {@code --hosts} hosts (100) at one frame per second through the real {@link Sampler}
 *     (decoder, parser, rate step, gap bookkeeping, one batch per poll to a counting sink). The hosts are an
 *     in-process {@link FrameReplayTransport} replaying frames recorded from this machine over Java pipes:
 *     no sshd, sockets or crypto (JSch's per-session cost is not in these figures). Measured: CPU of the
 *     sampler's threads per host-sample and as % of one core, the whole process's CPU minus the replay
 *     feeder minus an idle baseline measured in the same run, and heap per host after GC.</li>
 * <li><b>Server:</b> the loop on a real OpenSSH sshd on loopback, CPU per sample from
 *     {@code /proc/PID/schedstat} (ns) of the loop's shell plus its reaped children ({@code cutime+cstime})
 *     and of the sshd session processes; bash loop (no process per frame) against the plain POSIX sh
 *     loop ({@code date}, {@code head}, {@code sleep} per frame) as the baseline, in the same run.</li>
 * </ol>
 */
@Command(name = "sample", sortOptions = false,
        description = "sampler cost: laptop CPU and heap per host (100 hosts at 1 s), server CPU per sample on a real sshd",
        footer = {"", "Laptop: N hosts (100) at 1 s replayed in-process, CPU measured over --windows windows of --window s.",
                "Then the same hosts through SamplingService into a temporary store (H2), unless --no-store.",
                "Then --ssh-hosts (100; 0 to skip) real SSH sessions to one local sshd at 1 s: the laptop's whole cost.",
                "Server: --remote-frames frames (150) at 0.1 s on a real sshd, bash loop vs POSIX sh loop."})
final class SampleBenchmark extends CliCommand {

    @Option(names = "--hosts", paramLabel = "N", description = "replayed hosts (default ${DEFAULT-VALUE})")
    private int hosts = 100;
    @Option(names = "--windows", paramLabel = "N", description = "measuring windows (default ${DEFAULT-VALUE})")
    private int windows = 5;
    @Option(names = "--window", paramLabel = "S", description = "seconds per window (default ${DEFAULT-VALUE})")
    private double windowSeconds = 4;
    @Option(names = "--warmup", paramLabel = "S", description = "seconds of warm-up (default ${DEFAULT-VALUE})")
    private double warmupSeconds = 30;
    @Option(names = "--remote-frames", paramLabel = "N", description = "frames on the real sshd (default ${DEFAULT-VALUE})")
    private int remoteFrames = 150;
    @Option(names = "--no-remote", description = "skip the server side")
    private boolean noRemote;
    @Option(names = "--no-store", description = "skip the run into a temporary store")
    private boolean noStore;
    @Option(names = "--ssh-hosts", paramLabel = "N", description = "real SSH sessions to one local sshd, 0 to skip (default ${DEFAULT-VALUE})")
    private int sshHosts = 100;

    @Override
    public Integer call() throws Exception {
        if (hosts < 1 || windows < 1 || !(windowSeconds > 0) || warmupSeconds < 0 || remoteFrames < 1 || sshHosts < 0) {
            throw new UsageException("--hosts, --windows, --window and --remote-frames take positive numbers, --warmup and"
                    + " --ssh-hosts 0 or more.");
        }
        Duration window = Duration.ofMillis((long) (windowSeconds * 1000));
        Duration warmup = Duration.ofMillis((long) (warmupSeconds * 1000));
        boolean remote = !noRemote;
        boolean withStore = !noStore;
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("benchmark", "sample");
        doc.put("command", String.format(java.util.Locale.ROOT, "workbench bench sample --hosts %d --windows %d --window %s"
                + " --warmup %s --remote-frames %d --ssh-hosts %d%s%s", hosts, windows, windowSeconds, warmupSeconds, remoteFrames,
                sshHosts, noRemote ? " --no-remote" : "", noStore ? " --no-store" : ""));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("java", Runtime.version().toString());
        err.println("Recording frames from this machine...");
        List<StreamEvent.Frame> recording = record(40);
        doc.set("laptop", laptop(recording, hosts, windows, window, warmup, err));
        if (withStore) {
            doc.set("laptop_with_store", laptopWithStore(recording, hosts, windows, window, err));
        }
        if (sshHosts > 0 && SshdLab.available()) {
            doc.set("laptop_real_ssh", laptopRealSsh(sshHosts, windows, window, err));
        }
        if (remote) {
            if (SshdLab.available()) {
                doc.set("server", ServerSampleCost.measure(remoteFrames, err));
            } else {
                doc.put("server", "skipped: /usr/sbin/sshd is not installed (apt-get install openssh-server)");
            }
        }
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, doc);
        out.println();
        return Cli.OK;
    }

    /** Frames of the real loop on this machine at 0.1 s (df every 10th, as at 1 s). */
    private static List<StreamEvent.Frame> record(int count) throws IOException {
        List<StreamEvent.Frame> frames = new ArrayList<>();
        try (HostConnection c = new LocalTransport().connect(LocalTransport.HOST);
             RemoteProcess p = c.start(SamplerScript.command(Duration.ofMillis(100), 10))) {
            FrameDecoder decoder = new FrameDecoder();
            InputStream in = p.stdout();
            byte[] buf = new byte[16384];
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (frames.size() < count && System.nanoTime() < deadline) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                for (StreamEvent e : decoder.feed(buf, 0, n)) {
                    if (e instanceof StreamEvent.Frame f) {
                        frames.add(f);
                    }
                }
            }
        }
        if (frames.size() < count) {
            throw new IOException("The local sampling loop gave " + frames.size() + " frames instead of " + count + ".");
        }
        return frames;
    }

    private static ObjectNode laptop(List<StreamEvent.Frame> recording, int hosts, int windows, Duration window, Duration warmup,
                                      PrintStream err)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double uptime0 = FrameParser.parse(recording.get(0), 4096).uptimeSeconds().orElse(1000);

        err.println("Idle baseline: " + windows + " x " + window.toMillis() / 1000.0 + " s...");
        long heapBefore = usedHeapAfterGc(memory);
        double[] idle = new double[windows];
        for (int w = 0; w < windows; w++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            idle[w] = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - t0);
        }

        AtomicLong points = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        Duration interval = Duration.ofSeconds(1);
        ObjectNode result = Json.mapper().createObjectNode();
        try (FrameReplayTransport transport = new FrameReplayTransport(recording, interval, uptime0);
             Sampler sampler = Sampler.start(transport, batch -> {
                 points.addAndGet(batch.size());
                 batches.incrementAndGet();
             }, SamplerConfig.of(interval))) {
            for (int i = 0; i < hosts; i++) {
                sampler.start(HostSpec.of("replay-" + i, Optional.empty(), "replay-" + i, 22));
            }
            err.println("Sampling " + hosts + " replayed hosts at 1 s: warm-up " + warmup.toSeconds() + " s (JIT), then " + windows + " windows...");
            Thread.sleep(warmup.toMillis());
            double[] samplerPct = new double[windows];
            double[] processPct = new double[windows];
            double[] usPerHostSample = new double[windows];
            double[] processUsPerHostSample = new double[windows];
            double[] gcPct = new double[windows];
            double[] jitPct = new double[windows];
            double[] steadyPct = new double[windows];
            long framesTotal = 0;
            long pointsTotal = 0;
            for (int w = 0; w < windows; w++) {
                long frames0 = frames(sampler);
                long points0 = points.get();
                long sampler0 = samplerCpu(threads);
                long feeder0 = threadCpu(threads, transport.feederThreadId());
                long gc0 = gcMillis();
                long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Thread.sleep(window.toMillis());
                long elapsed = System.nanoTime() - t0;
                gcPct[w] = 100.0 * (gcMillis() - gc0) * 1e6 / elapsed;
                jitPct[w] = 100.0 * (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) * 1e6 / elapsed;
                long frames = frames(sampler) - frames0;
                long samplerNanos = samplerCpu(threads) - sampler0;
                long feederNanos = threadCpu(threads, transport.feederThreadId()) - feeder0;
                long processNanos = os.getProcessCpuTime() - cpu0 - feederNanos - (long) (median(idle) * elapsed);
                samplerPct[w] = 100.0 * samplerNanos / elapsed;
                processPct[w] = 100.0 * processNanos / elapsed;
                usPerHostSample[w] = frames == 0 ? Double.NaN : samplerNanos / 1000.0 / frames;
                processUsPerHostSample[w] = frames == 0 ? Double.NaN : processNanos / 1000.0 / frames;
                steadyPct[w] = processPct[w] - jitPct[w];
                framesTotal += frames;
                pointsTotal += points.get() - points0;
                err.printf("  window %d: %d frames, sampler threads %.2f %% of a core, process (minus feeder, idle) %.2f %%"
                        + " (GC pauses %.2f %%, JIT %.2f %%)%n", w + 1, frames, samplerPct[w], processPct[w], gcPct[w], jitPct[w]);
            }
            long heapWith = usedHeapAfterGc(memory);
            long perHost = (heapWith - heapBefore) / hosts;
            long corrupt = sampler.status().stream().mapToLong(s -> s.corruptFrames()).sum();
            long gaps = sampler.status().stream().mapToLong(s -> s.gaps()).sum();
            result.put("hosts", hosts);
            result.put("interval_s", 1);
            result.put("transport", "in-process replay of " + recording.size() + " frames recorded from this machine, over Java pipes"
                    + " (no sshd, sockets or crypto; JSch's session thread and decryption are not included)");
            result.put("threads", "1 poll thread for all hosts + connect pool (idle after connect) + the sink's caller");
            result.put("frames_measured", framesTotal);
            result.put("points_per_frame", framesTotal == 0 ? 0 : (double) pointsTotal / framesTotal);
            result.put("frame_bytes_avg", recording.stream().mapToInt(f -> f.body().length()).average().orElse(0));
            result.put("median_sampler_threads_cpu_pct_of_one_core", round2(median(samplerPct)));
            result.put("median_sampler_cpu_us_per_host_sample", round2(median(usPerHostSample)));
            result.put("median_process_cpu_pct_of_one_core_minus_feeder_and_idle", round2(median(processPct)));
            result.put("median_process_cpu_us_per_host_sample", round2(median(processUsPerHostSample)));
            result.put("baseline_idle_jvm_cpu_pct_of_one_core", round2(100 * median(idle)));
            result.put("median_process_cpu_pct_minus_feeder_idle_and_jit", round2(median(steadyPct)));
            result.put("median_gc_time_pct", round2(median(gcPct)));
            result.put("median_jit_time_pct", round2(median(jitPct)));
            result.put("heap_bytes_per_host", perHost);
            result.put("heap_bytes_per_host_without_pipe_buffer", perHost - FrameReplayTransport.PIPE_BYTES);
            result.put("corrupt_frames", corrupt);
            result.put("gaps", gaps);
            ArrayNode all = result.putArray("windows_sampler_cpu_pct");
            Arrays.stream(samplerPct).forEach(v -> all.add(round2(v)));
            ObjectNode target = result.putObject("targets");
            target.put("cpu_pct_of_one_core_max", 1.0);
            target.put("heap_bytes_per_host_max", 1 << 20);
            target.put("cpu_met_by_sampler_threads", median(samplerPct) <= 1.0);
            target.put("cpu_met_by_whole_process", median(processPct) <= 1.0);
            target.put("heap_met", perHost <= (1 << 20));
        }
        return result;
    }

    /** The whole path: the same replayed hosts through {@link SamplingService} into a temporary H2 store. */
    private static ObjectNode laptopWithStore(List<StreamEvent.Frame> recording, int hosts, int windows, Duration window,
                                              PrintStream err) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double uptime0 = FrameParser.parse(recording.get(0), 4096).uptimeSeconds().orElse(1000);
        Path dir = Files.createTempDirectory("iw-bench-store-");
        Duration interval = Duration.ofSeconds(1);
        ObjectNode result = Json.mapper().createObjectNode();
        try (FrameReplayTransport transport = new FrameReplayTransport(recording, interval, uptime0);
             TimeSeriesStore store = MetricStores.open(dir.resolve("bench.mv.db"));
             SamplingService sampling = SamplingService.start(store, transport, SamplerConfig.of(interval))) {
            for (int i = 0; i < hosts; i++) {
                sampling.start(HostSpec.of("replay-" + i, Optional.empty(), "replay-" + i, 22));
            }
            err.println("Same hosts into a temporary store: warm-up 15 s, then " + windows + " windows...");
            Thread.sleep(15_000);
            double[] processPct = new double[windows];
            double[] jitPct = new double[windows];
            long written0 = sampling.pointsWritten();
            long t00 = System.nanoTime();
            for (int w = 0; w < windows; w++) {
                long feeder0 = threadCpu(threads, transport.feederThreadId());
                long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Thread.sleep(window.toMillis());
                long elapsed = System.nanoTime() - t0;
                long feederNanos = threadCpu(threads, transport.feederThreadId()) - feeder0;
                processPct[w] = 100.0 * (os.getProcessCpuTime() - cpu0 - feederNanos) / elapsed;
                jitPct[w] = 100.0 * (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) * 1e6 / elapsed;
                err.printf("  window %d: process (minus feeder) %.2f %% of a core (JIT %.2f %%)%n", w + 1, processPct[w], jitPct[w]);
            }
            double seconds = (System.nanoTime() - t00) / 1e9;
            result.put("store", "TimeSeriesStore (H2 file in a temp dir), appendAll once per poll");
            result.put("points_per_s", Math.round((sampling.pointsWritten() - written0) / seconds));
            result.put("median_process_cpu_pct_of_one_core_minus_feeder", round2(median(processPct)));
            result.put("median_jit_time_pct", round2(median(jitPct)));
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return result;
    }

    /**
     * The laptop's whole cost with the real transport: {@code hosts} JSch sessions to one local sshd, each
     * running the loop at 1 s. The loops and sshd run outside this JVM, so the JVM's CPU is the laptop's
     * (sampler, JSch session threads, decryption, GC, JIT), measured against an idle baseline taken before.
     */
    private static ObjectNode laptopRealSsh(int hosts, int windows, Duration window, PrintStream err) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ObjectNode result = Json.mapper().createObjectNode();
        double[] idle = new double[windows];
        long heapBefore = usedHeapAfterGc(memory);
        for (int w = 0; w < windows; w++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis() / 2);
            idle[w] = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - t0);
        }
        AtomicLong points = new AtomicLong();
        try (SshdLab sshd = SshdLab.start(1, err);
             Sampler sampler = Sampler.start(new SshTransport(sshd.sshOptions(), UserPrompter.NONE),
                     batch -> points.addAndGet(batch.size()), SamplerConfig.of(Duration.ofSeconds(1)))) {
            err.println("Real SSH: " + hosts + " sessions to one local sshd at 1 s, connecting...");
            for (int i = 0; i < hosts; i++) {
                sampler.start(sshd.hosts().get(0).withAlias("ssh-" + i)); // many sessions of one daemon
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            // root's .bashrc here runs pyenv, whose rehash lock makes 100 simultaneous logins take many seconds:
            // wait until every host streams, so that logins are not inside the measurement
            while (sampler.status().stream().filter(s -> s.frames() > 0 && s.state() == HostStatus.State.SAMPLING).count() < hosts
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            long sampling = sampler.status().stream().filter(s -> s.frames() > 0).count();
            err.println("  " + sampling + " of " + hosts + " sampling; warm-up 15 s, then " + windows + " windows...");
            Thread.sleep(15_000);
            double[] processPct = new double[windows];
            double[] usPerHostSample = new double[windows];
            double[] jitPct = new double[windows];
            for (int w = 0; w < windows; w++) {
                long frames0 = frames(sampler);
                long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Thread.sleep(window.toMillis());
                long elapsed = System.nanoTime() - t0;
                long frames = frames(sampler) - frames0;
                long nanos = os.getProcessCpuTime() - cpu0 - (long) (median(idle) * elapsed);
                processPct[w] = 100.0 * nanos / elapsed;
                usPerHostSample[w] = frames == 0 ? Double.NaN : nanos / 1000.0 / frames;
                jitPct[w] = 100.0 * (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) * 1e6 / elapsed;
                err.printf("  window %d: %d frames, process (minus idle) %.2f %% of a core (JIT %.2f %%)%n", w + 1, frames,
                        processPct[w], jitPct[w]);
            }
            long heapWith = usedHeapAfterGc(memory);
            result.put("hosts", hosts);
            result.put("hosts_sampling", sampling);
            result.put("transport", "SshTransport (JSch) to one local OpenSSH sshd, one session and one exec channel per host");
            result.put("median_process_cpu_pct_of_one_core_minus_idle", round2(median(processPct)));
            result.put("median_process_cpu_us_per_host_sample", round2(median(usPerHostSample)));
            result.put("median_jit_time_pct", round2(median(jitPct)));
            result.put("heap_bytes_per_host", (heapWith - heapBefore) / hosts);
            result.put("reconnects_during_connect_and_measurement", sampler.status().stream().mapToLong(s -> s.reconnects()).sum());
            result.put("corrupt_frames", sampler.status().stream().mapToLong(s -> s.corruptFrames()).sum());
            ObjectNode errors = result.putObject("last_errors");
            sampler.status().stream().map(s -> s.lastError().orElse("none"))
                    .collect(java.util.stream.Collectors.groupingBy(e -> e, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                    .forEach(errors::put);
            result.put("note", "the sshd and the " + hosts + " loops share this machine's CPUs with the laptop side");
        }
        return result;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    private static long frames(Sampler sampler) {
        return sampler.status().stream().mapToLong(s -> s.frames()).sum();
    }

    private static long samplerCpu(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("iw-sampler-")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, t);
            }
        }
        return total;
    }

    private static long threadCpu(ThreadMXBean threads, long id) {
        return id < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(id));
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
