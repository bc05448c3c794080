package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/**
 * BusyBox's own formats and the probes' {@code /proc} variants, read from output captured on this machine with
 * Debian 12's busybox-static 1.35 (fixtures/busybox-1.35, see the README there) while a busy loop ran and a
 * local server held three sockets in CLOSE-WAIT; each value checked below is in the fixture.
 */
class BusyBoxFormatsTest {

    private static String fixture(String name) {
        try {
            return Files.readString(Fixtures.root().resolve("busybox-1.35").resolve(name + ".out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String guessed(String text) {
        return Probes.guessParser(text).map(p -> p.info().name()).orElse("none");
    }

    @Test
    void psDefaultAndWithColumnsWhoseSizesCarryUnits() {
        PsReport plain = Fixtures.parsed(new PsParser(), fixture("ps"));
        assertEquals(fixture("ps").lines().count() - 1, plain.processes().size());
        PsReport.ProcessRow loop = plain.processes().stream().filter(p -> p.pid() == 11251).findFirst().orElseThrow();
        assertEquals("busybox sh -c while :; do :; done", loop.command());
        assertEquals("root", loop.user().orElseThrow());
        PsReport o = Fixtures.parsed(new PsParser(), fixture("ps-o-pid-ppid-user-stat-vsz-rss-nice-tty-comm-args"));
        PsReport.ProcessRow running = o.processes().stream().filter(p -> p.pid() == 11251).findFirst().orElseThrow();
        assertEquals(11248L, running.ppid().orElseThrow());
        assertEquals('R', running.stateLetter().orElseThrow());
        assertEquals(2268L * 1024, running.vszBytes().orElseThrow());
        assertEquals(1456L * 1024, running.rssBytes().orElseThrow());
        assertEquals("busybox", running.comm().orElseThrow());
        PsReport.ProcessRow init = o.processes().get(0);
        assertEquals(50L << 20, init.vszBytes().orElseThrow(), "BusyBox prints 50m for 50 MiB");
        assertEquals(15L << 20, init.rssBytes().orElseThrow());
        assertEquals("S<", init.state().orElseThrow());
        assertEquals("ps", guessed(fixture("ps")));
        assertEquals("ps", guessed(fixture("ps-o-pid-ppid-user-stat-vsz-rss-nice-tty-comm-args")));
    }

    @Test
    void psFromProcSampledTwice() {
        String text = fixture("proc-pid-stat--ps-probe-busy-loop");
        PsReport ps = Fixtures.parsed(new PsParser(), text);
        assertTrue(ps.cpuSampled());
        assertEquals(text.lines().dropWhile(l -> !l.endsWith("/proc/[pid]/stat 2")).skip(2)
                .takeWhile(l -> !l.startsWith("####")).count(), ps.processes().size(), "one row per stat line of the second read");
        PsReport.ProcessRow loop = ps.processes().stream().filter(p -> p.pid() == 28866).findFirst().orElseThrow();
        Map<String, String> parts = Sections.split(text);
        double interval = Double.parseDouble(parts.get("/proc/[pid]/stat 2").split(" ")[0])
                - Double.parseDouble(parts.get("/proc/[pid]/stat 1").split(" ")[0]);
        // utime went from 32 to 51 ticks between the reads
        assertEquals(Math.round(1000.0 * 19 / (interval * 100)) / 10.0, loop.cpuPercent().orElseThrow(), 0.05);
        assertEquals('R', loop.stateLetter().orElseThrow());
        assertEquals(28864L, loop.ppid().orElseThrow());
        assertEquals("root", loop.user().orElseThrow());
        assertEquals("busybox sh -c while :; do :; done", loop.command());
        assertTrue(loop.rssBytes().orElseThrow() > 0 && loop.memPercent().isPresent() && loop.elapsedSeconds().isPresent(), loop::toString);
        PsReport.ProcessRow kthreadd = ps.processes().stream().filter(p -> p.pid() == 2).findFirst().orElseThrow();
        assertEquals("[kthreadd]", kthreadd.command(), "kernel threads have no cmdline: their name in brackets, as ps");
        assertEquals("ps", guessed(text));
    }

    @Test
    void topInBusyBoxsFormat() {
        TopReport top = Fixtures.parsed(new TopParser(), fixture("top-b-n1"));
        assertEquals("busybox top", top.source());
        TopReport.Memory m = top.memory().orElseThrow();
        assertEquals((1439896L + 23243768L) * 1024, m.totalBytes().orElseThrow());
        assertEquals((19528L + 739020L) * 1024, m.buffCacheBytes().orElseThrow());
        assertEquals(100.0, top.cpu().orElseThrow().userPercent().orElseThrow());
        assertEquals(0.0, top.cpu().orElseThrow().idlePercent().orElseThrow());
        assertEquals(4.32, top.summary().orElseThrow().load1().orElseThrow());
        assertEquals(181, top.tasks().orElseThrow().total().orElseThrow());
        TopReport.TopProcess loop = top.processes().stream().filter(p -> p.pid() == 11251).findFirst().orElseThrow();
        assertEquals(14.0, loop.cpuPercent().orElseThrow());
        assertEquals("busybox sh -c while :; do :; done", loop.command());
        assertEquals("11248", loop.other().get("PPID"));
        assertEquals("top", guessed(fixture("top-b-n1")));
    }

    @Test
    void topFromProcStatSampledTwice() {
        TopReport top = Fixtures.parsed(new TopParser(), fixture("proc-stat--top-probe-sampled-busy-loop"));
        assertEquals("/proc sampled", top.source());
        CpuSplit cpu = top.cpu().orElseThrow();
        double sum = cpu.userPercent().orElseThrow() + cpu.systemPercent().orElseThrow() + cpu.nicePercent().orElseThrow()
                + cpu.idlePercent().orElseThrow() + cpu.iowaitPercent().orElseThrow() + cpu.hardIrqPercent().orElseThrow()
                + cpu.softIrqPercent().orElseThrow() + cpu.stealPercent().orElseThrow();
        assertTrue(sum > 99 && sum <= 100.01, cpu::toString);
        assertTrue(cpu.idlePercent().orElseThrow() < 50, "a busy loop and a build ran: " + cpu);
        assertTrue(top.memory().orElseThrow().availableBytes().isPresent());
    }

    @Test
    void ipAddrAndTheProbesBusyBoxVariant() {
        IpReport pasted = Fixtures.parsed(new IpParser(), fixture("ip-addr"));
        IpReport.Interface lo = pasted.interfaces().get(0);
        assertEquals("lo", lo.name());
        assertEquals(List.of("127.0.0.1", "::1"), lo.addresses().stream().map(IpReport.Address::address).toList());
        assertEquals(65536, lo.mtu().orElseThrow());
        IpReport probe = Fixtures.parsed(new IpParser(), fixture("ip-addr--ip-probe-with-proc-net-dev"));
        IpReport.Interface plo = probe.interfaces().get(0);
        assertEquals(770318305L, plo.rx().orElseThrow().bytes().orElseThrow(), "counters merged from /proc/net/dev");
        assertEquals("UNKNOWN", plo.state().orElseThrow(), "state from /sys/class/net/lo/operstate");
        IpReport.Interface eth0 = probe.interfaces().stream().filter(i -> i.name().equals("eth0")).findFirst().orElseThrow();
        assertEquals("UP", eth0.state().orElseThrow());
        assertEquals(4345L, eth0.rx().orElseThrow().packets().orElseThrow());
        assertEquals("eth0", probe.routes().get(0).dev().orElseThrow());
        assertEquals("ip", guessed(fixture("ip-addr")));
    }

    @Test
    void dfWrapsALongDeviceNameOntoTwoLines() {
        DfReport df = Fixtures.parsed(new DfParser(), fixture("df"));
        DfReport.Filesystem wrapped = df.mount("/mnt/sandboxing/model_tools_env/v1/python").orElseThrow();
        assertEquals("model_tools_unavailable", wrapped.filesystem());
        assertEquals(4L * 1024, wrapped.sizeBytes().orElseThrow());
        assertEquals(22, df.mount("/").orElseThrow().usedPercent().orElseThrow());
        DfReport posix = Fixtures.parsed(new DfParser(), fixture("df-PTk"));
        assertEquals("ext4", posix.mount("/").orElseThrow().type().orElseThrow());
        assertEquals("df", guessed(fixture("df")));
    }

    @Test
    void freeNetstatWAndUptime() {
        FreeReport free = Fixtures.parsed(new FreeParser(), fixture("free"));
        assertEquals(24683664L * 1024, free.memTotalBytes().orElseThrow());
        assertEquals("free", guessed(fixture("free")));
        SsReport netstat = Fixtures.parsed(new SsParser(), fixture("netstat-tan--close-wait"));
        assertEquals("netstat", netstat.source());
        assertEquals(Map.of("LISTEN", 2L, "FIN-WAIT-2", 3L, "CLOSE-WAIT", 3L), netstat.tcpStateCounts());
        SsReport.Socket cw = netstat.sockets().stream().filter(s -> s.state().orElseThrow().equals("CLOSE-WAIT")).findFirst().orElseThrow();
        assertEquals("127.0.0.1", cw.localAddress());
        assertEquals("47011", cw.localPort().orElseThrow());
        assertEquals(1L, cw.recvQueue().orElseThrow());
        assertEquals("ss", guessed(fixture("netstat-tan--close-wait")));
        WReport w = Fixtures.parsed(new WParser(), fixture("w"));
        assertEquals(List.of(), w.sessions());
        UptimeReport up = Fixtures.parsed(new UptimeParser(), fixture("uptime"));
        assertEquals(0, up.users().orElseThrow());
    }
}
