package org.incidentworkbench.app.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.incidentworkbench.sample.HostStatus;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.sample.SampleSink;
import org.incidentworkbench.sample.Sampler;
import org.incidentworkbench.sample.SamplerConfig;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.Transport;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Records hosts' metrics into the store: a {@link Sampler} whose batches go to the store's
 * {@code appendAll} (one call per poll of all hosts). The CLI's {@code workbench sample} and the window's
 * record button both use it.
 *
 * <pre>{@code
 * try (SamplingService sampling = SamplingService.start(store, transport, SamplerConfig.of(Duration.ofSeconds(1)))) {
 *     sampling.start(resolver.resolve("web-1"));
 *     sampling.status();
 * }
 * }</pre>
 *
 * <p>The store's series names forbid {@code , = { }} and line breaks; a host alias or label value (a
 * mount point such as {@code /mnt/a,b}) holding one has it replaced by {@code _}, so one odd name cannot
 * lose a batch. Closing stops every host (gap markers included) and flushes the store, which stays open:
 * its owner closes it. Thread-safe.
 */
public final class SamplingService implements AutoCloseable {

    private final TimeSeriesStore store;
    private final Sampler sampler;
    private final AtomicLong written = new AtomicLong();

    private SamplingService(TimeSeriesStore store, Transport transport, SamplerConfig config) {
        this.store = store;
        SampleSink sink = this::append;
        this.sampler = Sampler.start(transport, sink, config);
    }

    public static SamplingService start(TimeSeriesStore store, Transport transport, SamplerConfig config) {
        return new SamplingService(store, transport, config);
    }

    /** Starts sampling a host in the background; its status tells how it goes. */
    public void start(HostSpec host) {
        sampler.start(host);
    }

    public void stop(String alias) {
        sampler.stop(alias);
    }

    public List<HostStatus> status() {
        return sampler.status();
    }

    public Optional<HostStatus> status(String alias) {
        return sampler.status(alias);
    }

    /** Points appended to the store so far (gap markers included). */
    public long pointsWritten() {
        return written.get();
    }

    public SamplerConfig config() {
        return sampler.config();
    }

    @Override
    public void close() {
        sampler.close();
        store.flush();
    }

    private void append(List<MetricSample> batch) {
        List<Sample> samples = new ArrayList<>(batch.size());
        for (MetricSample m : batch) {
            samples.add(new Sample(key(m), m.timestampMillis(), m.value()));
        }
        store.appendAll(samples);
        written.addAndGet(samples.size());
    }

    /** The store's key for a sampler point. */
    public static SeriesKey key(MetricSample m) {
        SortedMap<String, String> labels = m.labels();
        if (!labels.isEmpty()) {
            SortedMap<String, String> clean = new TreeMap<>();
            labels.forEach((k, v) -> clean.put(k, safe(v)));
            labels = clean;
        }
        return new SeriesKey(safe(m.host()), m.metric(), labels);
    }

    private static String safe(String name) {
        StringBuilder sb = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == '=' || c == '{' || c == '}' || c == '\n' || c == '\r') {
                if (sb == null) {
                    sb = new StringBuilder(name);
                }
                sb.setCharAt(i, '_');
            }
        }
        return sb == null ? name : sb.toString();
    }
}
