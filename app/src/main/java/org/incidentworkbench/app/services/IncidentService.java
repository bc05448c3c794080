package org.incidentworkbench.app.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.incidentworkbench.playbooks.bundle.Attachment;
import org.incidentworkbench.playbooks.bundle.BundleFormat;
import org.incidentworkbench.playbooks.bundle.BundleManifest;
import org.incidentworkbench.playbooks.bundle.BundleWriter;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalContents;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalHosts;
import org.incidentworkbench.playbooks.journal.JournalReader;
import org.incidentworkbench.playbooks.journal.JournalWriter;

/**
 * Opens, records, closes and seals incidents, for the CLI and the window alike.
 *
 * <p>Layout of the incidents directory (default {@code $XDG_DATA_HOME/incident-workbench/incidents},
 * else {@code ~/.local/share/incident-workbench/incidents}; the system property
 * {@code workbench.dataDir} replaces {@code .../incident-workbench}, so tests never touch the home):
 * <pre>
 * incidents/
 *   20261125-140000-web-1-returns-500s/journal.jsonl     an open incident (or the journal of a sealed one)
 *   20261125-140000-web-1-returns-500s/attachments/      files attached while recording (sealed into the bundle)
 *   20261125-140000-web-1-returns-500s.iwbundle          the sealed bundle
 * </pre>
 * The directory is created readable by its user only: journals hold host names and command output.
 *
 * <p>Thread-safe: the service holds no mutable state; each recording serialises its own appends.
 */
public final class IncidentService {

    /** How much metric history before the incident goes into its bundle. */
    public static final Duration DEFAULT_METRICS_CONTEXT = Duration.ofMinutes(30);

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private final String actor;
    private final String productVersion;

    /**
     * @param directory      the incidents directory
     * @param clock          the recording clock (UTC; events keep millisecond precision)
     * @param actor          the user recorded as the author of events
     * @param productVersion written into bundle manifests ("Incident Workbench 0.1.0")
     */
    public IncidentService(Path directory, Clock clock, String actor, String productVersion) {
        this.directory = directory;
        this.clock = Clock.tick(clock, Duration.ofMillis(1));
        this.actor = actor;
        this.productVersion = productVersion;
    }

    /** The service over the default directory, the system clock and the login user. */
    public static IncidentService standard(String productVersion) {
        return new IncidentService(defaultDirectory(), Clock.systemUTC(), System.getProperty("user.name", "unknown"), productVersion);
    }

    public static Path defaultDirectory() {
        return WorkbenchDirs.data().resolve("incidents");
    }

    public Path directory() {
        return directory;
    }

    /** Starts recording a new incident; its first event is {@code incident.opened}. */
    public IncidentRecording open(String title, String severity, List<String> hosts, Optional<String> summary) throws IOException {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("An incident needs a title, for example \"web-1 returns 500s\".");
        }
        ensureDirectory();
        Instant now = clock.instant();
        String base = ID_TIME.format(now) + "-" + slug(title);
        String id = base;
        for (int n = 2; Files.exists(directory.resolve(id)) || Files.exists(bundleFile(id)); n++) {
            id = base + "-" + n;
        }
        Path journal = journalFile(id);
        JournalWriter writer = JournalWriter.create(journal);
        IncidentRecording recording = new IncidentRecording(id, journal, writer, clock, actor);
        try {
            recording.record(new JournalEvent.IncidentOpened(now, actor, id, title.strip(), severity == null ? "" : severity.strip(),
                    hosts, summary));
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return recording;
    }

