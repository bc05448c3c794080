package org.incidentworkbench.probe;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.Transport;

/**
 * Triages many hosts at once: per host one connection and one exec channel running the combined
 * {@link TriageScript} (iostat's one-second sample beside the other probes), or the connection's kept shell
 * where it keeps one ({@link HostConnection#execKept}: the window's warm sessions), then
 * {@link ProbeInterpreter} per probe and the findings rules over the report.
 *
 * <pre>
 * TriageRunner runner = new TriageRunner(transport, TriageSettings.standard(), Findings::evaluate);
 * List&lt;TriageReport&gt; reports = runner.run(hosts, report -&gt; print(report));
 * </pre>
 *
 * <p>Every host is bounded by {@link TriageSettings#hostDeadline()}: the connect timeout is lowered to
 * fit, the channel gets at most what remains, and a watchdog completes a host that still has not
 * finished shortly after its deadline (a transport that ignores its own timeouts) by closing its
 * connection and reporting it as failed. One slow or dead host therefore never delays the others
 * beyond its own deadline, and the listener hears about each host as it ends.
 *
 * <p>Thread-safe; each {@link #run} uses its own daemon threads and ends them before returning.
 */
public final class TriageRunner {

    /** How long after a host's deadline the watchdog gives up on it. */
    static final Duration WATCHDOG_GRACE = Duration.ofSeconds(2);

    private final Transport transport;
    private final TriageSettings settings;
    private final Function<TriageReport, List<Finding>> findings;
    private final Clock clock;

    /**
     * @param findings derives the findings of a report ({@code Findings::evaluate}); its failure
     *                 leaves the report without findings rather than losing the host. A function, not
     *                 {@code findings.FindingRule}: the rules read this package, so it must not read theirs
     */
    public TriageRunner(Transport transport, TriageSettings settings, Function<TriageReport, List<Finding>> findings) {
        this(transport, settings, findings, Clock.systemUTC());
    }

    public TriageRunner(Transport transport, TriageSettings settings, Function<TriageReport, List<Finding>> findings, Clock clock) {
        this.transport = transport;
        this.settings = settings;
        this.findings = findings;
        this.clock = clock;
    }

    public TriageSettings settings() {
        return settings;
    }

    /** Triages one host (no listener). */
    public TriageReport triage(HostSpec host) {
        return run(List.of(host), TriageListener.NONE).get(0);
    }

