package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ss} (iproute2): the probe's {@code ss -s} with a {@code ss -tanp} section, and pasted
 * {@code ss -a}, {@code ss -tanp}, {@code ss -lntp}, {@code ss -tuna}, {@code ss -s}, wide output with
 * {@code ino:}/{@code cgroup:} details, {@code ss -i}/{@code -m}/{@code -e} with their indented detail lines
 * (added to the socket above them); or, where iproute2 is missing, {@code /proc/net/tcp} and {@code tcp6}.
 *
 * <p>Invocation (probe {@code ss}, under {@code LC_ALL=C}): {@code ss -s}, then section {@code ss -tanp};
 * fallback sections {@code /proc/net/tcp} and {@code /proc/net/tcp6} (part {@code ""} empty). Sample
 * (iproute2 6.1, Debian 12):
 * <pre>
 * Total: 20
 * TCP:   31 (estab 17, closed 12, orphaned 0, timewait 11)
 * #### iw-section: ss -tanp
 * State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process
 * LISTEN     0      5          127.0.0.1:8080       0.0.0.0:*     users:(("python3",pid=4,fd=3))
 * CLOSE-WAIT 1      0          127.0.0.1:6379     127.0.0.1:46174 users:(("python3",pid=5,fd=17))
 * </pre>
 *
 * <p>Record: {@link SsReport}. Rows are read by word ({@code Netid} and {@code State} columns only when
 * the header has them); address and port split at the last colon ({@code [::1]:631}); unix sockets take
 * two words per side (path and inode); the process column becomes name/pid/fd triples. {@code /proc/net/tcp}
 * addresses are decoded from the kernel's little-endian hex and its state codes mapped to ss's names.
 *
 * <p>Checked against iproute2 6.1 (Debian 12) and 4.11 (CentOS 7). {@code netstat} output and BSD
 * {@code sockstat} are unrecognised.
 */
public final class SsParser implements OutputParser<SsReport> {

    private static final ParserInfo INFO = new ParserInfo("ss",
            List.of("ss -s", "ss -tanp", "ss -a", "ss -lntp", "cat /proc/net/tcp /proc/net/tcp6"),
            List.of("linux"), "socket summary, TCP states (ESTAB, TIME-WAIT, CLOSE-WAIT), listeners with process");