    /**
     * Continues recording an open incident (after a restart or a crash). When the previous recording
     * died mid-write, its torn last line is cut off and a marker saying so is recorded.
     */
    public IncidentRecording resume(String id) throws IOException {
        Path journal = journalFile(id);
        if (!Files.exists(journal)) {
            throw new NoSuchFileException(journal.toString(), null, "there is no incident " + id + " in " + directory
                    + "; 'workbench playbook list' shows the open ones");
        }
        if (Files.exists(bundleFile(id))) {
            throw new IllegalStateException("The incident " + id + " is closed and sealed in " + bundleFile(id)
                    + "; open a new incident instead.");
        }
        JournalWriter writer = JournalWriter.resume(journal);
        IncidentRecording recording = new IncidentRecording(id, journal, writer, clock, actor);
        JournalContents before = writer.resumedFrom();
        if (before.closed()) {
            writer.close();
            throw new IllegalStateException("The incident " + id + " was closed; it can be sealed but not recorded into.");
        }
        if (before.tornLastLine().isPresent()) {
            recording.record(new JournalEvent.Marker(clock.instant(), JournalEvent.WORKBENCH_ACTOR,
                    "recording resumed after a crash; " + before.tornLastLine().get().message()));
        }
        return recording;
    }

    /** What sealing wrote. */
    public record Sealed(Path bundle, BundleManifest manifest) {
    }

    /**
     * Records {@code incident.closed} (unless the journal has it already) and seals the bundle
     * {@code <id>.iwbundle} with the metric slices of the incident's hosts over its time range plus
     * {@link #DEFAULT_METRICS_CONTEXT} before it.
     */
    public Sealed closeAndSeal(IncidentRecording recording, JournalEvent.IncidentClosed closing, MetricSliceSource metrics,
                               List<Attachment> attachments) throws IOException {
        List<JournalEvent> events = recording.events();
        if (events.stream().noneMatch(JournalEvent.IncidentClosed.class::isInstance)) {
            recording.record(closing);
        }
        recording.close();
        return seal(recording.id(), metrics, attachments);
    }

    /** Seals an incident whose journal is closed (or closes it now with a plain closing event). */
    public Sealed seal(String id, MetricSliceSource metrics, List<Attachment> attachments) throws IOException {
        Path journal = journalFile(id);
        JournalContents contents = JournalReader.read(journal);
        List<JournalEvent> events = contents.events();
        JournalEvent.IncidentOpened opened = contents.opened().orElseThrow(() -> new IllegalStateException(
                "The journal " + journal + " has no incident.opened event, so it cannot be sealed."));
        Instant end = events.stream().filter(JournalEvent.IncidentClosed.class::isInstance).map(JournalEvent::time).findFirst()
                .orElseThrow(() -> new IllegalStateException("The incident " + id + " is still open; close it first."));
        List<MetricSlice> slices = metrics.slices(hosts(events), opened.time().minus(DEFAULT_METRICS_CONTEXT), end.plusMillis(1));
        List<Attachment> all = new ArrayList<>(attachments);
        Path attached = journal.resolveSibling(IncidentRecording.ATTACHMENTS_DIR);
        if (Files.isDirectory(attached)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(attached, Files::isRegularFile)) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    String name = f.getFileName().toString();
                    if (all.stream().noneMatch(a -> a.name().equals(name))) {
                        all.add(new Attachment(name, Files.readAllBytes(f)));
                    }
                }
            }
        }
        Path bundle = bundleFile(id);
        BundleManifest manifest = BundleWriter.seal(events, slices, all, bundle,
                new BundleWriter.Options(productVersion, clock.instant(), DEFAULT_METRICS_CONTEXT));
        return new Sealed(bundle, manifest);
    }

    /** Ids of incidents whose journal is not yet sealed, oldest first. */
    public List<String> openIncidents() throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (Files.exists(d.resolve("journal.jsonl")) && !Files.exists(bundleFile(id))) {
                    ids.add(id);
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    /** Sealed bundles in the incidents directory, oldest first. */
    public List<Path> bundles() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + BundleFormat.EXTENSION)) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    public Path journalFile(String id) {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || id.contains("..")) {
            throw new IllegalArgumentException("'" + id + "' is not an incident id (like 20261125-140000-web-1-returns-500s).");
        }
        return directory.resolve(id).resolve("journal.jsonl");
    }

    public Path bundleFile(String id) {
        return directory.resolve(id + BundleFormat.EXTENSION);
    }

    private void ensureDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            try {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX (Windows): the user's profile directory is private already
            }
        }
    }

    static Set<String> hosts(List<JournalEvent> events) {
        return JournalHosts.named(events);
    }

    static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "incident" : s;
    }
}
