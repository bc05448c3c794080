package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalReader;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentServiceTest {

    static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

    @TempDir
    Path dir;

    final SteppingClock clock = new SteppingClock(T0);

    IncidentService service() {
        return new IncidentService(dir.resolve("incidents"), clock, "alice", "Incident Workbench test");
    }

    @Test
    void recordsCloseAndSealsWithTheStoresSlices() throws Exception {
        IncidentService service = service();
        IncidentRecording r = service.open("web-1 returns 500s", "SEV-2", List.of("web-1"), Optional.of("5xx alert"));
        assertEquals("20261125-140000-web-1-returns-500s", r.id());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(service.directory())));
        clock.advance(Duration.ofSeconds(30));
        r.note("Alert from the load balancer", List.of("detection"));
        clock.advance(Duration.ofSeconds(30));
        JournalEvent.Hypothesis h = r.hypothesis("logs filled /var");
        assertEquals("h1", h.id());
        clock.advance(Duration.ofSeconds(30));
        r.updateHypothesis("h1", HypothesisState.CONFIRMED, Optional.of("38G in /var/log/app"));
        r.command("web-1", "du -sh /var/log/app", 0, "38G\t/var/log/app\n", Duration.ofMillis(800));
        r.chart("fs.used_pct", List.of("web-1"), T0.minusSeconds(600), T0.plusSeconds(90));
        r.action(Optional.of("web-1"), "Truncated the debug log", Optional.of("41 % used"));
        assertEquals(List.of("incident.opened", "note", "hypothesis", "hypothesis", "command", "chart", "action"),
                r.events().stream().map(JournalEvent::kind).toList());
        assertEquals(List.of(r.id()), service.openIncidents());

        Path db = dir.resolve("metrics.mv.db");
        try (TimeSeriesStore store = TimeSeriesStore.open(db)) {
            SeriesKey var = SeriesKey.of("web-1", "fs.used_pct", "mount", "/var");
            for (int i = -4000; i <= 200; i += 10) {
                store.append(var, T0.plusSeconds(i).toEpochMilli(), 50 + i / 100.0);
            }
            store.append(SeriesKey.of("db-1", "fs.used_pct", "mount", "/"), T0.toEpochMilli(), 10);
            clock.advance(Duration.ofSeconds(60));
            IncidentService.Sealed sealed = service.closeAndSeal(r,
                    JournalEvent.IncidentClosed.plain(clock.instant(), "alice", "debug logs filled /var"),
                    new StoreMetricSlices(store), List.of());
            assertEquals(service.bundleFile(r.id()), sealed.bundle());
        }
        assertTrue(BundleVerifier.verify(service.bundleFile(r.id())).ok());
        IncidentBundle b = IncidentBundle.open(service.bundleFile(r.id()));
        assertEquals(8, b.events().size());
        assertEquals(1, b.metrics().size(), "only the incident's hosts");
        MetricSlice slice = b.metrics().get(0);
        assertEquals("web-1", slice.host());
        assertEquals(T0.minus(IncidentService.DEFAULT_METRICS_CONTEXT).toEpochMilli(), slice.timestampAt(0),
                "full resolution from 30 min before the opening");
        assertEquals(T0.plusSeconds(150).toEpochMilli(), slice.timestampAt(slice.size() - 1), "up to the closing");
        assertEquals((1800 + 150) / 10 + 1, slice.size());
        assertTrue(service.openIncidents().isEmpty());
        assertEquals(List.of(service.bundleFile(r.id())), service.bundles());
        assertThrows(IllegalStateException.class, () -> service.resume(r.id()));
    }

    @Test
    void resumingAfterACrashCutsTheTornLineAndSaysSo() throws Exception {
        IncidentService service = service();
        String id;
        try (IncidentRecording r = service.open("disk full", "", List.of(), Optional.empty())) {
            id = r.id();
            r.note("first", List.of());
        }
        Files.writeString(service.journalFile(id), "{\"time\":\"2026-11-25T14:00:01Z\",\"kind\":\"no", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (IncidentRecording r = service.resume(id)) {
            assertTrue(r.resumedFrom().tornLastLine().isPresent());
            r.note("second", List.of());
        }
        var contents = JournalReader.read(service.journalFile(id));
        assertTrue(contents.healthy(), contents.problems().toString());
        assertEquals(List.of("incident.opened", "note", "marker", "note"), contents.events().stream().map(JournalEvent::kind).toList());
        JournalEvent.Marker m = assertInstanceOf(JournalEvent.Marker.class, contents.events().get(2));
        assertTrue(m.label().startsWith("recording resumed after a crash; Line 3"), m.label());
        assertEquals(JournalEvent.WORKBENCH_ACTOR, m.actor());
    }

    @Test
    void attachmentsRecordedDuringTheIncidentAreSealedIntoTheBundle() throws Exception {
        IncidentService service = service();
        IncidentRecording r = service.open("nginx errors", "", List.of("web-1"), Optional.empty());
        JournalEvent.Marker m = r.attach("nginx-error.log", "2026/11/25 14:00:01 [error] upstream timed out\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("attached nginx-error.log (47 bytes)", m.label());
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> r.attach("nginx-error.log", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> r.attach("../escape", new byte[1]));
        IncidentService.Sealed sealed = service.closeAndSeal(r, JournalEvent.IncidentClosed.plain(clock.instant(), "alice", "done"),
                MetricSliceSource.NONE, List.of());
        IncidentBundle b = IncidentBundle.open(sealed.bundle());
        assertEquals(List.of("nginx-error.log"), b.attachmentNames());
        assertEquals("2026/11/25 14:00:01 [error] upstream timed out\n", new String(b.attachment("nginx-error.log").orElseThrow(),
                StandardCharsets.UTF_8));
    }

    @Test
    void idsAreUniqueAndSafe() throws IOException {
        IncidentService service = service();
        try (IncidentRecording a = service.open("Disk full!", "", List.of(), Optional.empty());
             IncidentRecording b = service.open("Disk full!", "", List.of(), Optional.empty())) {
            assertEquals("20261125-140000-disk-full", a.id());
            assertEquals("20261125-140000-disk-full-2", b.id());
        }
        assertThrows(IllegalArgumentException.class, () -> service.journalFile("../etc"));
        assertThrows(IllegalArgumentException.class, () -> service.open(" ", "", List.of(), Optional.empty()));
        assertFalse(Files.exists(service.bundleFile("20261125-140000-disk-full")));
    }

    @Test
    void sealingAnOpenIncidentIsRefused() throws IOException {
        IncidentService service = service();
        try (IncidentRecording r = service.open("x", "", List.of(), Optional.empty())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.seal(r.id(), MetricSliceSource.NONE, List.of()));
            assertTrue(e.getMessage().contains("still open"), e.getMessage());
        }
    }
}
