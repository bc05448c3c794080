package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.parse.LogsReport;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/** The logs view's groups from the real logs probe output of a host without journal files and with a segfault (Debian 12). */
class LogPatternsTest {

    private final LogsReport logs = ProbeFixtures.data(Probes.LOGS, "logs--probe-no-journal-segfault.out");

    @Test
    void numbersIdsHexAndAddressesAreMasked() {
        assertEquals("pci_bus <n>: resource <n> [mem <hex>-<hex> window]",
                LogPatterns.mask("pci_bus 0000:00: resource 5 [mem 0xc0001000-0xeebfffff window]"));
        assertEquals("Accepted publickey for root from <ip> port <n> ssh2",
                LogPatterns.mask("Accepted publickey for root from 10.0.0.7 port 51234 ssh2"));
        assertEquals("session <id> opened", LogPatterns.mask("session 3f2504e0-4f89-11d3-9a0c-0305e82c3301 opened"));
        assertEquals("oom_memcg=/iwck<n>,task=perl,pid=<n> eth0 sda1", LogPatterns.mask("oom_memcg=/iwck31494,task=perl,pid=31551 eth0 sda1"));
        assertEquals(LogPatterns.mask("oom_memcg=/iwck798,task_memcg=/iwck798,task=perl,pid=1006"),
                LogPatterns.mask("oom_memcg=/iwck19961,task_memcg=/iwck19961,task=perl,pid=25688"), "real dmesg lines of two OOM kills");
        assertEquals("page allocation failure in sda1 at <hex>", LogPatterns.mask("page allocation failure in sda1 at deadbeef42"));
    }

    @Test
    void repeatsBecomeOneGroupWithCountsAndTimesAndTheSegfaultComesFirst() {
        List<LogPatterns.Group> groups = LogPatterns.groups(logs);
        assertTrue(groups.size() < logs.entries().size(), "repeated patterns are grouped");
        assertEquals(logs.entries().size(), groups.stream().mapToLong(LogPatterns.Group::count).sum());
        LogPatterns.Group top = groups.get(0);
        assertEquals(List.of(LogsReport.SEGFAULT), top.flags());
        assertTrue(top.example().contains("segfault at 0"), top.example());
        assertEquals("Wed Nov 25 07:38:23 2026", top.last());
        LogPatterns.Group pciResources = groups.stream().filter(g -> g.pattern().startsWith("pci_bus <n>: resource <n>")).findFirst().orElseThrow();
        assertTrue(pciResources.count() >= 2, pciResources.toString());
        for (int i = 2; i < groups.size(); i++) {
            if (!groups.get(i - 1).flagged() && !groups.get(i).flagged()) {
                assertTrue(LogPatterns.rank(groups.get(i - 1).severity()) <= LogPatterns.rank(groups.get(i).severity()), groups.get(i).toString());
            }
        }
    }

    @Test
    void severitiesAreInSeverityOrder() {
        List<String> order = LogPatterns.severities(logs).stream().map(LogPatterns.SeverityCount::severity).toList();
        List<String> expected = LogPatterns.SEVERITY_ORDER.stream().filter(order::contains).toList();
        assertEquals(expected, order);
        assertEquals(logs.entries().size(), LogPatterns.severities(logs).stream().mapToInt(LogPatterns.SeverityCount::count).sum());
    }

    @Test
    void noJournalFilesIsExplainedBesideTheKernelEntriesNotContradictingThem() {
        List<String> sources = LogPatterns.sources(logs);
        assertEquals(List.of("journal: none on this host (journald keeps no files here)",
                "kernel log (dmesg): " + logs.entries().size() + " entries"), sources);
        LogsReport none = new LogsReport(List.of(), java.util.Map.of(), 0, 0, 0, List.of("No journal files were found.", "-- No entries --"));
        assertEquals(List.of("journal: none on this host (journald keeps no files here)", "kernel log (dmesg): no entries"), LogPatterns.sources(none));
        assertFalse(sources.stream().anyMatch(s -> s.contains("No entries")));
    }

    @Test
    void timesAreShortenedForTheColumn() {
        assertEquals("Dec 3 05:48:51", LogPatterns.shortTime("Thu Dec  3 05:48:51 2026"));
        assertEquals("11-25 07:01:02", LogPatterns.shortTime("2026-11-25T07:01:02+0000"));
        assertEquals("Oct 11 22:14:15", LogPatterns.shortTime("Oct 11 22:14:15"));
    }
}
