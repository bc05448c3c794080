package org.incidentworkbench.sample;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.sample.HostStatus.State;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.RemoteProcess;

/**
 * The sampling of one host: its connection, its frame decoder, the previous snapshot and the series it
 * has written (to mark gaps in). Driven by {@link Sampler}'s threads: the scheduler polls it, a connect
 * thread connects it. All methods are synchronized; none blocks (reads use {@code available()} only).
 */
final class HostSampler {

    private final HostSpec spec;
    private final SamplerConfig config;
    /** Frames whose clock offsets are kept for the estimate. */
    private static final int OFFSET_FRAMES = 10;
    /** Bytes read from one host per poll at most, so that a flooding host cannot starve the others. */
    private static final int MAX_BYTES_PER_POLL = 1 << 20;
    private final FrameDecoder decoder = new FrameDecoder();
    /** Last point per series since the last gap: the series a break must mark. */
    private final Map<String, MetricSample> openSeries = new LinkedHashMap<>();
    private final List<MetricSample> pending = new ArrayList<>();

    private State state = State.CONNECTING;
    private Instant since;
    private Optional<String> reason = Optional.empty();
    private HostConnection connection;
    private RemoteProcess process;
    private long connectedAtNanos;
    private long lastFrameNanos;
    private ProcSnapshot previous;
    private long pageSizeBytes = 4096;
    private int attempt;
    private long frames;
    private long points;
    private long corruptFrames;
    private long gaps;
    private int connects;
    private Optional<Instant> lastFrameAt = Optional.empty();
    private Optional<Duration> clockOffset = Optional.empty();
    /** Laptop minus server time of the last frames, micros: delays only ever add, so the least is the best estimate. */
    private final long[] offsets = new long[OFFSET_FRAMES];
    private int offsetCount;
    private Optional<String> shell = Optional.empty();
    private Optional<String> warning = Optional.empty();
    private Optional<String> lastGap = Optional.empty();
    private Optional<String> lastError = Optional.empty();

    HostSampler(HostSpec spec, SamplerConfig config) {
        this.spec = spec;
        this.config = config;
        this.since = config.clock().instant();
    }

    String alias() {
        return spec.alias();
    }

    HostSpec spec() {
        return spec;
    }

    synchronized State state() {
        return state;
    }

    synchronized HostStatus status() {
        return new HostStatus(spec.alias(), connection != null ? connection.target() : spec.target(), state, since, reason,
                frames, points, corruptFrames, gaps, Math.max(0, connects - 1), lastFrameAt, clockOffset, shell, warning, lastGap, lastError);
    }

    /** A connect thread succeeded: the loop runs; frames are due within the first-frame wait. */
    synchronized boolean connected(HostConnection connection, RemoteProcess process) {
        if (state == State.STOPPED) {
            return false; // stopped while connecting: the caller closes what it opened
        }
        this.connection = connection;
        this.process = process;
        this.connects++;
        this.connectedAtNanos = System.nanoTime();
        this.lastFrameNanos = 0;
        this.decoder.reset();
        this.previous = null;
        enter(State.SAMPLING, Optional.empty());
        return true;
    }

    /** A connect attempt failed; returns the attempt number for the backoff, or -1 when retrying cannot help. */
    synchronized int connectFailed(String why, boolean permanent) {
        if (state == State.STOPPED) {
            return -1;
        }
        lastError = Optional.of(why);
        if (permanent) {
            enter(State.STOPPED, Optional.of(why));
            return -1;
        }
        enter(connects == 0 && state == State.CONNECTING ? State.CONNECTING : State.RECONNECTING, Optional.of(why));
        return ++attempt;
    }

    /**
     * Reads whatever arrived, turns whole frames into points (appended to {@code out}) and checks for a
     * stall or a closed stream. Returns the resources to close when the stream broke (the caller closes
     * them off this thread and schedules a reconnect), else null.
     */
    synchronized Broken poll(byte[] buffer, List<MetricSample> out) {
        if (!pending.isEmpty()) {
            out.addAll(pending);
            pending.clear();
        }
        if (state != State.SAMPLING) {
            return null;
        }
        String drop = null;
        try {
            InputStream in = process.stdout();
            drain(in, buffer, out);
            if (!process.isOpen() || !connection.isOpen()) {
                drain(in, buffer, out); // what the command printed just before it ended
                for (StreamEvent e : decoder.finish()) {
                    onEvent(e, out);
                }
                drop = process.exitStatus().isPresent()
                        ? "the sampling command ended with status " + process.exitStatus().getAsInt()
                        : "the connection closed";
            }
        } catch (IOException e) {
            drop = "reading from the host failed: " + e.getMessage();
        }
        if (drop == null) {
            long now = System.nanoTime();
            long quietNanos = lastFrameNanos == 0 ? now - connectedAtNanos : now - lastFrameNanos;
            Duration limit = lastFrameNanos == 0 ? max(config.firstFrameWait(), config.stallTimeout()) : config.stallTimeout();
            if (quietNanos > limit.toNanos()) {
                drop = String.format(java.util.Locale.ROOT, "no frame arrived for %.1f s (stalled)", quietNanos / 1e9);
            }
        }
        if (drop == null) {
            return null;
        }
        lastError = Optional.of(drop);
        markGap(out, "The stream broke: " + drop + ".");
        Broken broken = new Broken(connection, process, ++attempt);
        connection = null;
        process = null;
        previous = null;
        enter(State.RECONNECTING, Optional.of(drop));
        return broken;
    }