    /**
     * Triages every host, at most {@code parallel} at a time, calling the listener as each ends.
     *
     * @return one report per host, in the order given
     */
    public List<TriageReport> run(List<HostSpec> hosts, TriageListener listener) {
        if (hosts.isEmpty()) {
            return List.of();
        }
        ExecutorService hostPool = Executors.newFixedThreadPool(Math.min(settings.parallel(), hosts.size()),
                daemonThreads("triage-host"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("triage-watchdog"));
        Object listenerLock = new Object();
        List<CompletableFuture<TriageReport>> notified = new ArrayList<>();
        try {
            for (HostSpec host : hosts) {
                CompletableFuture<TriageReport> slot = new CompletableFuture<>();
                // wait for the listener, not just the result: the pools are shut down (threads
                // interrupted) once every host is done, and a listener still printing would lose its output
                notified.add(slot.thenApply(report -> {
                    synchronized (listenerLock) {
                        listener.finished(report);
                    }
                    return report;
                }));
                hostPool.execute(() -> runHost(host, slot, watchdog));
            }
            List<TriageReport> reports = new ArrayList<>();
            for (CompletableFuture<TriageReport> done : notified) {
                reports.add(done.join());
            }
            return reports;
        } finally {
            hostPool.shutdownNow();
            watchdog.shutdownNow();
        }
    }

    private void runHost(HostSpec host, CompletableFuture<TriageReport> slot, ScheduledExecutorService watchdog) {
        HostRun run = new HostRun(host, clock.instant(), System.nanoTime() + settings.hostDeadline().toNanos());
        guard(run, slot, watchdog, settings.hostDeadline().plus(WATCHDOG_GRACE));
        try {
            slot.complete(triage(run));
        } catch (RuntimeException | Error e) {
            slot.complete(run.failed(new HostFailure(HostFailure.Kind.PROTOCOL_ERROR,
                    "The triage of " + host.alias() + " failed unexpectedly (" + e + "); run it again, and report this"
                    + " if it recurs.", String.valueOf(e))));
        }
    }

    /**
     * Gives up on the host once its deadline has passed, not counting the time a person was asked
     * something while connecting (the host's deadline moves by that time): re-checks until then.
     */
    private void guard(HostRun run, CompletableFuture<TriageReport> slot, ScheduledExecutorService watchdog, Duration after) {
        watchdog.schedule(() -> {
            if (slot.isDone()) {
                return;
            }
            Duration waited = run.waits.waited();
            if (run.waits.waiting() || waited.compareTo(run.countedWait) > 0) {
                // while the question is open, look again each second; after it, move by what was not counted yet
                Duration more = run.waits.waiting() ? Duration.ofSeconds(1) : waited.minus(run.countedWait);
                run.countedWait = waited;
                guard(run, slot, watchdog, more);
                return;
            }
            slot.complete(run.abandon());
        }, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    }

    private TriageReport triage(HostRun run) {
        HostSpec spec = run.spec;
        HostSpec bounded = spec.connectTimeout().compareTo(settings.hostDeadline()) > 0
                ? spec.withConnectTimeout(settings.hostDeadline())
                : spec;
        HostConnection connection;
        // prompts while connecting (an unknown host key, a passphrase) count for the person, not the host
        run.waits = org.incidentworkbench.ssh.PromptWait.bindToCurrentThread();
        try {
            connection = transport.connect(bounded);
        } catch (HostConnectException e) {
            return run.failed(e.failure());
        } finally {
            org.incidentworkbench.ssh.PromptWait.unbindCurrentThread();
        }
        run.connected(connection);
        try (connection) {
            List<ProbeResult> results = runScript(connection, TriageScript.of(settings.probes(), settings.sudo()), run);
            Optional<HostFailure> noData = noData(spec.alias(), results);
            TriageReport report = new TriageReport(spec.alias(), connection.target(), run.startedAt, run.elapsed(),
                    noData, results, List.of());
            return noData.isPresent() ? report : report.withFindings(safeFindings(report));
        }
    }

    private List<ProbeResult> runScript(HostConnection connection, TriageScript script, HostRun run) {
        Duration remaining = run.remaining();
        Duration limit = script.channelTimeout().compareTo(remaining) < 0 ? script.channelTimeout() : remaining;
        long start = System.nanoTime();
        String host = run.spec.alias();
        List<ProbeResult> results = new ArrayList<>();
        if (limit.isNegative() || limit.isZero()) {
            for (Probe<?> p : script.probes()) {
                results.add(new ProbeResult.TimedOut(p.name(), "", -1, Duration.ZERO, settings.hostDeadline()));
            }
            return results;
        }
        ExecResult result;
        try {
            // a session kept open between triages runs the script in its kept shell (no login shell per triage)
            Optional<ExecResult> kept = connection.execKept(script.keptProgram(), script.keptRequest(), script.keptEndLine(),
                    limit, script.outputCap());
            Duration left = limit.minus(Duration.ofNanos(System.nanoTime() - start));
            if (kept.isEmpty() && (left.isNegative() || left.isZero())) {
                // the shell that could not be kept used the whole bound (a login that hangs): as an exec that hung
                for (Probe<?> p : script.probes()) {
                    results.add(new ProbeResult.TimedOut(p.name(), "", -1, limit, limit));
                }
                return results;
            }
            result = kept.isPresent() ? kept.get() : connection.execWatched(script.command(), left, script.outputCap());
        } catch (IOException e) {
            for (Probe<?> p : script.probes()) {
                results.add(new ProbeResult.CommandFailed(p.name(), "", -1, Duration.ofNanos(System.nanoTime() - start),
                        "Could not run the " + p.name() + " probe on " + host + ": " + e.getMessage()));
            }
            return results;
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        List<ProbeRun> runs = script.split(result);
        if (!result.timedOut() && runs.stream().noneMatch(ProbeRun::began)) {
            String message = unrecognisedReply(host, result);
            for (Probe<?> p : script.probes()) {
                results.add(new ProbeResult.CommandFailed(p.name(), "", result.exitStatus(), wall, message));
            }
            return results;
        }
        for (int i = 0; i < script.probes().size(); i++) {
            results.add(ProbeInterpreter.interpret(script.probes().get(i), runs.get(i), host, result.timedOut(), limit, wall));
        }
        return results;
    }

    /**
     * A host where no probe produced parsed data was reached but not triaged: its failure names the first
     * probe's reason (a hung login times every probe out, garbage fails every one the same way). The
     * results stay in the report, so the raw text is still there to read.
     */
    static Optional<HostFailure> noData(String host, List<ProbeResult> results) {
        if (results.isEmpty() || results.stream().anyMatch(ProbeResult::isParsed)) {
            return Optional.empty();
        }
        ProbeResult first = results.get(0);
        long timedOut = results.stream().filter(r -> r instanceof ProbeResult.TimedOut).count();
        String reason = first.error().orElse("no reason was given");
        String summary = timedOut == results.size() ? "every probe timed out" : "no probe produced data (" + timedOut
                + " of " + results.size() + " timed out)";
        return Optional.of(new HostFailure(HostFailure.Kind.NO_DATA,
                "Connected to " + host + ", but " + summary + ", so it was not triaged. The " + first.probe()
                + " probe says: " + reason, first.probe() + ": " + reason));
    }

    /**
     * The sentence for a channel whose output has none of the script's markers: the script never ran
     * (a ForceCommand, a login shell that is not POSIX, a server that is not what it claims) or the
     * output was cut before the first marker.
     */
    static String unrecognisedReply(String host, ExecResult result) {
        String out = result.stdout();
        if (result.truncated()) {
            return host + " sent more output than the triage allows (the channel was cut) before the probes' markers"
                    + " appeared, so nothing could be attributed to a probe; a login script or ForceCommand that prints"
                    + " endlessly does this: check the account's shell startup files on " + host + ".";
        }
        String first = out.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        String sample = first.codePoints().limit(60)
                .map(c -> Character.isISOControl(c) || c == 0xFFFD ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String what = out.isEmpty() ? "printed nothing" : "printed " + out.length() + " characters starting '" + sample + "'";
        String status = result.exitStatus() < 0 ? "the channel closed without an exit status" : "exit status " + result.exitStatus();
        return "The triage script did not run as expected on " + host + ": it " + what + " and none of the probes'"
                + " markers (" + status + "). A ForceCommand, a restricted or non-POSIX login shell, or a missing /bin/sh"
                + " on " + host + " does this; try 'ssh " + host + " uptime' to see what the account runs.";
    }

    private List<Finding> safeFindings(TriageReport report) {
        try {
            return findings.apply(report);
        } catch (RuntimeException e) {
            // a bug in one rule must not lose the host's data; the raw results are all still there
            return List.of();
        }
    }

    /** One host's run: its deadline, and its connection once open (so the watchdog can close it). */
    private final class HostRun {
        final HostSpec spec;
        final Instant startedAt;
        final long deadlineNanos;
        final long startNanos = System.nanoTime();
        private volatile HostConnection connection;
        /** Time a person was asked something while this host connected (bound on the host's thread). */
        volatile org.incidentworkbench.ssh.PromptWait waits = org.incidentworkbench.ssh.PromptWait.none();
        /** How much of {@link #waits} the watchdog has moved the deadline by. */
        Duration countedWait = Duration.ZERO;

        HostRun(HostSpec spec, Instant startedAt, long deadlineNanos) {
            this.spec = spec;
            this.startedAt = startedAt;
            this.deadlineNanos = deadlineNanos;
        }

        void connected(HostConnection c) {
            connection = c;
        }

        Duration remaining() {
            return Duration.ofNanos(deadlineNanos - System.nanoTime()).plus(waits.waited());
        }

        /** Wall time since the start, less the time a person was being asked something. */
        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos).minus(waits.waited());
        }

        TriageReport failed(HostFailure failure) {
            return new TriageReport(spec.alias(), spec.target(), startedAt, elapsed(), Optional.of(failure), List.of(), List.of());
        }

        /** Called by the watchdog: give up on this host. */
        TriageReport abandon() {
            HostConnection c = connection;
            long seconds = settings.hostDeadline().toSeconds();
            if (c == null) {
                return failed(new HostFailure(HostFailure.Kind.CONNECT_TIMEOUT,
                        "Could not connect to " + spec.alias() + " (" + spec.target() + ") within " + seconds
                        + " s; check that the host is up and that sshd answers on port " + spec.port() + ".",
                        "the connection attempt did not end within the per-host deadline"));
            }
            c.close();
            return failed(new HostFailure(HostFailure.Kind.PROTOCOL_ERROR,
                    "Connected to " + spec.alias() + " but the probes did not finish within " + seconds
                    + " s; the server may be overloaded: try again with a longer --timeout.",
                    "the channels did not end within the per-host deadline"));
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
