package org.incidentworkbench.playbooks.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.incidentworkbench.playbooks.PlaybookJson;
import org.incidentworkbench.playbooks.journal.JournalCodec;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalHosts;

/**
 * Seals an incident into a bundle ({@link BundleFormat}): the journal's events, the metric slices
 * the incident touched and its attachments, with a manifest holding the SHA-256 of each entry.
 *
 * <p>The manifest's id, title and severity come from the journal's {@code incident.opened} event;
 * hosts and authors are gathered from every event (and the slices) in order of first appearance;
 * the time range runs from the opening to the closing event (or the last event). The file is
 * written next to its target and moved into place, so a crash never leaves half a bundle under the
 * final name; an existing bundle is never overwritten.
 *
 * <pre>{@code
 * BundleManifest m = BundleWriter.seal(events, slices, List.of(), Path.of("disk-full.iwbundle"),
 *         new BundleWriter.Options("Incident Workbench 0.1.0", clock.instant(), Duration.ofMinutes(30)));
 * }</pre>
 * Thread-safe (stateless).
 */
public final class BundleWriter {

    /**
     * @param writtenBy      product and version recorded in the manifest
     * @param sealedAt       the sealing time recorded in the manifest and on the zip entries
     * @param metricsContext how far before the incident the slices reach (recorded, not enforced)
     */
    public record Options(String writtenBy, Instant sealedAt, Duration metricsContext, Optional<SharingNote> sharing) {
        public Options {
            Objects.requireNonNull(writtenBy, "writtenBy");
            Objects.requireNonNull(sealedAt, "sealedAt");
            Objects.requireNonNull(metricsContext, "metricsContext");
            sharing = sharing == null ? Optional.empty() : sharing;
        }

        /** Options for an original (not a copy redacted for sharing). */
        public Options(String writtenBy, Instant sealedAt, Duration metricsContext) {
            this(writtenBy, sealedAt, metricsContext, Optional.empty());
        }
    }

    private BundleWriter() {
    }

    public static BundleManifest seal(List<JournalEvent> events, List<MetricSlice> metrics, List<Attachment> attachments,
                                      Path target, Options options) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "a bundle already exists there; choose another name");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve(target.getFileName() + ".part");
        BundleManifest manifest;
        try (OutputStream out = Files.newOutputStream(partial)) {
            manifest = write(events, metrics, attachments, out, options);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return manifest;
    }

    /** Writes the bundle's zip to {@code out} (left open) and returns its manifest. */
    public static BundleManifest write(List<JournalEvent> events, List<MetricSlice> metrics, List<Attachment> attachments,
                                       OutputStream out, Options options) throws IOException {
        JournalEvent.IncidentOpened opened = events.stream()
                .filter(JournalEvent.IncidentOpened.class::isInstance).map(JournalEvent.IncidentOpened.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("A journal without an incident.opened event cannot be sealed: "
                        + "the bundle needs the incident's id and title from it."));

        Map<String, byte[]> entries = new LinkedHashMap<>();
        ByteArrayOutputStream journal = new ByteArrayOutputStream();
        for (JournalEvent e : events) {
            journal.write(JournalCodec.toLine(e));
        }
        entries.put(BundleFormat.JOURNAL, journal.toByteArray());
        int n = 0;
        for (MetricSlice slice : metrics) {
            n++;
            String name = String.format("%s%04d-%s-%s.json", BundleFormat.METRICS_DIR, n, safe(slice.host()), safe(slice.seriesName()));
            entries.put(name, json(slice.toJson()));
        }
        for (Attachment a : attachments) {
            String name = BundleFormat.ATTACHMENTS_DIR + a.name();
            if (entries.containsKey(name)) {
                throw new IllegalArgumentException("Two attachments are called '" + a.name() + "'; attachment names must differ.");
            }
            entries.put(name, a.content());
        }

        List<BundleEntry> listed = new ArrayList<>();
        entries.forEach((name, bytes) -> listed.add(new BundleEntry(name, bytes.length, sha256(bytes))));
        Instant start = opened.time();
        Instant end = events.stream().filter(JournalEvent.IncidentClosed.class::isInstance).map(JournalEvent::time)
                .findFirst().orElse(events.stream().map(JournalEvent::time).max(Instant::compareTo).orElse(start));
        BundleManifest manifest = new BundleManifest(BundleFormat.NAME, BundleFormat.VERSION, options.writtenBy(),
                opened.incidentId(), opened.title(), opened.severity(), hosts(opened, events, metrics), start, end,
                authors(events), options.sealedAt(), options.metricsContext(), events.size(), listed, options.sharing());

        ZipOutputStream zip = new ZipOutputStream(out);
        FileTime time = FileTime.from(options.sealedAt());
        put(zip, BundleFormat.MANIFEST, manifestBytes(manifest), time);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            put(zip, e.getKey(), e.getValue(), time);
        }
        zip.finish();
        zip.flush();
        return manifest;
    }

    static byte[] manifestBytes(BundleManifest manifest) {
        try {
            return PlaybookJson.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The manifest could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, FileTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(time);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] json(Object node) {
        try {
            return PlaybookJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A metric slice could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> hosts(JournalEvent.IncidentOpened opened, List<JournalEvent> events, List<MetricSlice> metrics) {
        Set<String> hosts = new LinkedHashSet<>(opened.hosts());
        hosts.addAll(JournalHosts.named(events));
        metrics.forEach(m -> hosts.add(m.host()));
        hosts.remove("");
        return List.copyOf(hosts);
    }

    private static List<String> authors(List<JournalEvent> events) {
        Set<String> authors = new LinkedHashSet<>();
        for (JournalEvent e : events) {
            if (!e.actor().equals(JournalEvent.WORKBENCH_ACTOR) && !e.actor().isBlank()) {
                authors.add(e.actor());
            }
        }
        return List.copyOf(authors);
    }

    private static String safe(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._=-]+", "_");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256, which every Java runtime must have.", e);
        }
    }

}
