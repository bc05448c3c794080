package org.incidentworkbench.app.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The app's one duration formatter and one byte formatter, at each size's precision. */
class FormatsTest {

    @Test
    void aProbeReadThroughAnotherVariantSaysWhichAfterItsSummary() {
        String proc = org.incidentworkbench.parse.Sections.marker("/proc/[pid]/stat 1") + "\n1.00 1.00\n";
        var viaProc = new org.incidentworkbench.probe.ProbeResult.Parsed("ps", proc, 0, java.time.Duration.ZERO,
                new org.incidentworkbench.parse.PsReport(java.util.List.of()), java.util.List.of(), java.util.List.of());
        assertEquals("  (via /proc/[pid]/stat, status and cmdline, sampled 0.5 s apart)",
                TriageText.via(viaProc, org.incidentworkbench.probe.Probes.PS.variant(viaProc)));
        var usual = new org.incidentworkbench.probe.ProbeResult.Parsed("ps", "  PID COMMAND\n", 0, java.time.Duration.ZERO,
                new org.incidentworkbench.parse.PsReport(java.util.List.of()), java.util.List.of(), java.util.List.of());
        assertEquals("", TriageText.via(usual, org.incidentworkbench.probe.Probes.PS.variant(usual)));
    }

    @Test
    void durations() {
        assertEquals("850 ms", Durations.human(Duration.ofMillis(850)));
        assertEquals("1 s", Durations.human(Duration.ofSeconds(1)));
        assertEquals("2.5 s", Durations.human(Duration.ofMillis(2500)));
        assertEquals("42 s", Durations.human(Duration.ofSeconds(42)));
        assertEquals("5 min 30 s", Durations.human(Duration.ofSeconds(330)));
        assertEquals("16 min", Durations.human(Duration.ofSeconds(960)));
        assertEquals("2 h 5 min", Durations.human(Duration.ofMinutes(125)));
        assertEquals("3 d 4 h", Durations.human(Duration.ofHours(76)));
        assertEquals("-1.5 s", Durations.human(Duration.ofMillis(-1500)));
    }

    @Test
    void bytes() {
        assertEquals("512 B", Bytes.human(512));
        assertEquals("1.5 KiB", Bytes.human(1536));
        assertEquals("37 GiB", Bytes.human(37L << 30));
        assertEquals("-2.0 MiB", Bytes.human(-2 * 1024 * 1024));
        assertEquals("12 KiB/s", Bytes.perSecond(12 * 1024));
        assertEquals(new Bytes.Scaled(1.25, "GiB"), Bytes.scale(1.25 * (1L << 30)));
        assertEquals(new Bytes.Scaled(-3, "B"), Bytes.scale(-3));
        assertEquals("?", Bytes.human(Double.NaN));
    }
}
