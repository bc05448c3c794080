package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code netstat -tan} (BusyBox, net-tools) as {@link SsReport} sockets with ss's state names, source
 * {@code netstat}: pasted from hosts without ss. Stateless.
 *
 * <pre>
 * Active Internet connections (servers and established)
 * Proto Recv-Q Send-Q Local Address           Foreign Address         State
 * tcp        1      0 127.0.0.1:47011         127.0.0.1:43382         CLOSE_WAIT
 * </pre>
 */
final class Netstat {

    /** netstat's state names to ss's. */
    private static final Map<String, String> STATES = Map.ofEntries(Map.entry("ESTABLISHED", "ESTAB"),
            Map.entry("SYN_SENT", "SYN-SENT"), Map.entry("SYN_RECV", "SYN-RECV"), Map.entry("FIN_WAIT1", "FIN-WAIT-1"),
            Map.entry("FIN_WAIT2", "FIN-WAIT-2"), Map.entry("TIME_WAIT", "TIME-WAIT"), Map.entry("CLOSE", "UNCONN"),
            Map.entry("CLOSE_WAIT", "CLOSE-WAIT"), Map.entry("LAST_ACK", "LAST-ACK"), Map.entry("LISTEN", "LISTEN"),
            Map.entry("CLOSING", "CLOSING"));

    private Netstat() {
    }

    /** netstat's header line: {@code Proto Recv-Q Send-Q Local Address Foreign Address State}. */
    static boolean isHeader(String line) {
        return line.startsWith("Proto") && line.contains("Recv-Q") && line.contains("Foreign Address");
    }

    static boolean recognises(List<String> lines) {
        return lines.stream().limit(3).anyMatch(Netstat::isHeader);
    }

    static ParseOutcome<SsReport> parse(List<String> lines, List<String> warnings) {
        List<SsReport.Socket> sockets = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines) {
            if (isHeader(line)) {
                inTable = true;
                continue;
            }
            List<String> w = TextTable.words(line);
            if (!inTable || w.size() < 5 || !w.get(0).startsWith("tcp")) {
                continue; // UDP and unix rows, or the "Active ..." title
            }
            String state = w.size() > 5 ? STATES.getOrDefault(w.get(5), w.get(5)) : "UNKNOWN";
            String[] local = hostPort(w.get(3));
            String[] peer = hostPort(w.get(4));
            sockets.add(new SsReport.Socket(Optional.of("tcp"), Optional.of(state),
                    Units.longValue(w.get(1), "netstat Recv-Q", warnings), Units.longValue(w.get(2), "netstat Send-Q", warnings),
                    local[0], Optional.of(local[1]), Optional.empty(), peer[0], Optional.of(peer[1]), List.of(), Optional.empty()));
        }
        if (!inTable) {
            return ParseOutcome.unrecognised("no netstat header (\"Proto Recv-Q Send-Q Local Address Foreign Address State\") found");
        }
        return ParseOutcome.parsed(new SsReport(Optional.empty(), sockets, "netstat"), warnings);
    }

    /** {@code 127.0.0.1:80}, {@code :::22}, {@code 0.0.0.0:*}: the port follows the last colon. */
    private static String[] hostPort(String s) {
        int colon = s.lastIndexOf(':');
        return colon < 0 ? new String[] {s, ""} : new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }
}
