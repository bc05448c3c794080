package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The kernel probe's text, captured on this machine while each condition was real (fixtures/README.md). */
class KernelParserTest {

    private final KernelParser parser = new KernelParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("kernel");
    }

    private static KernelReport fixture(String name) {
        return Fixtures.parsed(new KernelParser(), Fixtures.all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow().text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyCaptureHasBothSamplesAndAllParts(Fixtures.Fixture f) {
        KernelReport r = Fixtures.parse(parser, f).orElseThrow();
        double interval = r.intervalSeconds().orElseThrow();
        assertTrue(interval >= 1.0 && interval < 3, "sleep 1 between the samples: " + interval);
        assertEquals(2, r.cpus().orElseThrow());
        assertEquals(2, r.perCpu().size());
        assertEquals(2, r.procsRunning().size());
        assertEquals(3, r.pressure().size(), "this kernel has PSI");
        assertTrue(r.tcp().containsKey("Tcp.RetransSegs") && r.tcp().containsKey("TcpExt.ListenOverflows"), r.tcp().keySet()::toString);
        assertTrue(r.tcp().get("Tcp.OutSegs").delta().isPresent());
        assertTrue(r.fileHandles().orElseThrow().max() > 0);
        // ip netns exec mounts a sysfs of its own, without the cgroup tree: the netns capture read no cgroup file
        assertEquals(f.name().contains("netns"), r.cgroupOoms().orElseThrow().filesRead() == 0, "cgroup v1 memory controller here");
        assertTrue(r.vmstat().keySet().containsAll(java.util.List.of("pswpin", "pswpout", "oom_kill", "pgmajfault")));
        assertTrue(r.interfaces().stream().anyMatch(i -> i.name().equals("lo")));
    }

    @Test
    void theNetnsCaptureHasRetransmitsListenOverflowsAndVethDrops() {
        KernelReport r = fixture("kernel--netns-retransmits-listen-overflows-veth-drops");
        // read off the file: Tcp RetransSegs 56 -> 355, OutSegs 1855 -> 10114; ListenOverflows 10 -> 101
        assertEquals(Optional.of(299L), r.tcp().get("Tcp.RetransSegs").delta());
        assertEquals(355L, r.tcp().get("Tcp.RetransSegs").total());
        assertEquals(Optional.of(8259L), r.tcp().get("Tcp.OutSegs").delta());
        assertEquals(Optional.of(91L), r.tcp().get("TcpExt.ListenOverflows").delta());
        assertEquals(-1L, r.tcp().get("Tcp.MaxConn").total(), "-1 (no limit) reads as a number");
        KernelReport.Interface iwa = r.interfaces().stream().filter(i -> i.name().equals("iwa")).findFirst().orElseThrow();
        KernelReport.Interface iwb = r.interfaces().stream().filter(i -> i.name().equals("iwb")).findFirst().orElseThrow();
        assertEquals(159L, iwa.txDrops().total());
        assertEquals(159L, iwb.rxDrops().total());
        assertTrue(iwa.txDrops().delta().orElseThrow() > 0);
    }

    @Test
    void swappingAndOomKillsAreCountersWithDeltas() {
        KernelReport swap = fixture("kernel--swapping-cgroup-limit");
        assertEquals(Optional.of(12041L - 6588L), swap.vmstat().get("pswpin").delta());
        assertEquals(Optional.of(28184L - 18517L), swap.vmstat().get("pswpout").delta());
        KernelReport during = fixture("kernel--oom-kill-during-sample");
        assertEquals(Optional.of(1L), during.vmstat().get("oom_kill").delta());
        KernelReport.CgroupOom o = during.cgroupOoms().orElseThrow().counted().get(0);
        assertEquals("/sys/fs/cgroup/memory/iwck-oom2", o.path());
        assertEquals("v1", o.version());
        assertEquals(1L, o.oomKills());
        KernelReport before = fixture("kernel--cgroup-v1-oom-kill");
        assertEquals(Optional.of(0L), before.vmstat().get("oom_kill").delta(), "the kill was before the sample");
        assertEquals(12, before.cgroupOoms().orElseThrow().filesRead());
    }

    @Test
    void oneSampleKeepsTotalsWithoutRates() {
        String text = Sections.marker("1 /proc/uptime") + "\n100.00 150.00\n" + Sections.marker("1 /proc/vmstat") + "\npswpin 7\npswpout 9\n";
        KernelReport r = Fixtures.parsed(parser, text);
        assertTrue(r.intervalSeconds().isEmpty());
        assertEquals(new KernelReport.Counter(7, Optional.empty()), r.vmstat().get("pswpin"));
        assertTrue(r.vmstat().get("pswpin").perSecond(r.intervalSeconds()).isEmpty());
        assertTrue(r.pressure().isEmpty() && r.cgroupOoms().isEmpty());
    }

    @Test
    void aCounterThatWentDownHasNoDelta() {
        String text = Sections.marker("1 /proc/uptime") + "\n100.00 1\n" + Sections.marker("1 /proc/vmstat") + "\npswpin 70\n"
                + Sections.marker("2 /proc/uptime") + "\n101.00 1\n" + Sections.marker("2 /proc/vmstat") + "\npswpin 3\n";
        KernelReport r = Fixtures.parsed(parser, text);
        assertEquals(new KernelReport.Counter(3, Optional.empty()), r.vmstat().get("pswpin"));
    }

    @Test
    void textWithoutProcSectionsIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("Last login: yesterday\nwelcome\n"));
        assertTrue(Fixtures.parsed(parser, "").tcp().isEmpty(), "empty input is an empty report, as for every parser");
    }
}
