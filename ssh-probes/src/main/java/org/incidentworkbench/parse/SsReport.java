package org.incidentworkbench.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sockets from {@code ss}: the {@code ss -s} summary and the socket list, or the TCP sockets of
 * {@code /proc/net/tcp} and {@code tcp6} where iproute2 is missing.
 *
 * @param summary the {@code ss -s} summary, when given
 * @param sockets one per row, in the order printed
 * @param source  {@code ss}, {@code /proc/net/tcp} or {@code netstat} (a pasted {@code netstat -tan})
 */
public record SsReport(Optional<Summary> summary, List<Socket> sockets, String source) {

    public SsReport {
        sockets = List.copyOf(sockets);
    }

    /**
     * {@code ss -s}.
     *
     * @param totalSockets  {@code Total:}
     * @param tcpTotal      {@code TCP:} (all TCP sockets the kernel knows, including closed and time-wait)
     * @param tcpEstablished {@code estab}
     * @param tcpClosed     {@code closed}
     * @param tcpOrphaned   {@code orphaned}: sockets no process holds any more
     * @param tcpTimeWait   {@code timewait}
     * @param transports    the {@code Transport Total IP IPv6} table
     */
    public record Summary(Optional<Integer> totalSockets, Optional<Integer> tcpTotal, Optional<Integer> tcpEstablished,
                          Optional<Integer> tcpClosed, Optional<Integer> tcpOrphaned, Optional<Integer> tcpTimeWait,
                          List<TransportCount> transports) {
        public Summary {
            transports = List.copyOf(transports);
        }
    }

    /** One row of {@code ss -s}'s transport table (RAW, UDP, TCP, INET, FRAG). */
    public record TransportCount(String transport, Optional<Integer> total, Optional<Integer> ipv4, Optional<Integer> ipv6) {
    }

    /**
     * One socket.
     *
     * @param netid        {@code tcp}, {@code udp}, {@code u_str}, {@code nl}... (empty when ss was asked for one kind)
     * @param state        ss's state name: ESTAB, LISTEN, TIME-WAIT, CLOSE-WAIT, UNCONN...
     * @param recvQueue    Recv-Q: bytes not yet read by the application (for LISTEN: connections awaiting accept)
     * @param sendQueue    Send-Q: bytes not yet acknowledged by the peer (for LISTEN: the backlog limit)
     * @param localAddress local address without the port ({@code 127.0.0.1}, {@code [::]}, {@code *}, a unix path)
     * @param localPort    local port or service name ({@code 8080}, {@code ssh}, {@code *}), unix inode
     * @param localInterface the interface a socket is bound to ({@code %lo} in {@code 127.0.0.53%lo:53})
     * @param peerAddress  peer address
     * @param peerPort     peer port
     * @param processes    {@code users:(("nginx",pid=5,fd=6),...)} (with {@code -p} as root)
     * @param details      anything after the columns (timers, {@code ino:}, {@code cgroup:}) and the indented detail lines
     *                     of {@code ss -i}, {@code -m}, {@code -e} ({@code skmem:(...)}, {@code rtt:...}), as printed, space-separated
     */
    public record Socket(Optional<String> netid, Optional<String> state, Optional<Long> recvQueue,
                         Optional<Long> sendQueue, String localAddress, Optional<String> localPort,
                         Optional<String> localInterface, String peerAddress,
                         Optional<String> peerPort, List<SocketProcess> processes, Optional<String> details) {
        public Socket {
            processes = List.copyOf(processes);
        }
    }

    /** One process holding a socket: its command name, pid and file descriptor. */
    public record SocketProcess(String name, Optional<Long> pid, Optional<Integer> fd) {
    }

    /** Sockets per state, in first-seen order ({@code ESTAB=12, TIME-WAIT=3...}); TCP and unknown netids only. */
    public Map<String, Long> tcpStateCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Socket s : sockets) {
            if (s.netid().map(n -> n.equals("tcp")).orElse(true) && s.state().isPresent()) {
                out.merge(s.state().get(), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Listening TCP sockets. */
    public List<Socket> listeners() {
        return sockets.stream().filter(s -> s.state().map("LISTEN"::equals).orElse(false)).toList();
    }
}
