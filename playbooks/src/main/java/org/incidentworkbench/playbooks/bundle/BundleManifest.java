package org.incidentworkbench.playbooks.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json}: what a bundle is and what it holds.
 *
 * @param format         always {@link BundleFormat#NAME}
 * @param formatVersion  {@code MAJOR.MINOR} of the format that wrote it
 * @param writtenBy      the product and version that sealed it ("Incident Workbench 0.1.0")
 * @param id             incident id
 * @param title          incident title
 * @param severity       as the responders set it (free text such as {@code SEV-2}); may be empty
 * @param hosts          every host the incident touched, in order of first appearance
 * @param start          when the incident was opened
 * @param end            when it was closed (or its last event)
 * @param authors        the people who recorded events, in order of first appearance
 * @param sealedAt       when the bundle was written
 * @param metricsContext how far before {@code start} the metric slices reach
 * @param eventCount     events in {@code journal.jsonl}
 * @param entries        every other entry with its size and SHA-256
 * @param sharing        present on a copy redacted for sharing (format 1.1); an original has none
 */
public record BundleManifest(String format, String formatVersion, String writtenBy, String id, String title,
                             String severity, List<String> hosts, Instant start, Instant end, List<String> authors,
                             Instant sealedAt, Duration metricsContext, int eventCount, List<BundleEntry> entries,
                             @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<SharingNote> sharing) {

    public BundleManifest {
        hosts = List.copyOf(hosts);
        authors = List.copyOf(authors);
        entries = List.copyOf(entries);
        sharing = sharing == null ? Optional.empty() : sharing;
    }

    /** An original's manifest (not redacted for sharing). */
    public BundleManifest(String format, String formatVersion, String writtenBy, String id, String title, String severity,
                          List<String> hosts, Instant start, Instant end, List<String> authors, Instant sealedAt,
                          Duration metricsContext, int eventCount, List<BundleEntry> entries) {
        this(format, formatVersion, writtenBy, id, title, severity, hosts, start, end, authors, sealedAt, metricsContext,
                eventCount, entries, Optional.empty());
    }

    /** Whether this bundle is a copy redacted for sharing (see {@link SharingNote}). */
    public boolean redactedForSharing() {
        return sharing.isPresent();
    }

    public Optional<BundleEntry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
