package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.parse.IpReport;
import org.incidentworkbench.parse.TopReport;
import org.incidentworkbench.parse.UptimeReport;
import org.incidentworkbench.parse.WReport;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/** The one-line w and uptime answers, the top bars' CPU split and the ip rows, from real Debian 12 output. */
class HostSummaryTest {

    @Test
    void uptimeIsOneLineWithLoadPerCore() {
        UptimeReport u = ProbeFixtures.data(Probes.UPTIME, "uptime.out");
        String line = HostSummary.uptime(u);
        assertTrue(line.startsWith("up 12 min; load 0.84, 0.76, 0.36 (1, 5, 15 min)"), line);
        assertTrue(line.endsWith("0 login sessions"), line);
        assertEquals(Optional.empty(), HostSummary.loadLevel(u));
    }

    @Test
    void wWithoutSessionsSaysSoInsteadOfAnEmptyTable() {
        WReport w = ProbeFixtures.data(Probes.W, "w.out");
        assertTrue(w.sessions().isEmpty());
        assertEquals("No one is logged in (w lists no session).", HostSummary.sessions(w));
        WReport one = new WReport(Optional.empty(), List.of(new WReport.Session("alice", "pts/1", Optional.of("10.0.0.5"),
                Optional.of("09:53"), Optional.of("3:12"), Optional.of(192L), Optional.empty(), Optional.empty(),
                Optional.of("vim /etc/nginx/nginx.conf"), Optional.empty())), "w");
        assertEquals("1 session: alice on pts/1 from 10.0.0.5, idle 3 min 12 s (vim /etc/nginx/nginx.conf)", HostSummary.sessions(one));
    }

    @Test
    void topsCpuSplitAddsUpToTheWhole() {
        TopReport top = ProbeFixtures.data(Probes.TOP, "top-b-n1.out");
        List<CpuShares.Share> shares = CpuShares.of(top.cpu().orElseThrow());
        assertEquals(List.of("us", "sy", "wa", "st", "irq", "idle"), shares.stream().map(CpuShares.Share::key).toList());
        assertEquals(100, shares.stream().mapToDouble(CpuShares.Share::percent).sum(), 0.6);
        assertTrue(ProcessList.of(top).size() > 5);
    }

    @Test
    void ipRowsSpellOutErrorsAndRoutes() {
        IpReport ip = ProbeFixtures.data(Probes.IP, "ip-s-addr--with-ip-route-section.out");
        List<NetInterfaces.Line> lines = NetInterfaces.interfaces(ip);
        assertEquals(ip.interfaces().size(), lines.size());
        NetInterfaces.Line lo = lines.stream().filter(l -> l.name().equals("lo")).findFirst().orElseThrow();
        assertTrue(lo.addresses().contains("127.0.0.1/8"), lo.addresses());
        assertEquals("0 / 0", lo.rxErrorsText());
        assertTrue(!NetInterfaces.routes(ip).isEmpty());
    }
}
