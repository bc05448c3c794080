package org.incidentworkbench.playbooks.share;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.incidentworkbench.playbooks.bundle.Attachment;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.BundleWriter;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.export.PostmortemExporter;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalReader;
import org.incidentworkbench.playbooks.journal.JournalWriter;
import org.incidentworkbench.playbooks.journal.RedactionList;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ManualTickSource;
import org.incidentworkbench.playbooks.replay.ReplayClock;
import org.incidentworkbench.playbooks.testing.DiskFullIncident;
import org.incidentworkbench.playbooks.training.MoveOutcome;
import org.incidentworkbench.playbooks.training.PlaybookTemplates;
import org.incidentworkbench.playbooks.training.ResponderStep;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.playbooks.training.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": an incident whose notes, commands and triage outputs hold every pattern is
 * recorded through the journal writer and sealed; its shared copy holds none of the secret values in
 * any entry's bytes, verifies, replays and trains like the original, and the original is unchanged.
 */
class BundleSharerTest {

    static final List<String> HOSTS = List.of("web-1", "db-7.corp.acme", "10.20.30.40");
    static final String MARKED = "Customer Fabrikam-4471";

    @TempDir
    Path dir;

    /** Records the disk-full incident plus every typed secret as notes, commands and triage output, and seals it. */
    Path recordOriginal() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        List<JournalEvent> base = DiskFullIncident.events();
        try (JournalWriter w = JournalWriter.create(journal)) {
            JournalEvent.IncidentOpened o = (JournalEvent.IncidentOpened) base.get(0);
            w.append(new JournalEvent.IncidentOpened(o.time(), o.actor(), o.incidentId(), o.title() + " (db-7.corp.acme too)", o.severity(),
                    HOSTS, Optional.of("Pager for " + MARKED + ": 5xx on web-1, db-7.corp.acme at 10.20.30.40 slow")));
            int s = 1;
            for (TypedSecrets.Line line : TypedSecrets.LINES) {
                w.append(JournalEvent.Note.of(DiskFullIncident.at(s++), "alice", "tried: " + line.text()));
                w.append(new JournalEvent.CommandOutput(DiskFullIncident.at(s++), "alice", "db-7.corp.acme", line.text(), 0,
                        "$ " + line.text() + "\n" + line.text() + "\nfrom 10.20.30.41 via 192.168.7.9\n", Duration.ofMillis(120)));
            }
            w.append(new JournalEvent.TriageRun(DiskFullIncident.at(s++), "alice", "db-7.corp.acme", triageWithSecrets()));
            w.append(RedactionList.entry(DiskFullIncident.at(s++), "alice", MARKED));
            for (JournalEvent e : base.subList(1, base.size())) {
                w.append(e);
            }
        }
        List<JournalEvent> events = JournalReader.read(journal).events();
        List<MetricSlice> metrics = new ArrayList<>(DiskFullIncident.metrics());
        metrics.add(new MetricSlice("db-7.corp.acme", "disk.util", new TreeMap<>(Map.of("device", "sda", "addr", "10.20.30.40")),
                new long[] {DiskFullIncident.at(0).toEpochMilli()}, new double[] {97.5}));
        StringBuilder attached = new StringBuilder("commands run on db-7.corp.acme:\n");
        TypedSecrets.LINES.forEach(l -> attached.append(l.text()).append('\n'));
        Path original = dir.resolve("original.iwbundle");
        BundleWriter.seal(events, metrics, List.of(new Attachment("runbook-notes.txt", attached.toString().getBytes(StandardCharsets.UTF_8)),
                        new Attachment("screenshot.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff})),
                original, new BundleWriter.Options("test", DiskFullIncident.at(700), Duration.ofMinutes(30)));
        return original;
    }

    /** A triage report in ssh-probes' shape whose ps raw output and parsed rows hold every typed secret. */
    static JsonNode triageWithSecrets() {
        ObjectNode r = (ObjectNode) DiskFullIncident.triage("db-7.corp.acme", "fs.full", "critical", "/var on db-7.corp.acme is 99 % full");
        r.put("target", "root@10.20.30.40:22");
        ArrayNode results = (ArrayNode) r.get("results");
        StringBuilder raw = new StringBuilder("USER PID %CPU %MEM COMMAND\n");
        ObjectNode ps = results.addObject();
        ps.put("status", "parsed");
        ps.put("probe", "ps");
        ArrayNode rows = ps.putObject("parsed").putArray("processes");
        int pid = 4000;
        for (TypedSecrets.Line line : TypedSecrets.LINES) {
            raw.append("root ").append(pid).append(" 0.1 0.2 ").append(line.text()).append('\n');
            ObjectNode row = rows.addObject();
            row.put("pid", pid++);
            row.put("args", line.text());
        }
        ps.put("raw", raw.toString());
        return r;
    }

    static Map<String, byte[]> entries(Path bundle) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    out.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void sharedCopyHoldsNoSecretVerifiesReplaysAndTrainsLikeTheOriginal() throws Exception {
        Path original = recordOriginal();
        byte[] before = Files.readAllBytes(original);
        IncidentBundle orig = IncidentBundle.open(original);
        assertTrue(orig.manifest().sharing().isEmpty(), "an original is not marked as shared");
        for (TypedSecrets.Line l : TypedSecrets.LINES) {
            assertTrue(new String(before, StandardCharsets.ISO_8859_1).contains(l.secret()) || containsInAnyEntry(original, l.secret()),
                    "the original holds " + l.rule());
        }

        Path shared = dir.resolve("shared.iwbundle");
        SharingNote note = BundleSharer.share(orig, shared, new BundleSharer.Options(false, List.of(), "test", DiskFullIncident.at(800)));

        assertArrayEquals(before, Files.readAllBytes(original), "the original is byte-identical");
        VerificationReport report = BundleVerifier.verify(shared);
        assertTrue(report.ok(), report.describe());

        List<String> mustVanish = new ArrayList<>(TypedSecrets.LINES.stream().map(TypedSecrets.Line::secret).toList());
        mustVanish.addAll(List.of("As9d8f7g6h", "Fabrikam-4471", "db-7.corp.acme", "web-1", "10.20.30.40", "10.20.30.41", "192.168.7.9"));
        Map<String, byte[]> entries = entries(shared);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            for (String secret : mustVanish) {
                assertFalse(text.contains(secret) || e.getKey().contains(secret), secret + " is still in " + e.getKey());
            }
        }
        assertFalse(entries.containsKey("attachments/screenshot.png"), "a binary attachment cannot be redacted, so it is left out");
        assertTrue(entries.containsKey("attachments/runbook-notes.txt"));

        // the note counts every kind, never a value
        for (TypedSecrets.Line l : TypedSecrets.LINES) {
            assertTrue(note.redactions().containsKey(l.rule()), l.rule() + " counted in " + note.redactions());
        }
        assertEquals(1, note.redactions().get("marked"), "the summary names the customer once");
        assertTrue(note.redactions().get("host") > 0 && note.redactions().get("ip") > 0);
        assertEquals(Map.of("redaction-list-entry", 1, "binary-attachment", 1), note.leftOut());
        assertTrue(note.hostsAliased());

        IncidentBundle copy = IncidentBundle.open(shared);
        assertEquals(Optional.of(note), copy.manifest().sharing());
        assertEquals(List.of("host-1", "host-2", "host-3", "host-4"), copy.manifest().hosts());
        assertEquals(orig.events().size() - 1, copy.events().size(), "everything but the redaction list's entry");
        assertEquals(orig.manifest().start(), copy.manifest().start());
        assertEquals(orig.manifest().end(), copy.manifest().end());
        assertEquals(orig.metrics().size(), copy.metrics().size());
        assertArrayEquals(orig.metrics().get(0).values(), copy.metrics().get(0).values());
        assertTrue(copy.manifest().title().contains("host-2"), copy.manifest().title());

        // replays to its end
        ReplayClock clock = ReplayClock.over(copy, new ManualTickSource());
        while (!clock.atEnd()) {
            clock.stepNext();
        }
        assertEquals(copy.events().size(), clock.state().eventCount());

        // trains like the original: the same path, the same outcomes for the responders' own moves, the same playbook
        TrainingSession a = TrainingSession.over(IncidentTimeline.of(orig));
        TrainingSession b = TrainingSession.over(IncidentTimeline.of(copy));
        assertEquals(a.responderPath().size(), b.responderPath().size());
        assertEquals(PlaybookTemplates.bestMatch(orig.events()).orElseThrow().id(), PlaybookTemplates.bestMatch(copy.events()).orElseThrow().id());
        List<ResponderStep> pathB = b.responderPath();
        for (int i = 0; i < a.responderPath().size(); i++) {
            MoveOutcome oa = a.answer(move(a.responderPath().get(i)));
            MoveOutcome ob = b.answer(move(pathB.get(i)));
            assertEquals(oa.matched().map(ResponderStep::number), ob.matched().map(ResponderStep::number), "step " + (i + 1));
            assertEquals(oa.evidence().map(JournalEvent::kind), ob.evidence().map(JournalEvent::kind));
        }
        assertEquals(a.finish().reachedCount(), b.finish().reachedCount());

        // the copy's postmortem is clean too, and sharing the copy again changes nothing but the note
        String md = PostmortemExporter.toMarkdown(copy.events(), Redactor.standard());
        mustVanish.forEach(s -> assertFalse(md.contains(s), s));
    }

