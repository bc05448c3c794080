package org.incidentworkbench.app.model.probes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.incidentworkbench.parse.SsReport;

/**
 * The ss view's answers, from the socket list: how many TCP sockets in each state, which local service
 * ports and which peers hold them, which processes hold CLOSE-WAIT and SYN-RECV sockets (an application
 * not closing, a backlog not accepted), and how full each listen backlog is. Pure.
 */
public final class SocketGroups {

    /** TCP states in the order of a connection's life, so the histogram reads as the state diagram. */
    public static final List<String> STATE_ORDER = List.of("LISTEN", "SYN-SENT", "SYN-RECV", "ESTAB", "FIN-WAIT-1",
            "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT", "CLOSED", "UNCONN");

    /** What ss calls the sockets whose local port no listener owns: the client side of outgoing connections. */
    public static final String OUTGOING = "outgoing";

    private SocketGroups() {
    }

    /** One bar of the state histogram. */
    public record StateCount(String state, long count) {
    }

    /**
     * Sockets sharing a local port or a peer.
     *
     * @param key       the port ({@code 8080}) or peer address, or {@link #OUTGOING}
     * @param count     sockets
     * @param states    the states with counts, most first ({@code ESTAB 12, TIME-WAIT 3})
     * @param detail    for a port the processes holding it, for a peer the ports it talks to
     */
    public record Group(String key, long count, String states, String detail) {
    }

    /**
     * Sockets one process holds in a state that points at it.
     *
     * @param process  {@code nginx (pid 5)}, or "(no process named)" when ss could not see it (not root)
     * @param state    CLOSE-WAIT or SYN-RECV
     * @param count    sockets
     * @param ports    the local ports, most first
     */
    public record Held(String process, String state, long count, String ports) {
    }

    /**
     * A listening socket's accept queue.
     *
     * @param local    {@code 0.0.0.0:80}
     * @param process  who listens, when ss named it
     * @param queued   Recv-Q on LISTEN: connections completed and not yet accepted
     * @param backlog  Send-Q on LISTEN: the backlog limit
     */
    public record Listener(String local, String process, long queued, long backlog) {

        /** How full the accept queue is, in percent of the backlog. */
        public double fillPercent() {
            return backlog <= 0 ? 0 : 100.0 * queued / backlog;
        }
    }

    private static boolean tcp(SsReport.Socket s) {
        return s.netid().map(n -> n.equals("tcp")).orElse(true) && s.state().isPresent();
    }

    public static List<StateCount> histogram(SsReport ss) {
        Map<String, Long> counts = ss.tcpStateCounts();
        List<StateCount> out = new ArrayList<>();
        for (String st : STATE_ORDER) {
            if (counts.containsKey(st)) {
                out.add(new StateCount(st, counts.get(st)));
            }
        }
        counts.forEach((st, n) -> {
            if (!STATE_ORDER.contains(st)) {
                out.add(new StateCount(st, n));
            }
        });
        return out;
    }

