package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SsParserTest {

    private final SsParser parser = new SsParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("ss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<SsReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        SsReport r = report.get();
        long rows = f.text().lines().filter(l -> !l.isBlank() && !l.startsWith("\t") && !l.contains("Recv-Q") && !l.startsWith("####")
                && !l.strip().startsWith("sl ") && !l.startsWith("Active Internet connections")).count();
        if (r.summary().isEmpty()) {
            assertEquals(rows, r.sockets().size(), "one socket per row");
        }
        for (SsReport.Socket s : r.sockets()) {
            assertTrue(s.recvQueue().isPresent() && s.sendQueue().isPresent() && !s.localAddress().isEmpty(), "complete " + s);
            s.state().ifPresent(st -> assertTrue(SsParser.STATES.contains(st), "known state " + st));
        }
        if (f.json().isEmpty()) {
            return;
        }
        JsonNode expected = f.expected();
        assertEquals(expected.size(), r.sockets().size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            SsReport.Socket a = r.sockets().get(i);
            assertEquals(e.get("netid").asText(), a.netid().orElseThrow());
            assertEquals(e.get("state").asText(), a.state().orElseThrow());
            assertEquals(e.get("recv_q").asLong(), a.recvQueue().orElseThrow());
            assertEquals(e.get("send_q").asLong(), a.sendQueue().orElseThrow());
            if (e.has("local_address") && List.of("tcp", "udp").contains(a.netid().get())) {
                assertEquals(e.get("local_address").asText(), a.localAddress());
                assertEquals(e.get("local_port").asText(), a.localPort().orElseThrow());
                assertEquals(e.get("peer_address").asText(), a.peerAddress());
            }
            if (e.has("opts") && e.get("opts").has("process_id")) {
                String pid = e.get("opts").get("process_id").fieldNames().next();
                assertEquals(Long.parseLong(pid), a.processes().get(0).pid().orElseThrow());
            }
            if (e.has("path")) {
                assertEquals(e.get("path").asText(), a.localAddress());
                assertEquals(e.get("local_port").asText(), a.localPort().orElseThrow());
            }
        }
    }

    @Test
    void probeTextHasSummaryAndStates() throws Exception {
        SsReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/ss-s--with-ss-tanp-close-wait-time-wait.out"));
        SsReport.Summary s = r.summary().orElseThrow();
        assertEquals(53, s.totalSockets().orElseThrow());
        assertEquals(53, s.tcpTimeWait().orElseThrow());
        assertEquals(5, s.transports().size());
        assertEquals(25L, r.tcpStateCounts().get("CLOSE-WAIT"));
        assertTrue(r.tcpStateCounts().get("TIME-WAIT") >= 12);
        SsReport.Socket cw = r.sockets().stream().filter(x -> x.state().get().equals("CLOSE-WAIT")).findFirst().orElseThrow();
        assertEquals("127.0.0.1", cw.localAddress());
        assertEquals("47001", cw.localPort().orElseThrow());
        assertEquals("python3", cw.processes().get(0).name());
    }

    @Test
    void procNetTcpMatchesTheSameSockets() throws Exception {
        SsReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/proc-net-tcp--close-wait.out"));
        assertEquals("/proc/net/tcp", r.source());
        assertEquals(25L, r.tcpStateCounts().get("CLOSE-WAIT"));
        assertTrue(r.sockets().stream().anyMatch(s -> s.localAddress().equals("127.0.0.1") && s.localPort().get().equals("47001")
                && s.state().get().equals("LISTEN")));
        assertTrue(r.sockets().stream().anyMatch(s -> s.localAddress().equals("[::1]") && s.localPort().get().equals("47002")),
                "IPv6 loopback listener decoded");
    }

    @Test
    void decodesKernelHex() {
        assertArrayEquals(new String[] {"127.0.0.1", "8080"}, ProcNetTcp.decode("0100007F:1F90"));
        assertArrayEquals(new String[] {"0.0.0.0", "*"}, ProcNetTcp.decode("00000000:0000"));
        assertArrayEquals(new String[] {"[::1]", "22"}, ProcNetTcp.decode("00000000000000000000000001000000:0016"));
        assertArrayEquals(new String[] {"[::ffff:127.0.0.1]", "80"}, ProcNetTcp.decode("0000000000000000FFFF00000100007F:0050"));
        assertEquals("2001:db8::23", ProcNetTcp.compress("2001:db8:0:0:0:0:0:23"));
        assertEquals("::", ProcNetTcp.compress("0:0:0:0:0:0:0:0"));
    }

    @Test
    void processListWithSeveralHolders() {
        SsReport r = Fixtures.parsed(parser, """
                State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process
                LISTEN 0      511          0.0.0.0:80        0.0.0.0:*    users:(("nginx",pid=12,fd=6),("nginx",pid=11,fd=6))
                LISTEN 0      128             [::]:22           [::]:*    users:(("sshd",pid=700,fd=4))
                ESTAB  0      0    [2001:db8::1234:5678:9abc]:22 [2001:db8::ffff:1:2:3]:54321users:(("sshd",pid=9,fd=4))
                """);
        assertEquals("54321", r.sockets().get(2).peerPort().orElseThrow());
        assertEquals(9L, r.sockets().get(2).processes().get(0).pid().orElseThrow());
        assertEquals(2, r.sockets().get(0).processes().size());
        assertEquals(11L, r.sockets().get(0).processes().get(1).pid().orElseThrow());
        assertEquals("[::]", r.sockets().get(1).localAddress());
        assertEquals(2, r.listeners().size());
    }

    @Test
    void oldSummaryFormat() {
        SsReport r = Fixtures.parsed(parser, """
                Total: 178 (kernel 0)
                TCP:   9 (estab 1, closed 0, orphaned 2, synrecv 0, timewait 4/0), ports 0

                Transport Total     IP        IPv6
                *         0         -         -
                RAW       0         0         0
                TCP       9         7         2
                """);
        SsReport.Summary s = r.summary().orElseThrow();
        assertEquals(178, s.totalSockets().orElseThrow());
        assertEquals(4, s.tcpTimeWait().orElseThrow());
        assertEquals(2, s.tcpOrphaned().orElseThrow());
        assertEquals(3, s.transports().size());
        assertTrue(s.transports().get(0).ipv4().isEmpty(), "'-' is empty");
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse(
                "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"));
    }

    @Test
    void netstatWithoutConnectionsIsAnEmptyNetstatReport() {
        SsReport r = assertInstanceOf(ParseOutcome.Parsed.class, parser.parse(
                "Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address Foreign Address State\n"))
                .value() instanceof SsReport s ? s : null;
        assertEquals("netstat", r.source());
        assertEquals(List.of(), r.sockets());
    }
}