    static final Set<String> STATES = Set.of("ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT",
            "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING", "CLOSED", "NEW-SYN-RECV", "BOUND", "UNKNOWN");
    private static final Pattern SUMMARY_PART = Pattern.compile("(estab|closed|orphaned|timewait|synrecv)\\s+(\\d{1,9})");
    private static final Pattern PROCESS = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\"((?:,[a-z_]+=[^,)]*)*)\\)");

    @Override
    public boolean hasData(SsReport value) {
        return value.summary().isPresent() || !value.sockets().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        Map<String, String> parts = Sections.split(text);
        if (parts.containsKey("/proc/net/tcp") || parts.containsKey("ss -tanp")) {
            return true;
        }
        if (Netstat.recognises(TextTable.nonBlankLines(TextTable.stripPrompt(text)))) {
            return true;
        }
        for (String line : TextTable.nonBlankLines(text)) {
            if (line.contains("Recv-Q") && line.contains("Local Address") && !line.startsWith("Proto")) {
                return true;
            }
            if (line.startsWith("TCP:") && line.contains("estab")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ParseOutcome<SsReport> parse(String text) {
        Map<String, String> parts = Sections.split(TextTable.stripPrompt(text));
        List<String> warnings = new ArrayList<>();
        boolean mainEmpty = parts.getOrDefault("", "").isBlank();
        if (mainEmpty && (parts.containsKey("/proc/net/tcp") || parts.containsKey("/proc/net/tcp6"))) {
            return ProcNetTcp.parse(parts, warnings);
        }
        List<String> all = TextTable.nonBlankLines(Sections.main(parts));
        if (Netstat.recognises(all)) {
            return Netstat.parse(all, warnings);
        }
        Optional<SsReport.Summary> summary = Optional.empty();
        List<SsReport.Socket> sockets = new ArrayList<>();
        boolean recognised = false;
        boolean anyText = false;
        for (String part : parts.values()) {
            List<String> lines = TextTable.nonBlankLines(part);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                anyText = true;
                if (line.startsWith("Total:") || line.startsWith("TCP:") && line.contains("estab")) {
                    int end = i + 1;
                    while (end < lines.size() && !lines.get(end).contains("Recv-Q")) {
                        end++;
                    }
                    summary = Optional.of(summary(lines.subList(i, end), warnings));
                    recognised = true;
                    i = end - 1;
                } else if (line.contains("Recv-Q") && line.contains("Send-Q") && !line.startsWith("Proto")) {
                    recognised = true;
                    List<String> header = TextTable.words(line);
                    boolean hasNetid = header.get(0).equals("Netid");
                    boolean hasState = header.contains("State");
                    int first = sockets.size();
                    for (i = i + 1; i < lines.size() && !lines.get(i).contains("Recv-Q"); i++) {
                        String row = lines.get(i);
                        if (Character.isWhitespace(row.charAt(0)) && sockets.size() > first) {
                            // ss -i, -m, -e print a socket's details on indented lines under it
                            int last = sockets.size() - 1;
                            sockets.set(last, withDetails(sockets.get(last), row.strip()));
                        } else {
                            socket(row, hasNetid, hasState, warnings).ifPresent(sockets::add);
                        }
                    }
                    i--;
                }
            }
        }
        if (!recognised && anyText) {
            return ParseOutcome.unrecognised("no ss header (\"State Recv-Q Send-Q Local Address:Port ...\") and no ss -s summary found");
        }
        return ParseOutcome.parsed(new SsReport(summary, sockets, "ss"), warnings);
    }

    private static SsReport.Summary summary(List<String> lines, List<String> warnings) {
        Optional<Integer> total = Optional.empty();
        Optional<Integer> tcp = Optional.empty();
        java.util.Map<String, Integer> tcpParts = new java.util.HashMap<>();
        List<SsReport.TransportCount> transports = new ArrayList<>();
        boolean table = false;
        for (String line : lines) {
            List<String> w = TextTable.words(line);
            if (line.startsWith("Total:") && w.size() > 1) {
                total = Units.intValue(w.get(1), "ss -s Total", warnings);
            } else if (line.startsWith("TCP:") && w.size() > 1) {
                tcp = Units.intValue(w.get(1), "ss -s TCP", warnings);
                Matcher m = SUMMARY_PART.matcher(line);
                while (m.find()) {
                    tcpParts.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            } else if (line.startsWith("Transport")) {
                table = true;
            } else if (table && w.size() >= 2) {
                String at = "ss -s " + w.get(0);
                transports.add(new SsReport.TransportCount(w.get(0), Units.intValue(w.get(1), at + " Total", warnings),
                        w.size() > 2 ? Units.intValue(w.get(2), at + " IP", warnings) : Optional.empty(),
                        w.size() > 3 ? Units.intValue(w.get(3), at + " IPv6", warnings) : Optional.empty()));
            }
        }
        return new SsReport.Summary(total, tcp, Optional.ofNullable(tcpParts.get("estab")),
                Optional.ofNullable(tcpParts.get("closed")), Optional.ofNullable(tcpParts.get("orphaned")),
                Optional.ofNullable(tcpParts.get("timewait")), transports);
    }

    private static Optional<SsReport.Socket> socket(String line, boolean hasNetid, boolean hasState, List<String> warnings) {
        // a peer address that fills its column runs into the process column: "0.0.0.0:*users:((...))"
        List<String> w = TextTable.words(line.replaceFirst("(\\S)(users:\\(\\()", "$1 $2"));
        int i = 0;
        Optional<String> netid = Optional.empty();
        if (hasNetid && i < w.size()) {
            netid = Optional.of(w.get(i++));
        }
        Optional<String> state = Optional.empty();
        if (hasState && i < w.size()) {
            state = Optional.of(w.get(i++));
        }
        int sides = netid.map(n -> n.startsWith("u_")).orElse(false) ? 2 : 1;
        if (w.size() < i + 2 + 2 * sides) {
            warnings.add("ss line \"" + line.strip() + "\" has too few columns; skipped");
            return Optional.empty();
        }
        String at = "ss " + (netid.orElse("") + " " + state.orElse("")).strip() + ": ";
        Optional<Long> recv = Units.longValue(w.get(i++), at + "Recv-Q", warnings);
        Optional<Long> send = Units.longValue(w.get(i++), at + "Send-Q", warnings);
        String[] local;
        String[] peer;
        if (sides == 2) {
            local = new String[] {w.get(i), w.get(i + 1)};
            peer = new String[] {w.get(i + 2), w.get(i + 3)};
            i += 4;
        } else {
            local = hostPort(w.get(i++));
            peer = hostPort(w.get(i++));
        }
        List<SsReport.SocketProcess> processes = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (; i < w.size(); i++) {
            String word = w.get(i);
            if (word.startsWith("users:(")) {
                Matcher m = PROCESS.matcher(word);
                while (m.find()) {
                    processes.add(process(m.group(1), m.group(2), warnings));
                }
            } else {
                rest.add(word);
            }
        }
        String[] scoped = scope(local[0]);
        return Optional.of(new SsReport.Socket(netid, state, recv, send, scoped[0], port(local[1]), Units.text(scoped[1]), peer[0],
                port(peer[1]), processes, rest.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", rest))));
    }

    private static SsReport.Socket withDetails(SsReport.Socket s, String more) {
        return new SsReport.Socket(s.netid(), s.state(), s.recvQueue(), s.sendQueue(), s.localAddress(), s.localPort(),
                s.localInterface(), s.peerAddress(), s.peerPort(), s.processes(),
                Optional.of(s.details().map(d -> d + " " + more).orElse(more)));
    }

    private static SsReport.SocketProcess process(String name, String attrs, List<String> warnings) {
        Optional<Long> pid = Optional.empty();
        Optional<Integer> fd = Optional.empty();
        for (String kv : attrs.split(",")) {
            if (kv.startsWith("pid=")) {
                pid = Units.longValue(kv.substring(4), "ss process pid", warnings);
            } else if (kv.startsWith("fd=")) {
                fd = Units.intValue(kv.substring(3), "ss process fd", warnings);
            }
        }
        return new SsReport.SocketProcess(name, pid, fd);
    }

    /** A port as printed; {@code *} (any port) is kept, only a missing one is empty. */
    private static Optional<String> port(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }

    /** {@code [fe80::1]%eth0} or {@code 127.0.0.53%lo}: the address and the interface it is bound to. */
    static String[] scope(String address) {
        int pct = address.lastIndexOf('%');
        return pct > 0 ? new String[] {address.substring(0, pct), address.substring(pct + 1)} : new String[] {address, ""};
    }

    /** {@code 127.0.0.1:8080}, {@code [::1]:631}, {@code *:*}, {@code rtnl:kernel} split at the last colon. */
    static String[] hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new String[] {s, ""};
        }
        return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    }
}
