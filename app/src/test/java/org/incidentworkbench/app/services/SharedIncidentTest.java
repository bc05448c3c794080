package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ManualTickSource;
import org.incidentworkbench.playbooks.replay.ReplayClock;
import org.incidentworkbench.playbooks.share.BundleSharer;
import org.incidentworkbench.playbooks.share.TypedSecrets;
import org.incidentworkbench.playbooks.training.TrainingSession;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", recorded by the product's own services: processes run on this machine with
 * every typed secret in their command lines, so a real triage's ps output (raw and parsed) holds them;
 * notes and commands hold them too, and one text is marked "redact this". The shared copy holds none
 * of the values in any entry, verifies, replays and trains; the original is byte-identical.
 */
class SharedIncidentTest {

    @TempDir
    Path dir;

    @Test
    void aRecordedIncidentWithEverySecretSharesClean() throws Exception {
        List<Process> decoys = new ArrayList<>();
        Path original;
        try {
            for (TypedSecrets.Line l : TypedSecrets.LINES) {
                if (!l.text().contains("\n")) {
                    // exec -a puts the whole typed line into argv[0], so ps -o args shows it as typed
                    decoys.add(new ProcessBuilder("bash", "-c", "exec -a \"$0\" sleep 120", l.text()).start());
                }
            }
            Thread.sleep(300);
            IncidentService service = new IncidentService(dir.resolve("incidents"), Clock.systemUTC(), "alice", "test");
            IncidentRecording r = service.open("Checkout slow for Fabrikam-4471", "SEV-2", List.of("local"), Optional.empty());
            r.redact("Fabrikam-4471");
            for (TypedSecrets.Line l : TypedSecrets.LINES) {
                r.note("tried: " + l.text(), List.of());
                r.command("local", l.text(), 0, l.text() + "\n", Duration.ofMillis(40));
            }
            TriageReport report = TriageService.local(TriageSettings.standard()).triage("local", "local", s -> { });
            r.triage(report);
            original = service.closeAndSeal(r, JournalEvent.IncidentClosed.plain(r.now(), "alice", "rotated every secret"),
                    MetricSliceSource.NONE, List.of()).bundle();
        } finally {
            decoys.forEach(Process::destroy);
        }
        String triaged = IncidentBundle.open(original).events().stream().filter(JournalEvent.TriageRun.class::isInstance)
                .map(e -> ((JournalEvent.TriageRun) e).report().toString()).findFirst().orElseThrow();
        for (String secret : List.of("S3cr3tDump", "Zq9xT4pWr7", "Tr0ub4dorQ", "glpat-Xz8kP2mQ9vL4nR7tY1wE")) {
            assertTrue(triaged.contains(secret), "the real triage's ps output holds " + secret);
        }
        byte[] before = Files.readAllBytes(original);

        Path shared = dir.resolve("shared.iwbundle");
        SharingNote note = BundleSharer.share(IncidentBundle.open(original), shared,
                new BundleSharer.Options(false, List.of(), "test", Instant.now()));
        assertArrayEquals(before, Files.readAllBytes(original), "the original is unchanged");
        VerificationReport v = BundleVerifier.verify(shared);
        assertTrue(v.ok(), v.describe());
        String sharedText = allText(shared);
        for (TypedSecrets.Line l : TypedSecrets.LINES) {
            assertFalse(sharedText.contains(l.secret()), l.rule() + ": " + l.secret() + " is still in the shared copy");
            assertTrue(note.redactions().containsKey(l.rule()), l.rule());
        }
        assertFalse(sharedText.contains("Fabrikam-4471"));

        IncidentBundle copy = IncidentBundle.open(shared);
        ReplayClock clock = ReplayClock.over(copy, new ManualTickSource());
        while (!clock.atEnd()) {
            clock.stepNext();
        }
        assertEquals(copy.events().size(), clock.state().eventCount());
        assertEquals(IncidentBundle.open(original).events().size() - 1, copy.events().size());
        TrainingSession t = TrainingSession.over(IncidentTimeline.of(copy));
        assertEquals(TrainingSession.over(IncidentTimeline.of(IncidentBundle.open(original))).responderPath().size(), t.responderPath().size());
    }

    static String allText(Path bundle) throws Exception {
        StringBuilder b = new StringBuilder();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    b.append(entry.getName()).append('\n').append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
                }
            }
        }
        return b.toString();
    }
}
