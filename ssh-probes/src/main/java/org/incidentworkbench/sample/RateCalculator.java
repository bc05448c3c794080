package org.incidentworkbench.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.sample.source.MetricOut;
import org.incidentworkbench.sample.source.ProcSource;
import org.incidentworkbench.sample.source.ProcSources;

/**
 * Derives metrics from raw snapshots: one pure step between collection and storage, as below's
 * {@code Model::new(sample, last, elapsed)}. Each {@link ProcSource} says how: gauges (load, procs, memory,
 * filesystems) from the current snapshot alone, rates from the previous one and the elapsed server time.
 * Counters that went down between two snapshots (a wrap, a driver reset, a reboot) give no rate for that series
 * in that step: a wrap and a reset look alike, and a missing point is better than a wrong one. Every point is
 * stamped with the current frame's server time.
 *
 * <p>Thread-safe (stateless).
 */
public final class RateCalculator {

    private RateCalculator() {
    }

    /** The first frame of a stream (or the first after a break): gauges only, no rates. */
    public static List<MetricSample> gauges(String host, ProcSnapshot current) {
        Out out = new Out(host, current.serverTimeMillis(), 64);
        for (ProcSource<?> source : ProcSources.ALL) {
            gauges(source, current, out);
        }
        return out.samples;
    }

    /**
     * Gauges of {@code current} plus the rates between {@code previous} and {@code current}.
     *
     * @param elapsed the server's time between the two frames (see {@link StreamContinuity}); must be positive
     */
    public static List<MetricSample> step(String host, ProcSnapshot previous, ProcSnapshot current, Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("Rates need a positive elapsed time between frames, not " + elapsed + ".");
        }
        Out out = new Out(host, current.serverTimeMillis(), 160);
        for (ProcSource<?> source : ProcSources.ALL) {
            gauges(source, current, out);
        }
        double seconds = elapsed.toNanos() / 1e9;
        for (ProcSource<?> source : ProcSources.ALL) {
            rates(source, previous, current, seconds, out);
        }
        return out.samples;
    }

    private static <R> void gauges(ProcSource<R> source, ProcSnapshot s, Out out) {
        Optional<R> now = s.get(source);
        if (now.isPresent()) {
            source.gauges(now.get(), out);
        }
    }

    private static <R> void rates(ProcSource<R> source, ProcSnapshot previous, ProcSnapshot current, double seconds, Out out) {
        Optional<R> before = previous.get(source);
        Optional<R> now = current.get(source);
        if (before.isPresent() && now.isPresent()) {
            source.rates(before.get(), now.get(), seconds, out);
        }
    }

    /** Stamps a source's values with the host and the frame's time. */
    private static final class Out implements MetricOut {
        private final String host;
        private final long t;
        private final List<MetricSample> samples;

        Out(String host, long t, int capacity) {
            this.host = host;
            this.t = t;
            this.samples = new ArrayList<>(capacity);
        }

        @Override
        public void add(String metric, double value) {
            samples.add(MetricSample.of(host, metric, t, value));
        }

        @Override
        public void add(String metric, String label, String labelValue, double value) {
            samples.add(MetricSample.of(host, metric, label, labelValue, t, value));
        }
    }
}
