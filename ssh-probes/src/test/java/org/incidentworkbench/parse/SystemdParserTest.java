package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * systemctl --failed: this machine has no systemd as init, so its two captures are the "not running" forms; the
 * failed units come from a real terminal paste (ubuntu-22.04, see fixtures/README.md).
 */
class SystemdParserTest {

    private final SystemdParser parser = new SystemdParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("systemd");
    }

    private static String text(String name) {
        return Fixtures.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().text();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyCaptureParses(Fixtures.Fixture f) {
        assertTrue(Fixtures.parse(parser, f).isPresent());
    }

    @Test
    void withoutSystemdAsInitTheReportSaysWhy() {
        SystemdReport probe = Fixtures.parsed(parser, text("systemd--not-running"));
        assertFalse(probe.running());
        assertEquals(Optional.of("systemd is not running (PID 1 is process_api)"), probe.notRunning());
        SystemdReport systemctl = Fixtures.parsed(parser, text("systemd--systemctl-not-booted"));
        assertFalse(systemctl.running());
        assertTrue(systemctl.notRunning().orElseThrow().startsWith("System has not been booted with systemd"));
    }

    @Test
    void thePastedListGivesItsUnitsWithoutBulletsLegendOrTruncationMark() {
        SystemdReport r = Fixtures.parsed(parser, text("systemd--list-units-failed-pasted"));
        assertTrue(r.running());
        assertEquals(List.of(
                new SystemdReport.FailedUnit("casper-md5check.service", "loaded", "failed", "failed", "casper-md5check Verify Live ISO"),
                new SystemdReport.FailedUnit("networking.service", "loaded", "failed", "failed", "Raise network interfaces")),
                r.failed());
    }

    @Test
    void noFailedUnitIsAnEmptyListAndGarbageIsUnrecognised() {
        SystemdReport none = Fixtures.parsed(parser, "");
        assertTrue(none.running() && none.failed().isEmpty());
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("garbage from a broken login\n\u0000\u0001 noise\n"));
    }
}
