package org.incidentworkbench.app.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.hosts.AnsibleInventory;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.parse.SsReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.TriageReport;
import org.junit.jupiter.api.Test;

/** The fleet's figures and outliers, without a stage: five web hosts, one of them sick (the outlier rule itself: {@code model.OutliersTest}). */
class FleetViewModelTest {

    private static TriageReport report(String host, double load1, int cores, int rootPct, long closeWait, int errors) {
        UptimeReport up = new UptimeReport(Optional.empty(), Optional.of(1000L), Optional.of(1), Optional.of(load1),
                Optional.of(load1), Optional.of(load1), Optional.of(cores), Optional.empty(), Optional.empty());
        DfReport df = new DfReport(List.of(new DfReport.Filesystem("/dev/sda1", Optional.of("ext4"), Optional.of(100L), Optional.of(50L),
                Optional.of(50L), Optional.of(rootPct), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "/")));
        List<SsReport.Socket> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < closeWait; i++) {
            sockets.add(new SsReport.Socket(Optional.of("tcp"), Optional.of("CLOSE-WAIT"), Optional.of(1L), Optional.of(0L),
                    "127.0.0.1", Optional.of("80"), Optional.empty(), "127.0.0.1", Optional.of(Integer.toString(40000 + i)),
                    List.of(), Optional.empty()));
        }
        SsReport ss = new SsReport(Optional.empty(), sockets, "ss -tanp");
        LogsReport logs = new LogsReport(List.of(), Map.of("err", errors, "warning", 3), 0, 0, 0, List.of());
        List<ProbeResult> results = List.of(
                new ProbeResult.Parsed("uptime", "", 0, Duration.ZERO, up, List.of(), List.of()),
                new ProbeResult.Parsed("df", "", 0, Duration.ZERO, df, List.of(), List.of()),
                new ProbeResult.Parsed("ss", "", 0, Duration.ZERO, ss, List.of(), List.of()),
                new ProbeResult.Parsed("logs", "", 0, Duration.ZERO, logs, List.of(), List.of()));
        return new TriageReport(host, host, Instant.now(), Duration.ofMillis(900), Optional.empty(), results, List.of());
    }

    @Test
    void theSickHostStandsOutInItsRoleOnlyWhereItIsWorse() {
        List<HostEntry> web = AnsibleInventory.parseIni("[web]\nweb-[1:5]\n[db]\ndb-1\n").hosts();
        ObservableList<HostRow> hosts = FXCollections.observableArrayList(web.stream().map(HostRow::new).toList());
        FleetViewModel vm = new FleetViewModel(hosts);
        assertTrue(vm.rows().isEmpty(), "no triaged host, no row");
        for (int i = 0; i < 4; i++) {
            hosts.get(i).reportProperty().set(report("web-" + (i + 1), 0.4 + i * 0.05, 4, 40 + i, 0, 1));
        }
        // web-5: load 3.2 per core, root 97 % full, 180 CLOSE-WAIT sockets, 40 errors in the logs
        hosts.get(4).reportProperty().set(report("web-5", 12.8, 4, 97, 180, 40));
        hosts.get(5).reportProperty().set(report("db-1", 9.0, 4, 20, 0, 0));
        assertEquals(6, vm.rows().size());
        FleetRow sick = vm.rows().stream().filter(r -> r.host().name().equals("web-5")).findFirst().orElseThrow();
        assertEquals("web", sick.comparedWith());
        assertEquals(3.2, sick.figures().loadPerCore().getAsDouble(), 1e-9);
        for (FleetColumn c : List.of(FleetColumn.LOAD_PER_CORE, FleetColumn.FULLEST_PCT, FleetColumn.CLOSE_WAIT, FleetColumn.LOG_ERRORS)) {
            assertTrue(sick.isBad(c), c + " of web-5 should stand out");
        }
        FleetRow healthy = vm.rows().stream().filter(r -> r.host().name().equals("web-2")).findFirst().orElseThrow();
        for (FleetColumn c : FleetColumn.values()) {
            assertFalse(healthy.isBad(c), c + " of web-2 should not stand out");
        }
        FleetRow db = vm.rows().stream().filter(r -> r.host().name().equals("db-1")).findFirst().orElseThrow();
        assertEquals("all hosts", db.comparedWith(), "a role of one is compared with the whole fleet");
        assertTrue(sick.figures().memAvailableBytes().isEmpty(), "no top probe: memory is unknown, not zero");
    }

    private static TriageReport withFindings(TriageReport r, Instant at, org.incidentworkbench.probe.Finding... findings) {
        return new TriageReport(r.host(), r.target(), at, r.duration(), r.failure(), r.results(), List.of(findings));
    }

    private static org.incidentworkbench.probe.Finding finding(org.incidentworkbench.probe.Severity s, String rule, String title) {
        return new org.incidentworkbench.probe.Finding(s, rule, "df", title, "evidence", "hint");
    }

    @Test
    void aFailedTriageKeepsTheLastGoodFiguresMarkedStaleAndChangesAreCountedAgainstTheTriageBefore() {
        Instant[] now = {Instant.parse("2026-12-03T06:00:00Z")};
        List<HostEntry> hostsIn = AnsibleInventory.parseIni("[web]\nweb-[1:2]\n").hosts();
        ObservableList<HostRow> hosts = FXCollections.observableArrayList(hostsIn.stream().map(HostRow::new).toList());
        TriageReport remembered = withFindings(report("web-1", 0.4, 4, 40, 0, 1), now[0].minusSeconds(86_400),
                finding(org.incidentworkbench.probe.Severity.WARNING, "load.high", "load 1.5 per core"));
        FleetViewModel vm = new FleetViewModel(hosts, Runnable::run, () -> now[0], new FleetViewModel.Sources(
                h -> h.equals("web-1") ? Optional.of(remembered) : Optional.empty(),
                (h, t) -> org.incidentworkbench.app.model.HostTrends.none(t), Runnable::run, Runnable::run));

        TriageReport first = withFindings(report("web-1", 0.4, 4, 97, 0, 1), now[0],
                finding(org.incidentworkbench.probe.Severity.CRITICAL, "fs.full", "/ is 97 % full"));
        hosts.get(0).reportProperty().set(first);
        hosts.get(1).reportProperty().set(withFindings(report("web-2", 0.4, 4, 40, 0, 1), now[0]));
        FleetRow row = vm.rows().get(0);
        assertEquals("web-1", row.host().name(), "the host with a critical finding comes first");
        assertEquals("/ is 97 % full", row.worst().orElseThrow().title());
        assertEquals("+1 new, 1 resolved", row.changes().summary(), "compared with the triage remembered from before this window");
        assertFalse(row.age().stale());

        now[0] = now[0].plusSeconds(120);
        TriageReport second = withFindings(report("web-1", 0.4, 4, 98, 0, 1), now[0],
                finding(org.incidentworkbench.probe.Severity.CRITICAL, "fs.full", "/ is 98 % full"));
        hosts.get(0).reportProperty().set(second);
        assertEquals("no change", vm.rows().get(0).changes().summary(), "97 % then 98 % full is one finding that stayed");

        now[0] = now[0].plusSeconds(60);
        TriageReport failed = new TriageReport("web-1", "web-1", now[0], Duration.ofSeconds(10), Optional.of(new org.incidentworkbench.ssh.HostFailure(
                org.incidentworkbench.ssh.HostFailure.Kind.CONNECT_TIMEOUT, "web-1 did not answer within 10 s.", "")), List.of(), List.of());
        hosts.get(0).reportProperty().set(failed);
        FleetRow stale = vm.rows().stream().filter(r -> r.host().name().equals("web-1")).findFirst().orElseThrow();
        assertTrue(stale.age().stale(), "figures kept after a failed triage are never shown as current");
        assertEquals(Optional.of("web-1 did not answer within 10 s."), stale.latestFailure());
        assertEquals(98, stale.figures().fullestPct().getAsDouble(), 1e-9, "the last good triage's figures");

        now[0] = now[0].plus(org.incidentworkbench.app.model.DataAge.STALE_AFTER);
        vm.refresh();
        FleetRow web2 = vm.rows().stream().filter(r -> r.host().name().equals("web-2")).findFirst().orElseThrow();
        assertTrue(web2.age().stale(), web2.age().text());
        assertTrue(web2.age().text().startsWith("stale: "), web2.age().text());
    }
}