    /** Connections (not listeners) by the local port, when something listens on it, else as {@link #OUTGOING}. */
    public static List<Group> byLocalPort(SsReport ss) {
        Set<String> listening = new LinkedHashSet<>();
        ss.listeners().forEach(l -> l.localPort().ifPresent(listening::add));
        Map<String, List<SsReport.Socket>> groups = new LinkedHashMap<>();
        for (SsReport.Socket s : connections(ss)) {
            String port = s.localPort().orElse("?");
            groups.computeIfAbsent(listening.contains(port) ? port : OUTGOING, k -> new ArrayList<>()).add(s);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((port, sockets) -> out.add(new Group(port, sockets.size(), states(sockets), processes(sockets))));
        out.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::key));
        return out;
    }

    /** Connections by the peer's address, with the peer ports they reach. */
    public static List<Group> byPeer(SsReport ss) {
        Map<String, List<SsReport.Socket>> groups = new LinkedHashMap<>();
        for (SsReport.Socket s : connections(ss)) {
            groups.computeIfAbsent(address(s.peerAddress()), k -> new ArrayList<>()).add(s);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((peer, sockets) -> {
            Map<String, Long> ports = counted(sockets.stream().map(s -> s.peerPort().orElse("?")).toList());
            String detail = ports.size() <= 3 ? "to port " + String.join(", ", ports.keySet()) : ports.size() + " peer ports (clients)";
            out.add(new Group(peer, sockets.size(), states(sockets), detail));
        });
        out.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::key));
        return out;
    }

    /** CLOSE-WAIT and SYN-RECV sockets per owning process, most first. */
    public static List<Held> closeWaitAndSynRecv(SsReport ss) {
        Map<String, List<SsReport.Socket>> groups = new TreeMap<>();
        for (SsReport.Socket s : ss.sockets()) {
            String st = s.state().orElse("");
            if (tcp(s) && (st.equals("CLOSE-WAIT") || st.equals("SYN-RECV"))) {
                groups.computeIfAbsent(st + "\u0000" + owner(s), k -> new ArrayList<>()).add(s);
            }
        }
        List<Held> out = new ArrayList<>();
        groups.forEach((k, sockets) -> {
            String[] parts = k.split("\u0000", 2);
            Map<String, Long> ports = counted(sockets.stream().map(s -> s.localPort().orElse("?")).toList());
            out.add(new Held(parts[1], parts[0], sockets.size(), String.join(", ", ports.keySet())));
        });
        out.sort(Comparator.comparingLong(Held::count).reversed().thenComparing(Held::process));
        return out;
    }

    /** Listening TCP sockets, fullest accept queue first. */
    public static List<Listener> listeners(SsReport ss) {
        List<Listener> out = new ArrayList<>();
        for (SsReport.Socket s : ss.listeners()) {
            if (!tcp(s)) {
                continue;
            }
            String local = s.localAddress() + s.localInterface().map(i -> "%" + i).orElse("") + ":" + s.localPort().orElse("*");
            out.add(new Listener(local, s.processes().isEmpty() ? "" : owner(s), s.recvQueue().orElse(0L), s.sendQueue().orElse(0L)));
        }
        out.sort(Comparator.comparingDouble(Listener::fillPercent).reversed().thenComparing(Listener::local));
        return out;
    }

    /** An IPv4-mapped IPv6 address ({@code [::ffff:127.0.0.1]}) as the IPv4 address it is. */
    static String address(String a) {
        String lower = a.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("[::ffff:") && lower.endsWith("]") && lower.indexOf('.') > 0) {
            return a.substring("[::ffff:".length(), a.length() - 1);
        }
        return a;
    }

    private static List<SsReport.Socket> connections(SsReport ss) {
        return ss.sockets().stream().filter(s -> tcp(s) && !s.state().get().equals("LISTEN")).toList();
    }

    private static String owner(SsReport.Socket s) {
        if (s.processes().isEmpty()) {
            return "(no process named)";
        }
        SsReport.SocketProcess p = s.processes().get(0);
        return p.name() + p.pid().map(pid -> " (pid " + pid + ")").orElse("");
    }

    private static String states(List<SsReport.Socket> sockets) {
        Map<String, Long> c = counted(sockets.stream().map(s -> s.state().orElse("?")).toList());
        List<String> parts = new ArrayList<>();
        c.forEach((st, n) -> parts.add(st + " " + n));
        return String.join(", ", parts);
    }

    private static String processes(List<SsReport.Socket> sockets) {
        Map<String, Long> c = counted(sockets.stream().filter(s -> !s.processes().isEmpty()).map(SocketGroups::owner).toList());
        return String.join(", ", c.keySet());
    }

    /** Counts, most first, ties in first-seen order. */
    private static Map<String, Long> counted(List<String> values) {
        Map<String, Long> c = new LinkedHashMap<>();
        values.forEach(v -> c.merge(v, 1L, Long::sum));
        Map<String, Long> out = new LinkedHashMap<>();
        c.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