    /** Reads the bytes already there (never blocks), at most {@link #MAX_BYTES_PER_POLL}. */
    private void drain(InputStream in, byte[] buffer, List<MetricSample> out) throws IOException {
        int available;
        int taken = 0;
        while (taken < MAX_BYTES_PER_POLL && (available = in.available()) > 0) {
            int n = in.read(buffer, 0, Math.min(available, buffer.length));
            if (n < 0) {
                break;
            }
            taken += n;
            for (StreamEvent e : decoder.feed(buffer, 0, n)) {
                onEvent(e, out);
            }
        }
    }

    /** Stops for good; returns what to close (or null). The gap markers go out with the next poll. */
    synchronized Broken stop(String why) {
        if (state == State.STOPPED) {
            return null;
        }
        markGap(pending, "Sampling " + why + ".");
        Broken toClose = connection == null ? null : new Broken(connection, process, 0);
        connection = null;
        process = null;
        previous = null;
        enter(State.STOPPED, Optional.of(why));
        return toClose;
    }

    /** Gap markers and points not yet delivered (on close). */
    synchronized List<MetricSample> drainPending() {
        List<MetricSample> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }

    synchronized void delivered(int count) {
        points += count;
    }

    synchronized void sinkFailed(String why) {
        warning = Optional.of("The store refused a batch of points: " + why);
    }

    private void onEvent(StreamEvent event, List<MetricSample> out) {
        if (event instanceof StreamEvent.Hello hello) {
            pageSizeBytes = hello.pageSizeBytes();
            shell = Optional.ofNullable(hello.parameters().get("shell"));
            if (hello.version() != 1) {
                warning = Optional.of("The server's sampling loop speaks version " + hello.version() + "; this workbench reads version 1.");
            }
        } else if (event instanceof StreamEvent.Corrupt corrupt) {
            corruptFrames++;
            markGap(out, corrupt.reason());
            previous = null;
        } else if (event instanceof StreamEvent.Frame frame) {
            onFrame(frame, out);
        }
    }

    private void onFrame(StreamEvent.Frame frame, List<MetricSample> out) {
        ProcSnapshot current = FrameParser.parse(frame, pageSizeBytes);
        Instant now = config.clock().instant();
        lastFrameNanos = System.nanoTime();
        lastFrameAt = Optional.of(now);
        warning = current.warnings().isEmpty() ? Optional.empty() : Optional.of(current.warnings().get(0));
        frames++;
        attempt = 0;
        List<MetricSample> samples;
        if (previous == null) {
            samples = RateCalculator.gauges(spec.alias(), current);
        } else {
            StreamContinuity.Verdict verdict = StreamContinuity.between(previous, current, config.interval());
            if (verdict instanceof StreamContinuity.Verdict.Continuous c) {
                samples = RateCalculator.step(spec.alias(), previous, current, c.elapsed());
            } else {
                markGap(out, "The stream broke: " + ((StreamContinuity.Verdict.Broken) verdict).reason() + ".");
                samples = RateCalculator.gauges(spec.alias(), current);
            }
        }
        previous = current;
        recordOffset(now, current);
        for (MetricSample s : samples) {
            openSeries.put(s.seriesName(), s);
        }
        out.addAll(samples);
    }

    private void recordOffset(Instant now, ProcSnapshot current) {
        offsets[offsetCount++ % OFFSET_FRAMES] = now.toEpochMilli() * 1000L - current.serverTimeMicros();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < Math.min(offsetCount, OFFSET_FRAMES); i++) {
            least = Math.min(least, offsets[i]);
        }
        clockOffset = Optional.of(Duration.ofNanos(least * 1000L));
    }

    /** One NaN per series written since the last gap, just after that series' last point. */
    private void markGap(List<MetricSample> out, String why) {
        lastGap = Optional.of(why);
        offsetCount = 0; // the server's clock may have been stepped: estimate its offset afresh
        if (openSeries.isEmpty()) {
            return;
        }
        gaps++;
        for (MetricSample last : openSeries.values()) {
            out.add(last.withPoint(last.timestampMillis() + 1, Double.NaN));
        }
        openSeries.clear();
    }

    private void enter(State next, Optional<String> why) {
        if (next != state || !why.equals(reason)) {
            since = config.clock().instant();
        }
        state = next;
        reason = why;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What a broken stream leaves to close, and the reconnect attempt number. */
    record Broken(HostConnection connection, RemoteProcess process, int attempt) {
        void closeQuietly() {
            try {
                if (process != null) {
                    process.close();
                }
            } catch (RuntimeException ignored) {
                // closing a dead channel may complain; the connection is closed next anyway
            }
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (RuntimeException ignored) {
                // nothing more to do for a connection that is already gone
            }
        }
    }
}
