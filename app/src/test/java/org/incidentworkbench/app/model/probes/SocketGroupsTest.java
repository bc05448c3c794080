package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.parse.SsReport;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/** The ss view's groups from real ss -s and ss -tanp output with CLOSE-WAIT and TIME-WAIT sockets (Debian 12). */
class SocketGroupsTest {

    private final SsReport ss = ProbeFixtures.data(Probes.SS, "ss-s--with-ss-tanp-close-wait-time-wait.out");

    @Test
    void theHistogramCountsEveryStateInConnectionOrder() {
        List<SocketGroups.StateCount> h = SocketGroups.histogram(ss);
        assertEquals(List.of("LISTEN", "ESTAB", "FIN-WAIT-2", "CLOSE-WAIT", "TIME-WAIT"), h.stream().map(SocketGroups.StateCount::state).toList());
        assertEquals(25, h.get(3).count());
        assertEquals(28, h.get(4).count());
        assertEquals(ss.sockets().size(), h.stream().mapToLong(SocketGroups.StateCount::count).sum());
    }

    @Test
    void closeWaitIsChargedToTheProcessHoldingIt() {
        List<SocketGroups.Held> held = SocketGroups.closeWaitAndSynRecv(ss);
        assertEquals("python3 (pid 23175)", held.get(0).process());
        assertEquals("CLOSE-WAIT", held.get(0).state());
        assertEquals("47001", held.get(0).ports());
        assertEquals(25, held.stream().filter(h -> h.state().equals("CLOSE-WAIT")).mapToLong(SocketGroups.Held::count).sum());
    }

    @Test
    void connectionsGroupByServicePortAndPeer() {
        List<SocketGroups.Group> ports = SocketGroups.byLocalPort(ss);
        SocketGroups.Group service = ports.stream().filter(g -> g.key().equals("47001")).findFirst().orElseThrow();
        assertTrue(service.states().contains("CLOSE-WAIT 25"), service.states());
        assertTrue(ports.stream().anyMatch(g -> g.key().equals(SocketGroups.OUTGOING)), "client sides are one group, not one row per ephemeral port");
        long connections = ss.sockets().size() - ss.listeners().size();
        assertEquals(connections, ports.stream().mapToLong(SocketGroups.Group::count).sum());
        List<SocketGroups.Group> peers = SocketGroups.byPeer(ss);
        assertEquals("127.0.0.1", peers.get(0).key());
        assertEquals(connections, peers.stream().mapToLong(SocketGroups.Group::count).sum());
    }

    @Test
    void listenBacklogsReadRecvQAgainstSendQ() {
        List<SocketGroups.Listener> l = SocketGroups.listeners(ss);
        assertEquals(3, l.size());
        SocketGroups.Listener ssh = l.stream().filter(x -> x.local().equals("0.0.0.0:2024")).findFirst().orElseThrow();
        assertEquals(0, ssh.queued());
        assertEquals(128, ssh.backlog());
        assertEquals("", ssh.process(), "ss names no process it could not see");
        assertEquals(50.0, new SocketGroups.Listener("x", "", 64, 128).fillPercent(), 1e-9);
    }

    @Test
    void ipv4MappedPeersReadAsIpv4() {
        assertEquals("127.0.0.1", SocketGroups.address("[::ffff:127.0.0.1]"));
        assertEquals("[::1]", SocketGroups.address("[::1]"));
    }
}
