package org.incidentworkbench.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.RemoteProcess;
import org.incidentworkbench.ssh.Transport;

/**
 * Samples many hosts at once: per host one long-lived exec channel running the {@link SamplerScript}
 * loop, whose frames become {@link MetricSample}s delivered in batches to a {@link SampleSink}.
 *
 * <pre>{@code
 * try (Sampler sampler = Sampler.start(transport, store::appendAll, SamplerConfig.of(Duration.ofSeconds(1)))) {
 *     sampler.start(hostSpec);
 *     ...
 *     sampler.status();   // SAMPLING, RECONNECTING since T and why, STOPPED
 * }
 * }</pre>
 *
 * <p><b>Breaks.</b> A dropped connection, a stream that ended, no frame for {@code stallIntervals}
 * intervals (a stall), a frame cut off or garbled, a server that rebooted or whose clock jumped: each
 * ends the current run of points with one {@code NaN} point per series written since the last break
 * (the store's explicit gap marker), and the next frame starts afresh with gauges only. Nothing is ever
 * interpolated. A dropped or stalled host is reconnected after an exponential {@link Backoff}; a host
 * whose authentication or host key fails is stopped instead, since retrying cannot help.
 *
 * <p><b>Threads.</b> One scheduler thread polls every host each {@code pollPeriod}, reading only the bytes
 * already {@code available()} (never blocking on one host), parsing the frames and handing one batch per
 * poll to the sink; it also runs the backoff timers. Connects block (each bounded by the host's connect
 * timeout), so they run on a small pool of at most {@code connectThreads} threads that exists only
 * while connects are pending. The transport may keep threads of its own per connection (JSch has one per
 * session). All threads are daemons named {@code iw-sampler-*}.
 *
 * <p>Thread-safe.
 */
public final class Sampler implements AutoCloseable {

    private final Transport transport;
    private final SampleSink sink;
    private final SamplerConfig config;
    private final Map<String, HostSampler> hosts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService connectPool;
    private final Backoff backoff;
    private final byte[] buffer = new byte[64 * 1024];
    private volatile boolean closed;

