package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ss probe's fallback where iproute2 is missing: TCP sockets from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}. Addresses are hex in the kernel's byte order (each 32-bit word little-endian
 * on x86 and arm64), ports big-endian hex; the state code follows include/net/tcp_states.h. Stateless.
 *
 * <pre>
 * #### iw-section: /proc/net/tcp
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm-&gt;when retrnsmt   uid  timeout inode
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 ...
 * </pre>
 */
final class ProcNetTcp {

    private static final String[] STATES = {"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
        "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING", "NEW-SYN-RECV"};

    private ProcNetTcp() {
    }

    static ParseOutcome<SsReport> parse(Map<String, String> parts, List<String> warnings) {
        List<SsReport.Socket> sockets = new ArrayList<>();
        for (String section : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : TextTable.nonBlankLines(parts.getOrDefault(section, ""))) {
                List<String> w = TextTable.words(line);
                if (w.isEmpty() || w.get(0).equals("sl")) {
                    continue;
                }
                if (w.size() < 5 || !w.get(0).endsWith(":")) {
                    warnings.add(section + " line \"" + line.strip() + "\" is not a socket line; skipped");
                    continue;
                }
                try {
                    String[] local = decode(w.get(1));
                    String[] peer = decode(w.get(2));
                    int st = Integer.parseInt(w.get(3), 16);
                    String[] queues = w.get(4).split(":");
                    sockets.add(new SsReport.Socket(Optional.of("tcp"),
                            Optional.of(st < STATES.length ? STATES[st] : "UNKNOWN"),
                            Optional.of(Long.parseLong(queues[1], 16)), Optional.of(Long.parseLong(queues[0], 16)),
                            local[0], Optional.of(local[1]), Optional.empty(), peer[0], Optional.of(peer[1]), List.of(),
                            w.size() > 9 ? Optional.of("ino:" + w.get(9)) : Optional.empty()));
                } catch (RuntimeException e) {
                    warnings.add(section + " line \"" + line.strip() + "\" could not be decoded (" + e.getMessage() + "); skipped");
                }
            }
        }
        return ParseOutcome.parsed(new SsReport(Optional.empty(), sockets, "/proc/net/tcp"), warnings);
    }

    /** {@code 0100007F:1F90} → 127.0.0.1, 8080; 32 hex digits → a bracketed IPv6 address. */
    static String[] decode(String hex) {
        String[] p = hex.split(":");
        String addr = p[0];
        int port = Integer.parseInt(p[1], 16);
        byte[] bytes = new byte[addr.length() / 2];
        for (int word = 0; word < addr.length() / 8; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(addr.substring(at, at + 2), 16);
            }
        }
        String text;
        try {
            java.net.InetAddress ia = java.net.InetAddress.getByAddress(bytes);
            text = ia.getHostAddress();
            if (bytes.length == 16) {
                // Java returns an IPv4-mapped address as plain IPv4; ss shows it as [::ffff:a.b.c.d]
                text = "[" + (ia instanceof java.net.Inet4Address ? "::ffff:" + text : compress(text)) + "]";
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes");
        }
        return new String[] {text, port == 0 ? "*" : String.valueOf(port)};
    }

    /** Java prints 0:0:0:0:0:0:0:1; ss prints ::1 (RFC 5952: the longest run of two or more zero groups becomes ::). */
    static String compress(String v6) {
        String[] g = v6.split(":");
        for (int i = 0; i < g.length; i++) {
            g[i] = g[i].replaceFirst("^0+(?=.)", "");
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; i++) {
            int j = i;
            while (j < g.length && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        if (bestStart < 0) {
            return String.join(":", g);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }
}
