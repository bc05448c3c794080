package org.incidentworkbench.app.services;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.incidentworkbench.history.SarArchives;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.Transport;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Loads a host's sysstat history ({@link SarArchives}) into the store, under the same series keys as the
 * sampler's plus {@code source=sar}, for the command line and the window alike. Appending again the same
 * archives writes the same points (the store keeps one value per series and time).
 *
 * <p>Thread-safe: each call uses its own connection.
 */
public final class SarHistoryService {

    /**
     * What one host gave.
     *
     * @param points  points written, gap markers included (0 when {@code problem} is set)
     * @param records statistics records read, over all archives
     * @param first   the oldest point written, epoch ms
     * @param last    the newest point written, epoch ms
     * @param problem why nothing was loaded, as a sentence that says what to do
     */
    public record HostHistory(String host, long points, int records, List<SarArchives.ArchiveRead> archives,
                              OptionalLong first, OptionalLong last, List<String> notes, Optional<String> problem,
                              String sadfVersion) {
        public HostHistory {
            archives = List.copyOf(archives);
            notes = List.copyOf(notes);
        }
    }

    private final Transport transport;
    private final TimeSeriesStore store;

    public SarHistoryService(Transport transport, TimeSeriesStore store) {
        this.transport = transport;
        this.store = store;
    }

    /** Connects to {@code host}, reads its archives of the request's days and appends them to the store. */
    public HostHistory load(HostSpec host, SarArchives.Request request) {
        SarArchives.Outcome o;
        try (HostConnection c = transport.connect(host)) {
            o = SarArchives.read(c, host.alias(), request);
        } catch (HostConnectException e) {
            return failed(host.alias(), e.getMessage());
        } catch (IOException e) {
            return failed(host.alias(), "the connection to " + host.alias() + " failed while reading its sysstat archives: "
                    + e.getMessage());
        }
        if (o.problem().isPresent()) {
            return new HostHistory(host.alias(), 0, 0, o.archives(), OptionalLong.empty(), OptionalLong.empty(), o.notes(),
                    o.problem(), o.sadfVersion());
        }
        List<Sample> samples = new ArrayList<>(o.samples().size());
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (MetricSample m : o.samples()) {
            samples.add(new Sample(SamplingService.key(m), m.timestampMillis(), m.value()));
            first = Math.min(first, m.timestampMillis());
            last = Math.max(last, m.timestampMillis());
        }
        store.appendAll(samples);
        store.flush();
        int records = o.archives().stream().mapToInt(SarArchives.ArchiveRead::records).sum();
        return new HostHistory(host.alias(), samples.size(), records, o.archives(),
                samples.isEmpty() ? OptionalLong.empty() : OptionalLong.of(first),
                samples.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last), o.notes(), Optional.empty(), o.sadfVersion());
    }

    private static HostHistory failed(String host, String problem) {
        return new HostHistory(host, 0, 0, List.of(), OptionalLong.empty(), OptionalLong.empty(), List.of(),
                Optional.of(problem), "");
    }
}
