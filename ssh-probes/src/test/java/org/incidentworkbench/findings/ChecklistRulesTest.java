package org.incidentworkbench.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.junit.jupiter.api.Test;

/**
 * The checklist rules (kernel and systemd probes) on real captures from this machine, each made while the
 * condition was real (fixtures/README.md): a netns with a 5 % input drop rule, a full accept queue and a veth
 * whose peer refuses big packets; a cgroup swapping against its memory limit; OOM kills in a cgroup. Where the
 * machine cannot make the condition (file handles near fs.file-max, one CPU alone saturated on this shared
 * box), the rule runs on a real capture with its threshold lowered under the real value.
 */
class ChecklistRulesTest {

    private static final String KERNEL = "debian-12/kernel.out";
    private static final String NETNS = "debian-12/kernel--netns-retransmits-listen-overflows-veth-drops.out";

    private static List<Finding> kernel(String fixture, FindingRule... rules) {
        return Reports.builder().fixture("kernel", fixture).evaluate(rules);
    }

    @Test
    void retransmitsListenOverflowsAndInterfaceDropsFromTheNetnsCapture() {
        List<Finding> all = kernel(NETNS);
        Finding retrans = Reports.rule(all, "net.retransmits").get(0);
        assertEquals(Severity.WARNING, retrans.severity(), retrans::toString);
        assertEquals("TCP retransmits 3.6 % of segments", retrans.title());
        assertTrue(retrans.evidence().startsWith("299 of 8259 segments sent were retransmissions in 1."), retrans.evidence());
        Finding listen = Reports.rule(all, "net.listen-overflows").get(0);
        assertTrue(listen.title().startsWith("A listen queue overflowed "), listen.title());
        assertTrue(listen.evidence().startsWith("91 connection attempts dropped because an accept queue was full"), listen.evidence());
        List<Finding> drops = Reports.rule(all, "net.interface-errors");
        assertEquals(List.of("iwb", "iwa"), drops.stream().map(f -> f.title().split(" ")[0]).toList());
        assertTrue(drops.get(1).title().matches("iwa drops \\d+(\\.\\d)? packets a second"), drops.get(1).title());
        assertTrue(Reports.rule(all, "net.resets").isEmpty(), "no connection was reset there");
    }

    @Test
    void aStricterRetransmitLimitMakesItCriticalAndTooFewSegmentsMakeNoShare() {
        Finding critical = Reports.rule(kernel(NETNS, new TcpCountersRule(new TcpCountersRule.Limits(1, 3, 100, 0, 100, 10))),
                "net.retransmits").get(0);
        assertEquals(Severity.CRITICAL, critical.severity());
        assertTrue(Reports.rule(kernel(NETNS, new TcpCountersRule(new TcpCountersRule.Limits(1, 5, 10_000, 0, 100, 10))),
                "net.retransmits").isEmpty(), "8259 segments are under a 10000 minimum");
    }

    @Test
    void theIdleCaptureHasNoNetworkFindings() {
        List<Finding> all = kernel(KERNEL);
        for (String rule : List.of("net.retransmits", "net.listen-overflows", "net.resets", "net.interface-errors", "mem.swapping",
                "mem.oom-kill", "mem.cgroup-oom", "fs.file-handles")) {
            assertTrue(Reports.rule(all, rule).isEmpty(), rule + ": " + all);
        }
    }

    @Test
    void swappingAgainstACgroupLimitIsCritical() {
        Finding f = Reports.rule(kernel("debian-12/kernel--swapping-cgroup-limit.out"), "mem.swapping").get(0);
        assertEquals(Severity.CRITICAL, f.severity(), f::toString);
        assertTrue(f.title().startsWith("Swapping ") && f.title().endsWith(" a second"), f.title());
        assertTrue(f.evidence().startsWith("swap-in "), f.evidence());
    }

    @Test
    void anOomKillDuringTheSampleIsCriticalAndTheCgroupCounterAWarningThatSaysItHasNoTime() {
        List<Finding> during = kernel("debian-12/kernel--oom-kill-during-sample.out");
        Finding now = Reports.rule(during, "mem.oom-kill").get(0);
        assertEquals(Severity.CRITICAL, now.severity());
        assertEquals("The OOM killer killed 1 process during this triage", now.title());
        assertEquals(now, during.get(0), "a kill during the triage leads: " + during);
        List<Finding> before = kernel("debian-12/kernel--cgroup-v1-oom-kill.out");
        assertTrue(Reports.rule(before, "mem.oom-kill").isEmpty(), "that kill was before the sample");
        Finding cgroup = Reports.rule(before, "mem.cgroup-oom").get(0);
        assertEquals(Severity.WARNING, cgroup.severity());
        assertEquals("1 OOM kill in cgroup /sys/fs/cgroup/memory/iwck-oom since it was created", cgroup.title());
        assertTrue(cgroup.evidence().contains("when is not recorded there, at most since boot "), cgroup.evidence());
    }

