package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.app.services.SamplingService;
import org.incidentworkbench.sample.HostStatus;
import org.incidentworkbench.sample.SamplerConfig;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.SshConfigException;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.Transport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench sample [OPTIONS] HOST...}: records every host's vital metrics into the store, one frame
 * per interval over one SSH channel per host, until {@code --duration} has passed or Ctrl-C. A status
 * line per host goes to stderr (redrawn in place on a terminal, every 10 s otherwise). Exit 0 when every
 * host delivered frames, 1 when some never did (each with its reason), 2 on usage errors.
 */
@Command(name = "sample", sortOptions = false,
        description = "record hosts' CPU, memory, disk, network and filesystem metrics into the store over SSH",
        customSynopsis = {"workbench sample [OPTIONS] HOST...", "       workbench sample --local [OPTIONS]"},
        footer = {"", "Records each host's vital metrics into the store every interval, over one long-lived SSH",
                "channel per host running a small sh loop (nothing is installed on the server): CPU split,",
                "load, processes, context switches, memory, swap, per-disk I/O, per-interface traffic and",
                "per-filesystem use. A dropped or stalled host is reconnected with backoff; the break shows",
                "as a gap in its series. A status line per host goes to stderr.", "",
                "HOST is an alias from ssh_config or user@host:port.",
                "Afterwards: workbench store query --db FILE 'cpu.user{host=web-*}'",
                "Exit status: 0 every host delivered metrics, 1 some did not (reasons on stderr), 2 usage error."})
public final class SampleCommand extends CliCommand {

    @Option(names = "--interval", paramLabel = "S", description = "seconds between samples, 0.1-60 (default 1); also 500ms, 2s")
    private String intervalText = "1";

    @Option(names = "--duration", paramLabel = "D", description = "stop after D (30s, 5m, 2h); default: until Ctrl-C")
    private String durationText;

    @Option(names = "--db", paramLabel = "FILE", description = "the store file (default ${DEFAULT-VALUE})")
    private Path db = TimeSeriesStore.defaultPath();

    @Mixin
    private SshArgs ssh;

    @Option(names = "--local", description = "sample this machine without SSH")
    private boolean local;

