package org.incidentworkbench.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.parse.Sections;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.junit.jupiter.api.Test;

class FindingsTest {

    /** The busy debian-12 captures of every probe together, as one triage would see them. */
    private static Reports busyHost() {
        return Reports.builder()
                .fixture("w", "jc/centos-7.7/w.out")
                .probe("uptime", Reports.read("jc/inline/uptime-0-user.out") + Sections.marker("nproc") + "\n2\n")
                .fixture("ps", "debian-12/ps-eo--probe-d-state-zombies.out")
                .fixture("ip", "debian-12/ip-s-addr--with-ip-route-section.out")
                .probe("df", Reports.read("debian-12/df-PTk.out") + Sections.marker("df -Pi") + "\n" + Reports.read("debian-12/df-Pi.out"))
                .fixture("top", "debian-12/top-b-n1.out")
                .fixture("iostat", "debian-12/iostat-dxk-1-2--busy-writer.out")
                .fixture("ss", "debian-12/ss-s--with-ss-tanp-close-wait-time-wait.out")
                .fixture("logs", "debian-12/logs--probe-no-journal-segfault.out");
    }

    @Test
    void mostSevereFirstWithEveryFieldFilled() {
        List<Finding> all = busyHost().evaluate();
        assertEquals(Severity.CRITICAL, all.get(0).severity());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).severity().compareTo(all.get(i).severity()) <= 0, "sorted: " + all);
        }
        List<String> rules = all.stream().map(Finding::rule).toList();
        assertTrue(rules.containsAll(List.of("load.per-core", "logs.segfault", "net.close-wait", "proc.cpu", "proc.d-state",
                "proc.zombies", "users.logged-in")), rules.toString());
        for (Finding f : all) {
            assertTrue(!f.title().isBlank() && !f.evidence().isBlank() && !f.hint().isBlank() && !f.probe().isBlank(), f.toString());
        }
    }

    @Test
    void calmHostHasNoWarnings() {
        List<Finding> all = Reports.builder()
                .fixture("w", "debian-12/w.out")
                .probe("uptime", Reports.read("debian-12/uptime.out") + Sections.marker("nproc") + "\n2\n")
                .fixture("df", "debian-12/df-PTk.out")
                .fixture("ip", "debian-12/ip-s-addr.out")
                .fixture("iostat", "debian-12/iostat-dxk-1-2.out")
                .fixture("ss", "debian-12/ss-lntp.out")
                .fixture("logs", "debian-12/journalctl.out")
                .evaluate();
        assertEquals(List.of(), all);
    }

    @Test
    void unparsedProbesContributeNothing() {
        List<Finding> all = Reports.builder().probe("df", "this is not df\n").probe("ps", "").evaluate();
        assertEquals(List.of(), all);
    }

    @Test
    void findingsSerialiseWithTheReport() throws Exception {
        var report = busyHost().build();
        var done = report.withFindings(Findings.evaluate(report));
        String json = Json.mapper().writeValueAsString(done);
        assertTrue(json.contains("\"rule\":\"net.close-wait\""), json.substring(0, 200));
    }

    @Test
    void aFailingRuleDoesNotHideTheOthers() {
        FindingRule broken = report -> {
            throw new IllegalStateException("bug");
        };
        var report = Reports.builder().fixture("w", "jc/centos-7.7/w.out").build();
        List<Finding> all = Findings.evaluate(report, List.of(broken, new OtherUsersRule()));
        assertEquals(List.of("findings.rule-failed", "users.logged-in"), all.stream().map(Finding::rule).toList());
        assertTrue(all.get(0).evidence().contains("bug"));
    }

    @Test
    void defaultsAreTheDocumentedNumbers() {
        Thresholds t = Thresholds.DEFAULTS;
        assertEquals(1.0, t.loadPerCoreWarning());
        assertEquals(95, t.fsUsedPercentCritical());
        assertEquals(20, t.closeWaitWarning());
        assertEquals(5000, t.timeWaitWarning());
    }
}