    static TraineeMove move(ResponderStep step) {
        JournalEvent e = step.event();
        if (e instanceof JournalEvent.TriageRun t) {
            return new TraineeMove.TriageHost(t.host());
        } else if (e instanceof JournalEvent.ChartViewed c) {
            return new TraineeMove.ViewChart(c.metric(), c.hosts().stream().findFirst());
        } else if (e instanceof JournalEvent.CommandOutput c) {
            return new TraineeMove.RunCommand(c.host(), c.command());
        } else if (e instanceof JournalEvent.Hypothesis h) {
            return new TraineeMove.StateHypothesis(h.text());
        }
        throw new IllegalArgumentException(e.kind());
    }

    static boolean containsInAnyEntry(Path bundle, String text) throws Exception {
        return entries(bundle).values().stream().anyMatch(b -> new String(b, StandardCharsets.UTF_8).contains(text));
    }

    @Test
    void keepHostsKeepsNamesButStillRedactsAndNeverOverwrites() throws Exception {
        Path original = recordOriginal();
        Path shared = dir.resolve("kept.iwbundle");
        SharingNote note = BundleSharer.share(IncidentBundle.open(original), shared,
                new BundleSharer.Options(true, List.of("Fabrikam"), "test", DiskFullIncident.at(800)));
        assertFalse(note.hostsAliased());
        assertFalse(note.redactions().containsKey("host"));
        IncidentBundle copy = IncidentBundle.open(shared);
        assertEquals(List.of("web-1", "db-7.corp.acme", "10.20.30.40", "web-2"), copy.manifest().hosts());
        assertTrue(containsInAnyEntry(shared, "db-7.corp.acme"));
        assertFalse(containsInAnyEntry(shared, "Tr0ub4dorQ"));
        assertFalse(containsInAnyEntry(shared, "Fabrikam"), "a text marked for this copy only is hidden too");
        assertTrue(note.describe().startsWith("redacted for sharing on 2026-11-25: "), note.describe());
        assertThrows(FileAlreadyExistsException.class, () -> BundleSharer.share(IncidentBundle.open(original), shared,
                new BundleSharer.Options(true, List.of(), "test", DiskFullIncident.at(800))));
    }

    @Test
    void hostAliasesAreStableAndLeaveLoopbackAlone() {
        HostAliases a = HostAliases.forHosts(List.of("web-1", "10.1.2.3"));
        assertEquals("ssh host-1; ssh root@host-2 -p 22; curl http://host-1.prod.acme:8080/; ping ip-1; ping ip-1; ping ip-2",
                a.apply("ssh web-1; ssh root@10.1.2.3 -p 22; curl http://web-1.prod.acme:8080/; ping 10.9.9.9; ping 10.9.9.9; ping fe80::1c2b:3ff:fe4d:5e6f"));
        assertEquals("LISTEN 0.0.0.0:22 127.0.0.1:5432 [::1]:631 web-10 sysstat 12.6.1 52:54:00:12:34:56",
                a.apply("LISTEN 0.0.0.0:22 127.0.0.1:5432 [::1]:631 web-10 sysstat 12.6.1 52:54:00:12:34:56"));
        assertEquals("host-2", a.host("10.1.2.3"));
        assertEquals(3, a.hostReplacements());
        assertEquals(3, a.ipReplacements());
    }
}
