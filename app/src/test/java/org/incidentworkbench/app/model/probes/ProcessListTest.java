package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/** The ps view's rows from real ps output (Debian 12, with D-state processes and zombies). */
class ProcessListTest {

    private final List<ProcessLine> rows = ProcessList.of(ProbeFixtures.data(Probes.PS, "ps-eo--probe-d-state-zombies.out"));

    @Test
    void topConsumersComeFirstForEachKey() {
        List<ProcessLine> byCpu = ProcessList.sorted(rows, ProcessList.SortKey.CPU);
        for (int i = 1; i < byCpu.size(); i++) {
            assertTrue(byCpu.get(i - 1).cpuPercent() >= byCpu.get(i).cpuPercent(), byCpu.get(i).toString());
        }
        double maxRss = rows.stream().mapToLong(ProcessLine::rssBytes).max().orElseThrow();
        assertEquals(maxRss, ProcessList.sorted(rows, ProcessList.SortKey.RSS).get(0).rssBytes());
        // pid 1 has run longest (1292 s): the oldest first by running time, ties in pid order
        ProcessLine oldest = ProcessList.sorted(rows, ProcessList.SortKey.ELAPSED).get(0);
        assertEquals(1, oldest.pid());
        assertEquals("21 min 32 s", oldest.elapsedText());
        assertEquals("15 MiB", oldest.rssText());
    }

    @Test
    void kernelThreadsAreKthreaddAndItsChildrenNotZombies() {
        ProcessLine kthreadd = rows.stream().filter(p -> p.pid() == 2).findFirst().orElseThrow();
        assertTrue(kthreadd.kernelThread());
        assertTrue(rows.stream().filter(p -> p.ppid() == 2).allMatch(ProcessLine::kernelThread));
        List<ProcessLine> zombies = rows.stream().filter(ProcessLine::zombie).toList();
        assertEquals(4, zombies.size());
        assertTrue(zombies.stream().noneMatch(ProcessLine::kernelThread), "[python3] <defunct> is a zombie, not a kernel thread");
        List<ProcessLine> visible = ProcessList.visible(rows, false);
        assertTrue(visible.stream().noneMatch(ProcessLine::kernelThread));
        assertTrue(visible.size() < rows.size() && visible.containsAll(zombies));
        assertEquals(rows, ProcessList.visible(rows, true));
    }

    @Test
    void statesAreExplainedAndCounted() {
        ProcessLine d = rows.stream().filter(p -> p.pid() == 27378).findFirst().orElseThrow();
        assertTrue(d.uninterruptible());
        assertEquals("D  I/O wait", d.stateText());
        assertEquals("D: uninterruptible: waiting on I/O, cannot be killed", ProcessStates.explain(d.state()));
        assertEquals("S: sleeping (waiting for an event), high priority, session leader, multi-threaded",
                ProcessStates.explain("S<sl"));
        String summary = ProcessList.summary(rows);
        assertTrue(summary.startsWith(rows.size() + " processes ("), summary);
        assertTrue(summary.contains("2 in D state") && summary.contains("4 zombies"), summary);
    }

    @Test
    void theTreeNestsChildrenUnderTheirParentsAndLosesNoRow() {
        List<ProcessLine> tree = ProcessList.tree(rows, ProcessList.SortKey.CPU);
        assertEquals(rows.size(), tree.size());
        assertEquals(rows.stream().map(ProcessLine::pid).sorted().toList(), tree.stream().map(ProcessLine::pid).sorted().toList());
        for (int i = 0; i < tree.size(); i++) {
            ProcessLine p = tree.get(i);
            if (p.depth() > 0) {
                // the nearest row above at one level less is the parent
                int j = i - 1;
                while (tree.get(j).depth() >= p.depth()) {
                    j--;
                }
                assertEquals(p.ppid(), tree.get(j).pid(), "parent of " + p.pid());
                assertEquals(p.depth() - 1, tree.get(j).depth());
            }
        }
        // the zombies sit under their parent 32230
        int parent = indexOf(tree, 32230);
        assertTrue(tree.subList(parent + 1, parent + 5).stream().allMatch(ProcessLine::zombie), tree.subList(parent, parent + 5).toString());
        // a filtered list whose parents are gone keeps every row as a root
        List<ProcessLine> zombiesOnly = rows.stream().filter(ProcessLine::zombie).toList();
        assertTrue(ProcessList.tree(zombiesOnly, ProcessList.SortKey.CPU).stream().allMatch(p -> p.depth() == 0));
    }

    @Test
    void aCopyHoldsTheFullCommandLine() {
        ProcessLine init = rows.stream().filter(p -> p.pid() == 1).findFirst().orElseThrow();
        String copied = ProcessList.copyText(List.of(init));
        assertTrue(copied.endsWith(init.command() + "\n"), copied);
        assertTrue(init.command().length() > 200, "the fixture's pid 1 has a long command line");
        assertFalse(copied.contains("…"));
    }

    private static int indexOf(List<ProcessLine> rows, long pid) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).pid() == pid) {
                return i;
            }
        }
        throw new AssertionError("no pid " + pid);
    }
}