    private Sampler(Transport transport, SampleSink sink, SamplerConfig config) {
        this.transport = transport;
        this.sink = sink;
        this.config = config;
        this.backoff = new Backoff(config.backoffMin(), config.backoffMax(), new Random());
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, daemon("iw-sampler-poll"));
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.connectThreads(), config.connectThreads(), 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("iw-sampler-connect"));
        pool.allowCoreThreadTimeOut(true);
        this.connectPool = pool;
        long poll = config.pollPeriod().toNanos();
        scheduler.scheduleWithFixedDelay(this::pollAll, poll, poll, TimeUnit.NANOSECONDS);
    }

    /** A running sampler with no hosts yet. */
    public static Sampler start(Transport transport, SampleSink sink, SamplerConfig config) {
        return new Sampler(transport, sink, config);
    }

    public SamplerConfig config() {
        return config;
    }

    /**
     * Starts sampling a host (connecting in the background). A host already being sampled under the
     * same alias is left as it is; a stopped one starts again.
     */
    public void start(HostSpec host) {
        if (closed) {
            throw new IllegalStateException("This sampler was closed; start a new one to sample " + host.alias() + ".");
        }
        HostSampler fresh = new HostSampler(host, config);
        HostSampler existing = hosts.putIfAbsent(host.alias(), fresh);
        if (existing != null) {
            if (existing.state() != State.STOPPED) {
                return;
            }
            List<MetricSample> markers = existing.drainPending();
            existing.delivered(markers.size());
            if (!markers.isEmpty()) {
                deliver(List.of(existing), markers);
            }
            hosts.put(host.alias(), fresh);
        }
        connectPool.execute(() -> connect(fresh));
    }

    /** Stops sampling a host: its channel closes (which ends the remote loop) and its series get gap markers. */
    public void stop(String alias) {
        HostSampler h = hosts.get(alias);
        if (h != null) {
            HostSampler.Broken toClose = h.stop("stopped");
            if (toClose != null) {
                connectPool.execute(toClose::closeQuietly);
            }
        }
    }

    /** Every host's status, sorted by alias. */
    public List<HostStatus> status() {
        return hosts.values().stream().map(HostSampler::status)
                .sorted(java.util.Comparator.comparing(HostStatus::host)).toList();
    }

    public Optional<HostStatus> status(String alias) {
        return Optional.ofNullable(hosts.get(alias)).map(HostSampler::status);
    }

    /** Stops every host, delivers the last points and gap markers, and ends the sampler's threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<HostSampler.Broken> toClose = new ArrayList<>();
        for (HostSampler h : hosts.values()) {
            HostSampler.Broken b = h.stop("stopped");
            if (b != null) {
                toClose.add(b);
            }
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<MetricSample> last = new ArrayList<>();
        List<HostSampler> from = new ArrayList<>(hosts.values());
        for (HostSampler h : from) {
            List<MetricSample> markers = h.drainPending();
            h.delivered(markers.size());
            last.addAll(markers);
        }
        if (!last.isEmpty()) {
            deliver(from, last);
        }
        toClose.forEach(HostSampler.Broken::closeQuietly);
        connectPool.shutdownNow();
    }

    private void connect(HostSampler h) {
        if (closed || h.state() == State.STOPPED) {
            return;
        }
        HostConnection connection = null;
        try {
            connection = transport.connect(h.spec());
            RemoteProcess process = connection.start(SamplerScript.command(config.interval(), config.dfEvery()));
            if (!h.connected(connection, process)) {
                new HostSampler.Broken(connection, process, 0).closeQuietly();
            }
        } catch (HostConnectException e) {
            HostFailure.Kind kind = e.failure().kind();
            boolean permanent = kind == HostFailure.Kind.AUTH_FAILED || kind == HostFailure.Kind.HOST_KEY_CHANGED
                    || kind == HostFailure.Kind.HOST_KEY_UNKNOWN || kind == HostFailure.Kind.BAD_CONFIG;
            retryLater(h, h.connectFailed(e.failure().message(), permanent));
        } catch (Exception e) {
            if (connection != null) {
                new HostSampler.Broken(connection, null, 0).closeQuietly();
            }
            retryLater(h, h.connectFailed("starting the sampling command failed: " + e.getMessage(), false));
        }
    }

    private void retryLater(HostSampler h, int attempt) {
        if (attempt < 0 || closed) {
            return;
        }
        long delay = backoff.delay(attempt).toNanos();
        try {
            scheduler.schedule(() -> connectPool.execute(() -> connect(h)), delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: no more reconnects
        }
    }

    private void pollAll() {
        List<MetricSample> batch = new ArrayList<>();
        List<HostSampler> contributors = new ArrayList<>();
        for (HostSampler h : hosts.values()) {
            int before = batch.size();
            HostSampler.Broken broken;
            try {
                broken = h.poll(buffer, batch);
            } catch (RuntimeException e) {
                // a bug must not stop the other hosts' sampling: treat it as a drop of this host
                broken = h.stop("stopped after an internal error: " + e);
            }
            if (batch.size() > before) {
                contributors.add(h);
                h.delivered(batch.size() - before);
            }
            if (broken != null) {
                HostSampler.Broken b = broken;
                connectPool.execute(b::closeQuietly);
                if (b.attempt() > 0) {
                    retryLater(h, b.attempt());
                }
            }
        }
        if (!batch.isEmpty()) {
            deliver(contributors, batch);
        }
    }

    private void deliver(List<HostSampler> from, List<MetricSample> batch) {
        try {
            sink.accept(batch);
        } catch (RuntimeException e) {
            from.forEach(h -> h.sinkFailed(String.valueOf(e.getMessage())));
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