    @Test
    void pressureFromTheRealCaptures() {
        // this 2-CPU machine is shared by nine builds: its cpu "some" avg10 was 80 % in the capture
        Finding cpu = Reports.rule(kernel(KERNEL), "psi.cpu").get(0);
        assertEquals(Severity.WARNING, cpu.severity());
        assertTrue(cpu.title().startsWith("Tasks stalled on cpu "), cpu.title());
        // memory full avg10 was 0.36 % while the cgroup swapped: above a lowered "full" threshold, critical above its critical
        Finding memory = Reports.rule(kernel("debian-12/kernel--swapping-cgroup-limit.out", new PressureRule(new PressureRule.Limits(20, 0.3, 0.35))),
                "psi.memory").get(0);
        assertEquals(Severity.CRITICAL, memory.severity());
        assertTrue(memory.title().startsWith("All tasks stalled on memory 0.4 %"), memory.title());
    }

    @Test
    void runQueueFromTheRealCaptureAgainstItsTwoCpus() {
        // procs_running was 6 and 5 with 2 CPUs: 4 runnable besides the reader, 2 per CPU
        List<Finding> f = Reports.rule(kernel(KERNEL), "cpu.run-queue");
        assertEquals(1, f.size(), f::toString);
        assertTrue(f.get(0).title().endsWith(" tasks want a CPU on 2 CPUs"), f.get(0).title());
        assertTrue(Reports.rule(kernel(KERNEL, new RunQueueRule(new RunQueueRule.Limits(10, 20))), "cpu.run-queue").isEmpty());
    }

    @Test
    void fileHandlesAgainstALoweredLimit() {
        // 960 of 2466093 handles: far from full here; a limit under the real share shows the rule reads it
        assertTrue(Reports.rule(kernel(KERNEL), "fs.file-handles").isEmpty());
        Finding f = Reports.rule(kernel(KERNEL, new FileHandlesRule(new FileHandlesRule.Limits(0.01, 0.02))), "fs.file-handles").get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertTrue(f.evidence().endsWith(" of 2466093 handles in use (/proc/sys/fs/file-nr); threshold 0.01 %"), f.evidence());
    }

    @Test
    void cpuImbalanceNeedsOneHotCpuAndACoolAverage() {
        // both CPUs were busy in every capture here (a shared machine): no imbalance at the defaults
        assertTrue(Reports.rule(kernel(KERNEL), "cpu.imbalance").isEmpty());
        // with the average allowed up to 100 %, the busier real CPU is named with its split
        Finding f = Reports.rule(kernel(KERNEL, new CpuImbalanceRule(new CpuImbalanceRule.Limits(50, 100.1))), "cpu.imbalance").get(0);
        assertTrue(f.title().contains(" average "), f.title());
        assertTrue(f.evidence().contains("user ") && f.evidence().contains("interrupts "), f.evidence());
    }

    @Test
    void failedSystemdUnitsFromTheRealPasteAndNoneWithoutSystemd() {
        Finding f = Reports.rule(Reports.builder().fixture("systemd", "ubuntu-22.04/systemd--list-units-failed-pasted.out").evaluate(),
                "systemd.failed-units").get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("2 systemd units failed: casper-md5check.service, networking.service", f.title());
        assertTrue(f.hint().startsWith("systemctl status casper-md5check.service"), f.hint());
        assertTrue(Reports.rule(Reports.builder().fixture("systemd", "debian-12/systemd--not-running.out").evaluate(),
                "systemd.failed-units").isEmpty());
    }

    @Test
    void aCgroupOomCounterWithoutATimeRanksAfterWhatIsFullNow() {
        List<Finding> all = Reports.builder().fixture("df", "debian-12/df-PTk--with-df-Pi-space-and-inodes-full.out")
                .fixture("kernel", "debian-12/kernel--cgroup-v1-oom-kill.out").evaluate();
        Finding cgroup = Reports.rule(all, "mem.cgroup-oom").get(0);
        assertTrue(all.get(0).rule().startsWith("fs."), "the full filesystem leads: " + all);
        assertTrue(all.indexOf(cgroup) > all.indexOf(Reports.rule(all, "fs.full").get(0)), all::toString);
        assertTrue(cgroup.since().isEmpty() && !cgroup.beforeTriage(), "a counter has no time: not dated, not downgraded");
    }
}