    @Parameters(paramLabel = "HOST", arity = "0..*", description = "an alias from ssh_config or user@host:port")
    private List<String> hostNames = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Options options = check();
        Transport transport;
        List<HostSpec> hosts = new ArrayList<>();
        if (options.local()) {
            transport = new LocalTransport();
            hosts.add(LocalTransport.HOST);
        } else {
            SshOptions sshOptions = ssh.sshOptions();
            SshConfigResolver resolver;
            try {
                resolver = ssh.sshConfig().map(SshConfigResolver::load).orElseGet(SshConfigResolver::standard);
                for (String h : new java.util.LinkedHashSet<>(options.hosts())) {
                    hosts.add(resolver.resolve(h));
                }
            } catch (SshConfigException e) {
                throw new UsageException(e.getMessage());
            }
            // Sampling runs unattended: passphrases come from ssh-agent, not from a prompt in the middle of a live display.
            transport = new SshTransport(sshOptions, UserPrompter.NONE);
        }
        SamplerConfig config = SamplerConfig.of(options.interval());
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C: wake the loop below, then hold the JVM's shutdown until the store is flushed and closed
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "workbench-sample-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        List<HostStatus> last;
        try (TimeSeriesStore store = MetricStores.open(options.db());
             SamplingService sampling = SamplingService.start(store, transport, config)) {
            err.println("Sampling " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s") + " every "
                    + Durations.human(options.interval()) + " into " + options.db()
                    + options.duration().map(d -> " for " + Durations.human(d)).orElse(" until Ctrl-C") + ".");
            hosts.forEach(sampling::start);
            StatusDisplay display = new StatusDisplay(err, System.console() != null);
            long end = options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
            while (System.nanoTime() < end) {
                long wait = Math.min(display.period().toNanos(), end - System.nanoTime());
                if (stop.await(Math.max(1, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                display.show(sampling.status());
            }
            sampling.close();
            last = sampling.status();
            display.show(last);
            err.println("Wrote " + sampling.pointsWritten() + " points to " + options.db() + ". See them with: workbench store query --db "
                    + options.db() + " 'cpu.user'");
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is exiting and runs the hook itself
            }
        }
        List<HostStatus> silent = last.stream().filter(s -> s.frames() == 0).toList();
        if (!silent.isEmpty()) {
            err.println("workbench sample: " + silent.size() + " of " + last.size() + " hosts delivered no metrics:");
            silent.forEach(s -> err.println("  " + s.host() + ": " + s.lastError()
                    .orElse("no frame arrived before sampling ended")));
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    /** Redraws one line per host in place on a terminal; elsewhere prints them every 10 s. */
    static final class StatusDisplay {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
        private final PrintStream err;
        private final boolean terminal;
        private int drawn;

        StatusDisplay(PrintStream err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        Duration period() {
            return terminal ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        }

        void show(List<HostStatus> statuses) {
            Instant now = Instant.now();
            StringBuilder sb = new StringBuilder();
            if (terminal && drawn > 0) {
                sb.append("\033[").append(drawn).append('F'); // back to the first status line
            }
            for (HostStatus s : statuses) {
                sb.append(line(s, now));
                if (terminal) {
                    sb.append("\033[K");
                }
                sb.append('\n');
            }
            drawn = statuses.size();
            err.print(sb);
            err.flush();
        }

        static String line(HostStatus s, Instant now) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %-12s points %-8d", s.host(), s.state(), s.points()));
            sb.append(s.lastFrameAge(now).map(a -> " last frame " + Durations.human(a) + " ago")
                    .orElse(" no frame yet"));
            sb.append(" reconnects ").append(s.reconnects());
            s.clockOffset().ifPresent(o -> sb.append(String.format(Locale.ROOT, " clock offset %+.2f s", o.toMillis() / 1000.0)));
            if (s.state() == HostStatus.State.RECONNECTING || s.state() == HostStatus.State.STOPPED
                    || (s.state() == HostStatus.State.CONNECTING && s.reason().isPresent())) {
                sb.append(" since ").append(TIME.format(s.since()));
                s.reason().ifPresent(r -> sb.append(": ").append(r));
            }
            return sb.toString();
        }
    }

    /** The options as checked. */
    record Options(Duration interval, Optional<Duration> duration, Path db, boolean local, List<String> hosts) {
    }

    private Options check() throws UsageException {
        Duration interval = duration(intervalText, "--interval");
        Optional<Duration> duration = durationText == null ? Optional.empty() : Optional.of(duration(durationText, "--duration"));
        List<String> hosts = hostNames;
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new UsageException("--interval must be between 0.1 and 60 seconds (1 is the default), not " + Durations.human(interval) + ".");
        }
        if (duration.isPresent() && duration.get().compareTo(interval) < 0) {
            throw new UsageException("--duration (" + Durations.human(duration.get()) + ") is shorter than one interval ("
                    + Durations.human(interval) + "); nothing would be sampled.");
        }
        if (!db.getFileName().toString().endsWith(".mv.db")) {
            throw new UsageException("the store file given with --db must end in .mv.db (for example metrics.mv.db), not " + db + ".");
        }
        if (local && !hosts.isEmpty()) {
            throw new UsageException("--local samples this machine without SSH; leave out the host names ("
                    + String.join(" ", hosts) + "), or drop --local to sample them over SSH.");
        }
        if (!local && hosts.isEmpty()) {
            throw new UsageException("name at least one host (an alias from ~/.ssh/config or user@host:port), "
                    + "or use --local to sample this machine.");
        }
        return new Options(interval, duration, db, local, hosts);
    }

    /** {@code 1}, {@code 0.5}, {@code 30s}, {@code 5m}, {@code 2h}. */
    static Duration duration(String text, String option) throws UsageException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unitMillis = 1000;
        if (t.endsWith("ms")) {
            unitMillis = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unitMillis = 60_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unitMillis = 3_600_000;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(v * unitMillis));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a duration such as 1, 0.5, 30s, 5m or 2h, not '" + text + "'.");
        }
    }

}
