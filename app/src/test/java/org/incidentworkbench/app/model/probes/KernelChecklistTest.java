package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.incidentworkbench.app.format.ProbeSummary;
import org.incidentworkbench.parse.KernelReport;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/** The kernel checklist view's rows and the probes' one-line summaries, from real captures (ssh-probes' fixtures). */
class KernelChecklistTest {

    private static Map<String, ChecklistLine> rows(String file) {
        KernelReport k = ProbeFixtures.data(Probes.KERNEL, file);
        return KernelChecklist.of(k).stream().collect(Collectors.toMap(ChecklistLine::check, Function.identity()));
    }

    @Test
    void theNetnsCaptureIsJudgedWhereTheFindingsStart() {
        Map<String, ChecklistLine> r = rows("kernel--netns-retransmits-listen-overflows-veth-drops.out");
        assertEquals("warning", r.get("TCP retransmits").verdict(), r.get("TCP retransmits")::toString);
        assertTrue(r.get("TCP retransmits").reading().startsWith("299 of 8259 segments sent (3.6 %)"), r.get("TCP retransmits")::toString);
        assertEquals("warning", r.get("TCP listen overflows").verdict());
        assertEquals("warning", r.get("iwa errors, drops").verdict(), r.get("iwa errors, drops")::toString);
        assertEquals("ok", r.get("TCP resets of established connections").verdict());
        assertEquals("ok", r.get("file handles").verdict());
        assertTrue(r.get("file handles").percent() >= 0 && r.get("file handles").percent() < 1);
        assertEquals("not judged", r.get("load average").verdict());
        assertTrue(r.containsKey("cpu0 busy") && r.containsKey("cpu1 busy") && r.containsKey("pressure memory (full)"), r.keySet()::toString);
    }

    @Test
    void swappingAndCgroupOomKills() {
        assertEquals("critical", rows("kernel--swapping-cgroup-limit.out").get("swapping").verdict());
        ChecklistLine oom = rows("kernel--cgroup-v1-oom-kill.out").get("cgroup OOM kills");
        assertEquals("warning", oom.verdict());
        assertEquals("/sys/fs/cgroup/memory/iwck-oom: 1", oom.reading());
    }

    @Test
    void oneLineSummaries() {
        String kernel = ProbeSummary.of(ProbeFixtures.result(Probes.KERNEL, "kernel--netns-retransmits-listen-overflows-veth-drops.out"));
        assertTrue(kernel.startsWith("run queue "), kernel);
        assertTrue(kernel.contains("; retransmits 299/8259 segments; listen overflows "), kernel);
        assertEquals("systemd is not running (PID 1 is process_api)",
                ProbeSummary.of(ProbeFixtures.result(Probes.SYSTEMD, "systemd--not-running.out")));
    }

    @Test
    void aSingleSampleShowsTotalsUnjudged() {
        var outcome = Probes.KERNEL.parser().parse("#### iw-section: 1 /proc/uptime\n5.0 1\n"
                + "#### iw-section: 1 /proc/net/snmp\nTcp: RetransSegs OutSegs EstabResets\nTcp: 7 900 2\n");
        KernelReport k = ((org.incidentworkbench.parse.ParseOutcome.Parsed<KernelReport>) outcome).value();
        List<ChecklistLine> lines = KernelChecklist.of(k);
        ChecklistLine retrans = lines.stream().filter(l -> l.check().equals("TCP retransmits")).findFirst().orElseThrow();
        assertEquals("7 of 900 segments since boot", retrans.reading());
        assertEquals("not judged", retrans.verdict());
    }
}
