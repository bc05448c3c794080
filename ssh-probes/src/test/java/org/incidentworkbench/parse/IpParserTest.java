package org.incidentworkbench.parse;

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

class IpParserTest {

    private final IpParser parser = new IpParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("ip");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<IpReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        IpReport r = report.get();
        assertTrue(!r.interfaces().isEmpty() || !r.routes().isEmpty(), f + " is not empty");
        // the BusyBox variant's /proc/net/dev only adds counters to ip addr's interfaces
        boolean merged = Sections.split(f.text()).containsKey("busybox ip addr");
        long ifaceLines = f.name().startsWith("ip-br") ? f.text().lines().filter(l -> !l.isBlank()).count()
                : f.text().lines().filter(l -> l.matches("^\\d+: .*") || !merged && l.matches("^\\s*\\w+:\\s+\\d+.*")).count();
        assertEquals(ifaceLines, r.interfaces().size(), "one interface per header line");
        boolean stats = f.name().contains("-s-") || f.name().startsWith("proc");
        for (IpReport.Interface i : r.interfaces()) {
            if (stats) {
                assertTrue(i.rx().orElseThrow().errors().isPresent() && i.tx().orElseThrow().dropped().isPresent(), i.name());
            }
            if (r.source().equals("ip") && !f.name().startsWith("ip-br") && !f.os().startsWith("busybox")) {
                // BusyBox ip prints no "state": the probe reads it from /sys/class/net (IpParserTest covers that)
                assertTrue(i.mtu().isPresent() && i.state().isPresent() && !i.flags().isEmpty(), i.name());
            }
        }
        r.routes().forEach(route -> assertTrue(route.dev().isPresent() || !route.type().equals("unicast"), "dev of " + route));
        if (f.json().isPresent()) {
            JsonNode expected = f.expected();
            assertEquals(expected.size(), r.routes().size());
            for (int k = 0; k < expected.size(); k++) {
                JsonNode e = expected.get(k);
                IpReport.Route a = r.routes().get(k);
                assertEquals(e.get("ip").asText(), a.destination());
                assertEquals(text(e, "via"), a.via());
                assertEquals(text(e, "dev"), a.dev());
                assertEquals(text(e, "proto"), a.proto());
                assertEquals(text(e, "scope"), a.scope());
                assertEquals(text(e, "src"), a.src());
                assertEquals(e.has("metric") ? Optional.of(e.get("metric").asLong()) : Optional.empty(), a.metric());
                assertEquals(e.has("status") ? List.of(e.get("status").asText()) : List.of(), a.flags());
            }
        }
    }

    private static Optional<String> text(JsonNode e, String field) {
        return e.has(field) ? Optional.of(e.get(field).asText()) : Optional.empty();
    }

    @Test
    void addressesCountersAndRoutesOfTheDebianSample() throws Exception {
        String text = DfParserTest.read("debian-12/ip-s-addr.out") + Sections.marker("ip route") + "\n"
                + DfParserTest.read("debian-12/ip-route.out");
        IpReport r = Fixtures.parsed(parser, text);
        IpReport.Interface eth0 = r.interfaces().get(2);
        assertEquals("eth0", eth0.name());
        assertEquals("eth1", eth0.link().orElseThrow());
        assertEquals("ae:ed:00:7a:91:9e", eth0.macAddress().orElseThrow());
        assertEquals(3, eth0.addresses().size());
        IpReport.Address v4 = eth0.addresses().get(0);
        assertEquals("198.51.100.23", v4.address());
        assertEquals(24, v4.prefixLength().orElseThrow());
        assertEquals(List.of(), v4.flags());
        assertEquals(List.of("tentative"), eth0.addresses().get(1).flags());
        assertEquals(266L, eth0.rx().orElseThrow().bytes().orElseThrow());
        assertEquals(0L, eth0.tx().orElseThrow().other().get("carrier"));
        assertEquals("198.51.100.1", r.defaultRoute().orElseThrow().via().orElseThrow());
        assertEquals(100L, r.routes().get(1).metric().orElseThrow());
    }

    @Test
    void doubleStatsGoToTheErrorBreakdown() throws Exception {
        IpReport r = Fixtures.parsed(parser, DfParserTest.read("debian-12/ip-s-s-link.out"));
        assertTrue(r.interfaces().get(0).rx().orElseThrow().other().containsKey("errors.crc"));
        assertTrue(r.interfaces().get(0).tx().orElseThrow().other().containsKey("errors.heartbt"));
    }

    @Test
    void errorsAndDropsAreRead() {
        IpReport r = Fixtures.parsed(parser, """
                2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
                    link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
                    RX: bytes  packets  errors  dropped overrun mcast
                    987654321  1000000  12      34000   0       0
                    TX: bytes  packets  errors  dropped carrier collsns
                    123456789  900000   0       0       3       0
                """);
        IpReport.Counters rx = r.interfaces().get(0).rx().orElseThrow();
        assertEquals(12L, rx.errors().orElseThrow());
        assertEquals(34000L, rx.dropped().orElseThrow());
        assertEquals(0L, rx.other().get("overrun"));
        assertEquals(3L, r.interfaces().get(0).tx().orElseThrow().other().get("carrier"));
    }

    @Test
    void multipathRoutesKeepTheirNexthops() {
        IpReport r = Fixtures.parsed(parser, """
                default proto static metric 20
                \tnexthop via 10.0.0.1 dev eth0 weight 1
                \tnexthop via 10.0.1.1 dev eth1 weight 1
                unreachable 192.0.2.0/24 metric 5
                """);
        assertEquals(2, r.routes().size());
        assertTrue(r.routes().get(0).other().get("nexthop").contains("10.0.1.1"));
        assertEquals("unreachable", r.routes().get(1).type());
    }

    @Test
    void briefOutput() throws Exception {
        IpReport addr = Fixtures.parsed(parser, DfParserTest.read("debian-12/ip-br-addr.out"));
        IpReport.Interface lo = addr.interfaces().get(0);
        assertEquals("lo", lo.name());
        assertEquals("UNKNOWN", lo.state().orElseThrow());
        assertEquals(List.of("127.0.0.1", "::1"), lo.addresses().stream().map(IpReport.Address::address).toList());
        assertEquals(8, lo.addresses().get(0).prefixLength().orElseThrow());
        IpReport link = Fixtures.parsed(parser, DfParserTest.read("debian-12/ip-br-link.out"));
        assertTrue(link.interfaces().get(0).flags().contains("LOOPBACK"));
        assertEquals("00:00:00:00:00:00", link.interfaces().get(0).macAddress().orElseThrow());
    }

    @Test
    void otherTextIsUnrecognised() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse(
                "en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n\tether 8c:85:90:00:00:00\n"));
    }
}
