package org.incidentworkbench.playbooks.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.incidentworkbench.playbooks.PlaybookJson;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {

    static final BundleWriter.Options OPTIONS = new BundleWriter.Options("Incident Workbench test",
            DiskFullIncident.at(700), Duration.ofMinutes(30));

    @TempDir
    Path dir;

    Path sealed() throws IOException {
        Path file = dir.resolve("disk-full" + BundleFormat.EXTENSION);
        BundleWriter.seal(DiskFullIncident.events(), DiskFullIncident.metrics(),
                List.of(new Attachment("runbook.txt", "df -h; du -xsh /var/*\n".getBytes(StandardCharsets.UTF_8))), file, OPTIONS);
        return file;
    }

    @Test
    void sealedBundleOpensWithEverythingInIt() throws IOException {
        Path file = sealed();
        VerificationReport report = BundleVerifier.verify(file);
        assertTrue(report.ok(), report.describe());
        assertTrue(report.describe().contains("intact"), report.describe());

        IncidentBundle b = IncidentBundle.open(file);
        BundleManifest m = b.manifest();
        assertEquals(BundleFormat.NAME, m.format());
        assertEquals("1.1", m.formatVersion());
        assertEquals("inc-2026-11-25-disk", m.id());
        assertEquals("web-1 returns 500s", m.title());
        assertEquals("SEV-2", m.severity());
        assertEquals(List.of("web-1", "web-2"), m.hosts());
        assertEquals(List.of("alice", "bob"), m.authors());
        assertEquals(DiskFullIncident.at(0), m.start());
        assertEquals(DiskFullIncident.at(600), m.end());
        assertEquals(DiskFullIncident.events().size(), m.eventCount());
        assertEquals(4, m.entries().size(), m.entries().toString());
        assertEquals(DiskFullIncident.events(), b.events());
        assertEquals(DiskFullIncident.metrics(), b.metrics());
        assertTrue(Double.isNaN(b.metrics().get(1).valueAt(50)), "a gap marker survives as NaN");
        assertArrayEquals("df -h; du -xsh /var/*\n".getBytes(StandardCharsets.UTF_8), b.attachment("runbook.txt").orElseThrow());
        assertFalse(Files.exists(dir.resolve("disk-full.iwbundle.part")));
    }

    @Test
    void sealingTwiceToTheSameFileIsRefused() throws IOException {
        Path file = sealed();
        assertThrows(FileAlreadyExistsException.class, () -> BundleWriter.seal(DiskFullIncident.events(), List.of(), List.of(), file, OPTIONS));
    }

    @Test
    void aJournalWithoutOpeningCannotBeSealed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundleWriter.seal(
                DiskFullIncident.events().subList(1, 3), List.of(), List.of(), dir.resolve("x.iwbundle"), OPTIONS));
        assertTrue(e.getMessage().contains("incident.opened"), e.getMessage());
    }

    @Test
    void flippedByteNamesTheDamagedEntry() throws IOException {
        Path file = sealed();
        byte[] bytes = Files.readAllBytes(file);
        // flip a byte in the middle of journal.jsonl's compressed data
        int at = dataOffset(file, "journal.jsonl") + 40;
        bytes[at] ^= 0x5a;
        Files.write(file, bytes);
        VerificationReport r = BundleVerifier.verify(file);
        assertFalse(r.ok());
        assertEquals(1, r.problems().size(), r.describe());
        BundleProblem p = r.problems().get(0);
        String entry = p instanceof BundleProblem.DamagedEntry d ? d.entry()
                : assertInstanceOf(BundleProblem.ChecksumMismatch.class, p, r.describe()).entry();
        assertEquals("journal.jsonl", entry);
        assertTrue(r.describe().contains("journal.jsonl"), r.describe());
        BundleException e = assertThrows(BundleException.class, () -> IncidentBundle.open(file));
        assertEquals(r.problems(), e.report().problems());
    }

    @Test
    void changedEntryGivesBothHashes() throws IOException {
        Path file = sealed();
        String expected = BundleVerifier.verify(file).manifest().orElseThrow().entry("journal.jsonl").orElseThrow().sha256();
        rewrite(file, Map.of("journal.jsonl", j -> new String(j, StandardCharsets.UTF_8)
                .replace("38G", "3G").getBytes(StandardCharsets.UTF_8)));
        VerificationReport r = BundleVerifier.verify(file);
        BundleProblem.ChecksumMismatch m = assertInstanceOf(BundleProblem.ChecksumMismatch.class, r.problems().get(0), r.describe());
        assertEquals("journal.jsonl", m.entry());
        assertEquals(expected, m.expectedSha256());
        assertEquals(64, m.actualSha256().length());
        assertTrue(m.message().contains(expected) && m.message().contains(m.actualSha256()), m.message());
        assertEquals(1, r.problems().size(), r.describe());
    }

    @Test
    void missingEntryIsNamed() throws IOException {
        Path file = sealed();
        String metric = entryNames(file).stream().filter(n -> n.startsWith("metrics/")).findFirst().orElseThrow();
        rewrite(file, Map.of(metric, b -> null));
        VerificationReport r = BundleVerifier.verify(file);
        assertEquals(List.of(new BundleProblem.MissingEntry(metric)), r.problems());
        assertEquals("The entry " + metric + " is missing from the bundle.", r.problems().get(0).message());
    }

    @Test
    void addedEntryIsUnlisted() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("attachments/evil.sh", b -> "rm -rf /".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new BundleProblem.UnlistedEntry("attachments/evil.sh")), BundleVerifier.verify(file).problems());
    }

    @Test
    void manifestThatIsNotJsonGivesTheLine() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("manifest.json", b -> new String(b, StandardCharsets.UTF_8).replaceFirst("\"title\"", "title")
                .getBytes(StandardCharsets.UTF_8)));
        VerificationReport r = BundleVerifier.verify(file);
        BundleProblem.BadContent bad = assertInstanceOf(BundleProblem.BadContent.class, r.problems().get(0), r.describe());
        assertEquals("manifest.json", bad.entry());
        assertTrue(bad.line() > 1, "line " + bad.line());
        assertTrue(bad.message().contains("not valid JSON"), bad.message());
    }

    @Test
    void manifestWithoutFieldsSaysWhichAreMissing() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("manifest.json", b -> editManifest(b, m -> {
            m.remove("title");
            m.put("start", "last tuesday");
            return m;
        })));
        VerificationReport r = BundleVerifier.verify(file);
        assertEquals(List.of(new BundleProblem.BadManifest("it has no 'title' (a string)"),
                new BundleProblem.BadManifest("its 'start' value 'last tuesday' is not an ISO-8601 time")), r.problems(), r.describe());
    }

    @Test
    void otherFormatIsRefusedByName() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("manifest.json", b -> editManifest(b, m -> m.put("format", "something-else"))));
        assertTrue(BundleVerifier.verify(file).describe().contains("its format is 'something-else'"));
    }

    @Test
    void newerMajorVersionIsRefusedByName() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("manifest.json", b -> editManifest(b, m -> {
            m.put("formatVersion", "2.3");
            m.put("writtenBy", "Incident Workbench 3.1.0");
            m.put("somethingNew", true);
            m.remove("entries");
            return m;
        })));
        VerificationReport r = BundleVerifier.verify(file);
        assertTrue(r.newerVersion());
        assertEquals(1, r.problems().size(), r.describe());
        assertEquals("This bundle was written by a newer version (Incident Workbench 3.1.0, format incident-workbench-bundle 2.3); "
                + "this workbench reads format 1.x only. Update Incident Workbench to open it.", r.problems().get(0).message());
    }

    @Test
    void newerMinorVersionStillOpens() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("manifest.json", b -> editManifest(b, m -> {
            m.put("formatVersion", "1.7");
            m.put("somethingNew", "ignored by 1.0");
            return m;
        })));
        VerificationReport r = BundleVerifier.verify(file);
        assertTrue(r.ok(), r.describe());
        assertEquals("1.7", IncidentBundle.open(file).manifest().formatVersion());
    }

    @Test
    void badJournalLineIsReportedWithItsNumber() throws IOException {
        Path file = sealed();
        Map<String, UnaryOperator<byte[]>> edits = new LinkedHashMap<>();
        edits.put("journal.jsonl", j -> new String(j, StandardCharsets.UTF_8).replace("\"kind\":\"marker\"", "\"kind\":\"teleport\"")
                .getBytes(StandardCharsets.UTF_8));
        rewrite(file, edits);
        resealManifestHashes(file);
        VerificationReport r = BundleVerifier.verify(file);
        assertEquals(1, r.problems().size(), r.describe());
        BundleProblem.BadContent bad = assertInstanceOf(BundleProblem.BadContent.class, r.problems().get(0));
        assertEquals("journal.jsonl", bad.entry());
        assertEquals(10, bad.line());
        assertTrue(bad.message().contains("kind 'teleport'"), bad.message());
    }

    @Test
    void manyBadJournalLinesAreReportedAsTheFirstAndHowManyMore() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("journal.jsonl", j -> new String(j, StandardCharsets.UTF_8).replace("\"kind\":\"note\"", "\"kind\":\"teleport\"")
                .getBytes(StandardCharsets.UTF_8)));
        resealManifestHashes(file);
        VerificationReport r = BundleVerifier.verify(file);
        assertEquals(2, r.problems().size(), r.describe());
        assertEquals(2, ((BundleProblem.BadContent) r.problems().get(0)).line());
        assertEquals(new BundleProblem.BadContent("journal.jsonl", 13, "3 more lines are invalid too, the last at this line"),
                r.problems().get(1));
    }

    @Test
    void oversizedEntryIsNotReadIntoMemory() throws IOException {
        Path file = sealed();
        rewrite(file, Map.of("attachments/runbook.txt", b -> new byte[200_000]));
        VerificationReport r = BundleVerifier.check(file, 100_000, 10_000_000).report();
        assertEquals(List.of(new BundleProblem.DamagedEntry("attachments/runbook.txt",
                "it unpacks to more than 100000 bytes, far more than any incident, so it is not read")), r.problems(), r.describe());
    }

    @Test
    void notAZipIsSaidPlainly() throws IOException {
        Path file = dir.resolve("notes.iwbundle");
        Files.writeString(file, "just some text\n");
        VerificationReport r = BundleVerifier.verify(file);
        assertInstanceOf(BundleProblem.NotReadable.class, r.problems().get(0));
        assertTrue(r.describe().contains("is not a zip archive"), r.describe());
        assertTrue(BundleVerifier.verify(dir.resolve("nothing.iwbundle")).describe().contains("there is no file"));
    }

    // --- helpers: rebuild the zip with edited entries (null removes one), as a careless tool would

    static byte[] editManifest(byte[] manifest, UnaryOperator<ObjectNode> edit) {
        try {
            ObjectNode m = (ObjectNode) PlaybookJson.mapper().readTree(manifest);
            return PlaybookJson.mapper().writeValueAsBytes(edit.apply(m));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void rewrite(Path file, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        edits.forEach((name, edit) -> {
            byte[] edited = edit.apply(entries.get(name));
            if (edited == null) {
                entries.remove(name);
            } else {
                entries.put(name, edited);
            }
        });
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /** Recomputes the manifest's hashes so that only the content check can object. */
    static void resealManifestHashes(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        rewrite(file, Map.of("manifest.json", b -> editManifest(b, m -> {
            m.withArray("entries").forEach(e -> {
                byte[] content = entries.get(e.get("path").asText());
                ((ObjectNode) e).put("sha256", BundleWriter.sha256(content));
                ((ObjectNode) e).put("sizeBytes", content.length);
            });
            return m;
        })));
    }

    static List<String> entryNames(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    /** Offset of an entry's data: local header (30 bytes + name + extra) from the central directory's offset. */
    static int dataOffset(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + n.length < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                int nameLen = (bytes[i + 26] & 0xff) | (bytes[i + 27] & 0xff) << 8;
                int extraLen = (bytes[i + 28] & 0xff) | (bytes[i + 29] & 0xff) << 8;
                if (nameLen == n.length && java.util.Arrays.equals(bytes, i + 30, i + 30 + nameLen, n, 0, n.length)) {
                    return i + 30 + nameLen + extraLen;
                }
            }
        }
        throw new IllegalStateException(name + " not found in " + file);
    }
}
