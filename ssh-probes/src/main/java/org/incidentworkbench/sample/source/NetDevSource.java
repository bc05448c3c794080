package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.labelled;

import java.util.ArrayList;
import java.util.List;

/** {@code /proc/net/dev}: every interface, loopback included; rates per second, label {@code iface}. */
public final class NetDevSource implements ProcSource<List<NetDevSource.NetCounters>> {

    public static final String NET_RX_BYTES = "net.rx_bytes";
    public static final String NET_TX_BYTES = "net.tx_bytes";
    public static final String NET_RX_PACKETS = "net.rx_packets";
    public static final String NET_TX_PACKETS = "net.tx_packets";
    public static final String NET_RX_ERRORS = "net.rx_errors";
    public static final String NET_TX_ERRORS = "net.tx_errors";
    public static final String NET_RX_DROPS = "net.rx_drops";
    public static final String NET_TX_DROPS = "net.tx_drops";
    public static final String IFACE = "iface";

    static final String FILE = "/proc/net/dev";
    private static final String[] NAMES = {NET_RX_BYTES, NET_TX_BYTES, NET_RX_PACKETS, NET_TX_PACKETS, NET_RX_ERRORS,
        NET_TX_ERRORS, NET_RX_DROPS, NET_TX_DROPS};

    /** Counters of one network interface since it came up (a driver reset zeroes them). */
    public record NetCounters(String iface, long rxBytes, long rxPackets, long rxErrors, long rxDrops, long txBytes,
                              long txPackets, long txErrors, long txDrops) {

        /** In the order of {@code NAMES}. */
        long[] counters() {
            return new long[] {rxBytes, txBytes, rxPackets, txPackets, rxErrors, txErrors, rxDrops, txDrops};
        }
    }

    @Override
    public ShellPart shell() {
        return ShellPart.files(FILE);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                labelled(NET_RX_BYTES, IFACE, "bytes/s", 0, "bytes received per second (/proc/net/dev)"),
                labelled(NET_TX_BYTES, IFACE, "bytes/s", 0, "bytes sent per second (/proc/net/dev)"),
                labelled(NET_RX_PACKETS, IFACE, "/s", 1, "packets received per second"),
                labelled(NET_TX_PACKETS, IFACE, "/s", 1, "packets sent per second"),
                labelled(NET_RX_ERRORS, IFACE, "/s", 1, "receive errors per second"),
                labelled(NET_TX_ERRORS, IFACE, "/s", 1, "transmit errors per second"),
                labelled(NET_RX_DROPS, IFACE, "/s", 1, "received packets dropped per second"),
                labelled(NET_TX_DROPS, IFACE, "/s", 1, "sent packets dropped per second"));
    }

    @Override
    public List<NetCounters> read(Sections frame) {
        List<NetCounters> nets = new ArrayList<>();
        boolean present = frame.forEachLine(FILE, (from, to) -> {
            int colon = frame.indexOf(':', from, to);
            if (colon < 0 || frame.indexOf('|', from, to) >= 0) {
                return; // the two header lines
            }
            String iface = frame.text().substring(from, colon).trim();
            int count = frame.longs(colon + 1, to);
            if (iface.isEmpty() || count < 16) {
                frame.warn(FILE, from, to);
                return;
            }
            nets.add(new NetCounters(iface, frame.number(0), frame.number(1), frame.number(2), frame.number(3),
                    frame.number(8), frame.number(9), frame.number(10), frame.number(11)));
        });
        return present ? List.copyOf(nets) : null;
    }

    @Override
    public void rates(List<NetCounters> before, List<NetCounters> now, double seconds, MetricOut out) {
        DeviceDeltas.forEach(before, now, NetCounters::iface, NetCounters::counters, (iface, delta) -> {
            for (int i = 0; i < NAMES.length; i++) {
                out.add(NAMES[i], IFACE, iface, delta[i] / seconds);
            }
        });
    }
}
