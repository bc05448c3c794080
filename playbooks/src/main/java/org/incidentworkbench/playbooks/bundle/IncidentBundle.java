package org.incidentworkbench.playbooks.bundle;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * An opened, verified bundle, entirely in memory: manifest, events, metric slices and attachments.
 * Opening reads only the file (no server, no database) and refuses a damaged bundle or one of a
 * newer major format with a {@link BundleException} whose report says exactly why.
 *
 * <pre>{@code
 * IncidentBundle b = IncidentBundle.open(Path.of("samples/disk-full.iwbundle"));
 * ReplayClock clock = ReplayClock.over(b, tickSource);
 * }</pre>
 * Immutable.
 */
public final class IncidentBundle {

    private final Path file;
    private final BundleManifest manifest;
    private final List<JournalEvent> events;
    private final List<MetricSlice> metrics;
    private final Map<String, byte[]> attachments;

    IncidentBundle(Path file, BundleManifest manifest, List<JournalEvent> events, List<MetricSlice> metrics,
                   Map<String, byte[]> attachments) {
        this.file = file;
        this.manifest = manifest;
        this.events = List.copyOf(events);
        this.metrics = List.copyOf(metrics);
        this.attachments = Collections.unmodifiableMap(new LinkedHashMap<>(attachments));
    }

    /** Opens and verifies a bundle. */
    public static IncidentBundle open(Path file) throws BundleException {
        BundleVerifier.Checked checked = BundleVerifier.check(file);
        return checked.bundle().orElseThrow(() -> new BundleException(checked.report()));
    }

    public Path file() {
        return file;
    }

    public BundleManifest manifest() {
        return manifest;
    }

    public List<JournalEvent> events() {
        return events;
    }

    public List<MetricSlice> metrics() {
        return metrics;
    }

    /** Attachment names, as stored under {@code attachments/}. */
    public List<String> attachmentNames() {
        return List.copyOf(attachments.keySet());
    }

    public Optional<byte[]> attachment(String name) {
        return Optional.ofNullable(attachments.get(name)).map(byte[]::clone);
    }
}
