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
}
