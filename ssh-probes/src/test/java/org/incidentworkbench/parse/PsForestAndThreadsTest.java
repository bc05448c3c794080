package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ps as people paste it on this machine (procps-ng 4.0.2): {@code ps auxf} and {@code ps -ef --forest} trees,
 * thread listings ({@code ps -eLf}, {@code ps -T}, {@code ps -eLo}), and a column set without RSS.
 */
class PsForestAndThreadsTest {

    private final PsParser parser = new PsParser();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"debian-12/ps-auxf.out", "debian-12/ps-ef--forest.out"})
    void forestPrefixesBecomeADepthAndCommandsKeepTheirNames(String file) {
        String text = Fixtures.text(file);
        assertTrue(text.contains("\\_ ") && text.contains(" |   "), "the capture draws a tree");
        PsReport ps = Fixtures.parsed(parser, text);
        assertEquals(text.lines().count() - 1, ps.processes().size());
        for (PsReport.ProcessRow p : ps.processes()) {
            assertFalse(p.command().startsWith("\\_") || p.command().startsWith("|"), p.pid() + ": " + p.command());
            assertFalse(p.name().startsWith("\\_") || p.name().startsWith("|"), p.pid() + ": " + p.name());
            assertTrue(p.depth().isPresent(), "depth of " + p.pid());
        }
        PsReport.ProcessRow kthreadd = row(ps, 2);
        assertEquals(Optional.of(0), kthreadd.depth());
        assertEquals("[kthreadd]", kthreadd.name());
        assertEquals(Optional.of(1), row(ps, 3).depth());
        assertEquals("[pool_workqueue_release]", row(ps, 3).command());
        assertTrue(ps.processes().stream().anyMatch(p -> p.depth().orElse(0) >= 5), "deep rows are in the capture");
        // each row lies one level under the row above it of one level less (its parent, printed first)
        Map<Integer, Long> lastAtDepth = new HashMap<>();
        for (PsReport.ProcessRow p : ps.processes()) {
            int d = p.depth().orElseThrow();
            if (d > 0) {
                assertTrue(lastAtDepth.containsKey(d - 1), "a parent level above " + p.pid());
                p.ppid().ifPresent(ppid -> assertEquals(lastAtDepth.get(d - 1), ppid, "parent of " + p.pid()));
            }
            lastAtDepth.put(d, p.pid());
        }
    }

    @Test
    void aListingWithoutTreeHasNoDepth() {
        PsReport ps = Fixtures.parsed(parser, Fixtures.text("debian-12/ps-aux.out"));
        assertTrue(ps.processes().stream().allMatch(p -> p.depth().isEmpty()));
        assertFalse(ps.threads());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"debian-12/ps-eLf.out", "debian-12/ps-T-p-1.out", "debian-12/ps-eLo--pid-lwp-nlwp-stat-comm.out"})
    void threadListingsCountProcessesNotThreads(String file) {
        String text = Fixtures.text(file);
        PsReport ps = Fixtures.parsed(parser, text);
        assertTrue(ps.threads(), "rows are threads");
        List<String> rows = text.lines().skip(1).toList();
        assertEquals(rows.size(), ps.processes().size(), "one row per thread");
        // the main thread's id is its process's id: one such row per process
        long mainThreads = ps.processes().stream().filter(p -> p.threadId().orElseThrow() == p.pid()).count();
        assertEquals(mainThreads, ps.processCount());
        assertTrue(ps.processCount() < rows.size(), "some process has several threads");
        assertEquals(ps.processCount(), ps.perProcess().size());
        List<PsReport.ProcessRow> init = ps.threadsOf(1);
        assertTrue(init.size() > 1, "pid 1 runs several threads");
        init.forEach(t -> t.threadCount().ifPresent(n -> assertEquals(init.size(), n, "NLWP of pid 1")));
    }

    @Test
    void aProcessInAStateCountsOnceWhateverItsThreads() {
        PsReport lo = Fixtures.parsed(parser, Fixtures.text("debian-12/ps-eLo--pid-lwp-nlwp-stat-comm.out"));
        long processesSleeping = lo.processes().stream().filter(p -> p.stateLetter().orElse('?') == 'S')
                .mapToLong(PsReport.ProcessRow::pid).distinct().count();
        assertEquals(processesSleeping, lo.inState('S').size());
    }

    @Test
    void columnsTheListingLacksAreEmptyNotZero() {
        PsReport ps = Fixtures.parsed(parser, Fixtures.text("debian-12/ps-eo--pid-ppid-user-stat-comm.out"));
        assertFalse(ps.processes().isEmpty());
        for (PsReport.ProcessRow p : ps.processes()) {
            assertEquals(Optional.empty(), p.rssBytes());
            assertEquals(Optional.empty(), p.cpuPercent());
            assertEquals(Optional.empty(), p.memPercent());
            assertTrue(!p.command().isEmpty() && p.user().isPresent());
        }
        assertEquals(List.of(), ps.topByRss(3));
        assertEquals(List.of(), ps.topByCpu(3));
    }

    private static PsReport.ProcessRow row(PsReport ps, long pid) {
        return ps.processes().stream().filter(p -> p.pid() == pid).findFirst().orElseThrow();
    }
}
