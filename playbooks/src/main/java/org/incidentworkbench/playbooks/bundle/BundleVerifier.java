package org.incidentworkbench.playbooks.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.incidentworkbench.playbooks.PlaybookJson;
import org.incidentworkbench.playbooks.journal.JournalCodec;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * Checks a bundle and says exactly what is wrong with it: a file that is not a zip, an entry the zip
 * cannot decompress, a missing or unlisted entry, a SHA-256 or size that differs from the manifest
 * (with both hashes), JSON that does not parse or fit its schema (with the entry and line), or a
 * bundle written by a newer major format version (refused by name, saying which version wrote it).
 * It reads only the file: no server and no database is needed.
 *
 * <pre>{@code
 * VerificationReport r = BundleVerifier.verify(Path.of("disk-full.iwbundle"));
 * if (!r.ok()) System.err.println(r.describe());
 * }</pre>
 * Thread-safe (stateless). {@link IncidentBundle#open} uses the same pass, so what verifies opens.
 */
public final class BundleVerifier {

    /**
     * Largest uncompressed entry read, and largest total: far above any real incident (a day of
     * 5-second samples of 50 series is about 40 MB of JSON), low enough that a zip bomb cannot
     * exhaust the heap of the laptop opening it.
     */
    public static final long MAX_ENTRY_BYTES = 512L << 20;
    public static final long MAX_TOTAL_BYTES = 1L << 30;

    private BundleVerifier() {
    }

    public static VerificationReport verify(Path file) {
        return check(file).report();
    }

    /** The report, and the decoded bundle when there were no problems. */
    record Checked(VerificationReport report, Optional<IncidentBundle> bundle) {
    }

    static Checked check(Path file) {
        return check(file, MAX_ENTRY_BYTES, MAX_TOTAL_BYTES);
    }

    static Checked check(Path file, long maxEntryBytes, long maxTotalBytes) {
        List<BundleProblem> problems = new ArrayList<>();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            problems.add(new BundleProblem.NotReadable("there is no file " + file));
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            long total = 0;
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes((int) Math.min(maxEntryBytes + 1, maxTotalBytes - total + 1));
                    if (bytes.length > maxEntryBytes || total + bytes.length > maxTotalBytes) {
                        problems.add(new BundleProblem.DamagedEntry(entry.getName(), "it unpacks to more than "
                                + (bytes.length > maxEntryBytes ? maxEntryBytes : maxTotalBytes - total)
                                + " bytes, far more than any incident, so it is not read"));
                        continue;
                    }
                    total += bytes.length;
                    entries.put(entry.getName(), bytes);
                } catch (ZipException e) {
                    problems.add(new BundleProblem.DamagedEntry(entry.getName(), e.getMessage()));
                }
            }
        } catch (ZipException e) {
            problems.add(new BundleProblem.NotReadable(file + " is not a zip archive (" + e.getMessage()
                    + "); an incident bundle is a zip file ending in " + BundleFormat.EXTENSION));
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        } catch (IOException e) {
            problems.add(new BundleProblem.NotReadable(file + " could not be read (" + e.getMessage() + ")"));
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        }
        boolean damagedManifest = problems.stream()
                .anyMatch(p -> p instanceof BundleProblem.DamagedEntry d && d.entry().equals(BundleFormat.MANIFEST));
        return check(file, entries, problems, damagedManifest);
    }

    private static Checked check(Path file, Map<String, byte[]> entries, List<BundleProblem> problems, boolean damagedManifest) {
        byte[] manifestBytes = entries.get(BundleFormat.MANIFEST);
        if (manifestBytes == null) {
            if (!damagedManifest) {
                problems.add(new BundleProblem.MissingEntry(BundleFormat.MANIFEST));
            }
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        }
        JsonNode root;
        try {
            root = PlaybookJson.mapper().readTree(manifestBytes);
        } catch (IOException e) {
            int line = e instanceof JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 1;
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            problems.add(new BundleProblem.BadContent(BundleFormat.MANIFEST, Math.max(line, 1), "it is not valid JSON (" + detail + ")"));
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        }
        ManifestParse parsed = parseManifest(root);
        if (parsed.newer != null) {
            problems.add(parsed.newer);
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        }
        if (parsed.manifest.isEmpty()) {
            problems.addAll(parsed.problems);
            return new Checked(new VerificationReport(file, Optional.empty(), problems), Optional.empty());
        }
        BundleManifest manifest = parsed.manifest.get();

        for (BundleEntry listed : manifest.entries()) {
            byte[] bytes = entries.get(listed.path());
            if (bytes == null) {
                boolean damaged = problems.stream().anyMatch(p -> p instanceof BundleProblem.DamagedEntry d && d.entry().equals(listed.path()));
                if (!damaged) {
                    problems.add(new BundleProblem.MissingEntry(listed.path()));
                }
                continue;
            }
            String actual = BundleWriter.sha256(bytes);
            if (!actual.equalsIgnoreCase(listed.sha256())) {
                problems.add(new BundleProblem.ChecksumMismatch(listed.path(), listed.sha256(), actual));
            } else if (bytes.length != listed.sizeBytes()) {
                problems.add(new BundleProblem.SizeMismatch(listed.path(), listed.sizeBytes(), bytes.length));
            }
        }
        if (manifest.entry(BundleFormat.JOURNAL).isEmpty() && !entries.containsKey(BundleFormat.JOURNAL)) {
            problems.add(new BundleProblem.MissingEntry(BundleFormat.JOURNAL));
        }
        for (String name : entries.keySet()) {
            if (!name.equals(BundleFormat.MANIFEST) && manifest.entry(name).isEmpty()) {
                problems.add(new BundleProblem.UnlistedEntry(name));
            }
        }

        List<JournalEvent> events = new ArrayList<>();
        byte[] journal = entries.get(BundleFormat.JOURNAL);
        if (journal != null) {
            int before = problems.size();
            events = decodeJournal(journal, problems);
            if (problems.size() == before && events.size() != manifest.eventCount()) {
                problems.add(new BundleProblem.BadContent(BundleFormat.JOURNAL, 1, "it holds " + events.size()
                        + " events but the manifest counts " + manifest.eventCount()));
            }
        }
        List<MetricSlice> metrics = new ArrayList<>();
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(BundleFormat.METRICS_DIR)) {
                try {
                    metrics.add(MetricSlice.fromJson(PlaybookJson.mapper().readTree(e.getValue())));
                } catch (JsonProcessingException ex) {
                    JsonLocation loc = ex.getLocation();
                    problems.add(new BundleProblem.BadContent(name, loc == null ? 1 : Math.max(1, loc.getLineNr()),
                            "it is not valid JSON (" + ex.getOriginalMessage() + ")"));
                } catch (IOException | IllegalArgumentException ex) {
                    problems.add(new BundleProblem.BadContent(name, 1, "it is not a metric slice: " + ex.getMessage()));
                }
            } else if (name.startsWith(BundleFormat.ATTACHMENTS_DIR)) {
                attachments.put(name.substring(BundleFormat.ATTACHMENTS_DIR.length()), e.getValue());
            }
        }
        VerificationReport report = new VerificationReport(file, Optional.of(manifest), problems);
        Optional<IncidentBundle> bundle = report.ok()
                ? Optional.of(new IncidentBundle(file, manifest, events, metrics, attachments))
                : Optional.empty();
        return new Checked(report, bundle);
    }

    private static List<JournalEvent> decodeJournal(byte[] journal, List<BundleProblem> problems) {
        List<JournalEvent> events = new ArrayList<>();
        String text = new String(journal, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            String[] lines = text.split("\n", -1);
            problems.add(new BundleProblem.BadContent(BundleFormat.JOURNAL, lines.length,
                    "the last line has no line end (the journal was cut short)"));
        }
        String[] lines = text.split("\n", -1);
        int badLines = 0;
        int lastBad = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (i == lines.length - 1) {
                break; // reported above as cut short
            }
            JournalCodec.Decoded decoded = JournalCodec.decode(line);
            if (decoded instanceof JournalCodec.Decoded.Ok ok) {
                events.add(ok.event());
            } else if (decoded instanceof JournalCodec.Decoded.Failed f) {
                if (badLines == 0) {
                    problems.add(new BundleProblem.BadContent(BundleFormat.JOURNAL, i + 1, f.reason()));
                }
                badLines++;
                lastBad = i + 1;
            }
        }
        if (badLines > 1) {
            // one damaged stretch makes every later line fail; name its extent once instead of each line
            problems.add(new BundleProblem.BadContent(BundleFormat.JOURNAL, lastBad, (badLines - 1)
                    + (badLines == 2 ? " more line is" : " more lines are") + " invalid too, the last at this line"));
        }
        if (events.isEmpty() && problems.stream().noneMatch(p -> p instanceof BundleProblem.BadContent b && b.entry().equals(BundleFormat.JOURNAL))) {
            problems.add(new BundleProblem.BadContent(BundleFormat.JOURNAL, 1, "it holds no events"));
        } else if (!events.isEmpty() && !(events.get(0) instanceof JournalEvent.IncidentOpened)) {
            problems.add(new BundleProblem.BadContent(BundleFormat.JOURNAL, 1,
                    "the first event is " + events.get(0).kind() + ", but a journal starts with incident.opened"));
        }
        return events;
    }

    private static final class ManifestParse {
        Optional<BundleManifest> manifest = Optional.empty();
        BundleProblem.NewerVersion newer;
        final List<BundleProblem> problems = new ArrayList<>();

        void bad(String detail) {
            problems.add(new BundleProblem.BadManifest(detail));
        }
    }

    private static ManifestParse parseManifest(JsonNode root) {
        ManifestParse p = new ManifestParse();
        if (!root.isObject()) {
            p.bad("it is not a JSON object");
            return p;
        }
        String format = root.path("format").asText("");
        if (!format.equals(BundleFormat.NAME)) {
            p.bad("its format is '" + format + "', not '" + BundleFormat.NAME + "' (is this an incident bundle?)");
            return p;
        }
        String version = root.path("formatVersion").asText("");
        String writtenBy = root.path("writtenBy").asText("an unknown program");
        int major;
        try {
            String[] parts = version.split("\\.");
            if (parts.length != 2) {
                throw new NumberFormatException(version);
            }
            major = Integer.parseInt(parts[0]);
            Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            p.bad("its formatVersion '" + version + "' is not MAJOR.MINOR (for example " + BundleFormat.VERSION + ")");
            return p;
        }
        if (major > BundleFormat.MAJOR) {
            p.newer = new BundleProblem.NewerVersion(version, writtenBy, BundleFormat.MAJOR);
            return p;
        }
        if (major < 1) {
            p.bad("its formatVersion " + version + " predates the first released format " + BundleFormat.MAJOR + ".0");
            return p;
        }
        String id = text(root, "id", p);
        String title = text(root, "title", p);
        String severity = root.path("severity").asText("");
        List<String> hosts = strings(root, "hosts", p);
        List<String> authors = strings(root, "authors", p);
        Instant start = instant(root, "start", p);
        Instant end = instant(root, "end", p);
        Instant sealedAt = instant(root, "sealedAt", p);
        Duration context = Duration.ZERO;
        if (root.hasNonNull("metricsContext")) {
            try {
                context = Duration.parse(root.get("metricsContext").asText());
            } catch (DateTimeParseException e) {
                p.bad("its metricsContext '" + root.get("metricsContext").asText() + "' is not an ISO-8601 duration");
            }
        }
        int eventCount = 0;
        if (root.path("eventCount").canConvertToInt()) {
            eventCount = root.get("eventCount").asInt();
        } else {
            p.bad("it has no 'eventCount' (a whole number)");
        }
        List<BundleEntry> entries = new ArrayList<>();
        JsonNode list = root.get("entries");
        if (list == null || !list.isArray()) {
            p.bad("it has no 'entries' list");
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String path = e.path("path").asText("");
                String sha = e.path("sha256").asText("");
                if (path.isEmpty() || !sha.matches("[0-9a-fA-F]{64}") || !e.path("sizeBytes").canConvertToLong()) {
                    p.bad("entry " + (i + 1) + " of 'entries' needs a path, a sizeBytes and a 64-digit hex sha256");
                    continue;
                }
                entries.add(new BundleEntry(path, e.get("sizeBytes").asLong(), sha.toLowerCase(java.util.Locale.ROOT)));
            }
        }
        if (start != null && end != null && end.isBefore(start)) {
            p.bad("its end " + end + " is before its start " + start);
        }
        Optional<SharingNote> sharing = Optional.empty();
        JsonNode s = root.get("sharing");
        if (s != null && !s.isNull()) {
            try {
                sharing = Optional.of(PlaybookJson.mapper().treeToValue(s, SharingNote.class));
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                p.bad("its 'sharing' note does not fit the schema (sharedAt, hostsAliased, redactions, leftOut)");
            }
        }
        if (p.problems.isEmpty()) {
            p.manifest = Optional.of(new BundleManifest(format, version, writtenBy, id, title, severity, hosts, start, end,
                    authors, sealedAt, context, eventCount, entries, sharing));
        }
        return p;
    }

    private static String text(JsonNode root, String field, ManifestParse p) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            p.bad("it has no '" + field + "' (a string)");
            return null;
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode root, String field, ManifestParse p) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray()) {
            p.bad("it has no '" + field + "' (a list of strings)");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Instant instant(JsonNode root, String field, ManifestParse p) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            p.bad("it has no '" + field + "' (an ISO-8601 time)");
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            p.bad("its '" + field + "' value '" + n.asText() + "' is not an ISO-8601 time");
            return null;
        }
    }
}
