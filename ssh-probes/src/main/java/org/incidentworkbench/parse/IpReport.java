package org.incidentworkbench.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network interfaces (addresses, state, counters) and routes from {@code ip}, or interface counters
 * from {@code /proc/net/dev} where iproute2 is missing.
 *
 * @param interfaces one per interface, in index order as printed
 * @param routes     the main routing table as {@code ip route} prints it
 * @param source     {@code ip} or {@code /proc/net/dev}
 */
public record IpReport(List<Interface> interfaces, List<Route> routes, String source) {

    public IpReport {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
    }

    /**
     * One interface.
     *
     * @param index      the kernel's interface index
     * @param name       {@code eth0}
     * @param link       the peer or parent after {@code @} ({@code eth1@eth0}, {@code veth0@if5})
     * @param flags      {@code BROADCAST}, {@code UP}, {@code LOWER_UP}... ({@code UP} without {@code LOWER_UP}: no carrier)
     * @param mtu        bytes
     * @param state      operational state: UP, DOWN, UNKNOWN (loopback and tunnels), LOWERLAYERDOWN...
     * @param macAddress {@code link/ether} address
     * @param addresses  IPv4 and IPv6 addresses ({@code ip addr} only)
     * @param rx         receive counters ({@code -s} or /proc/net/dev)
     * @param tx         transmit counters
     */
    public record Interface(Optional<Integer> index, String name, Optional<String> link, List<String> flags,
                            Optional<Integer> mtu, Optional<String> state, Optional<String> macAddress,
                            List<Address> addresses, Optional<Counters> rx, Optional<Counters> tx) {
        public Interface {
            flags = List.copyOf(flags);
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * One address.
     *
     * @param family       {@code inet} or {@code inet6}
     * @param address      without the prefix length
     * @param prefixLength the {@code /24}
     * @param scope        {@code global}, {@code link}, {@code host}
     * @param broadcast    IPv4 broadcast address
     * @param flags        {@code dynamic}, {@code tentative}, {@code deprecated}, {@code dadfailed}...
     */
    public record Address(String family, String address, Optional<Integer> prefixLength, Optional<String> scope,
                          Optional<String> broadcast, List<String> flags) {
        public Address {
            flags = List.copyOf(flags);
        }
    }

    /**
     * Counters since the interface came up (iproute2's {@code RX:}/{@code TX:} blocks, /proc/net/dev's columns).
     *
     * @param bytes   bytes
     * @param packets packets
     * @param errors  packets with errors (CRC, frame, length; aborted or carrier for TX)
     * @param dropped packets dropped (no buffer, unknown protocol, full backlog)
     * @param other   the rest by iproute2's name: missed, mcast, carrier, collsns, overrun, and the
     *                {@code -s -s} error breakdown
     */
    public record Counters(Optional<Long> bytes, Optional<Long> packets, Optional<Long> errors, Optional<Long> dropped,
                           Map<String, Long> other) {
        public Counters {
            other = Map.copyOf(other);
        }
    }

    /**
     * One route.
     *
     * @param type        {@code unicast} unless printed ({@code local}, {@code broadcast}, {@code unreachable}...)
     * @param destination {@code default} or a prefix ({@code 10.0.2.0/24})
     * @param via         gateway
     * @param dev         output interface
     * @param proto       who installed it: {@code kernel}, {@code dhcp}, {@code static}, {@code boot}...
     * @param scope       {@code link}, {@code host}, {@code global}
     * @param src         preferred source address
     * @param metric      route metric
     * @param flags       {@code linkdown}, {@code onlink}, {@code dead}...
     * @param other       further key/value attributes ({@code table}, {@code mtu}, {@code pref}, {@code nexthop})
     */
    public record Route(String type, String destination, Optional<String> via, Optional<String> dev,
                        Optional<String> proto, Optional<String> scope, Optional<String> src, Optional<Long> metric,
                        List<String> flags, Map<String, String> other) {
        public Route {
            flags = List.copyOf(flags);
            other = Map.copyOf(other);
        }
    }

    /** The default IPv4 (or first) default route. */
    public Optional<Route> defaultRoute() {
        return routes.stream().filter(r -> r.destination().equals("default")).findFirst();
    }
}
