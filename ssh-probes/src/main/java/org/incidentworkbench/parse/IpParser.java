package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ip} (iproute2): the probe's {@code ip -s addr} with an {@code ip route} section, and
 * pasted {@code ip addr}, {@code ip link}, {@code ip -s link}, {@code ip -s -s link}, {@code ip route},
 * {@code ip -br addr}, {@code ip -br link};
 * or, where iproute2 is missing, {@code /proc/net/dev}.
 *
 * <p>Invocation (probe {@code ip}, under {@code LC_ALL=C}): {@code ip -s addr}, then section
 * {@code ip route}; fallback section {@code /proc/net/dev} with part {@code ""} empty. Sample
 * (iproute2 6.1, Debian 12):
 * <pre>
 * 3: eth0@eth1: &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt; mtu 1500 qdisc noqueue state UP group default qlen 1000
 *     link/ether ae:ed:00:7a:91:9e brd ff:ff:ff:ff:ff:ff
 *     inet 198.51.100.23/24 scope global eth0
 *        valid_lft forever preferred_lft forever
 *     RX:  bytes packets errors dropped  missed   mcast
 *            266       3      0       0       0       0
 *     TX:  bytes packets errors dropped carrier collsns
 *            392       4      0       0       0       0
 * #### iw-section: ip route
 * default via 198.51.100.1 dev eth0
 * </pre>
 *
 * <p>Record: {@link IpReport}. Counter blocks are read by their own header line, so old iproute2
 * ({@code RX: bytes packets errors dropped overrun mcast}) and the {@code -s -s} error breakdown
 * ({@code RX errors: length crc frame fifo missed}) land in the right fields. Routes keep their
 * attributes by keyword; multipath {@code nexthop} lines are attached to their route.
 *
 * <p>Checked against iproute2 6.1 (Debian 12) and 4.11 (CentOS 7). BSD/macOS {@code ifconfig} and
 * {@code netstat -rn} are unrecognised.
 */
public final class IpParser implements OutputParser<IpReport> {

    private static final ParserInfo INFO = new ParserInfo("ip",
            List.of("ip -s addr", "ip route", "ip addr", "ip -s link", "ip link", "cat /proc/net/dev"),
            List.of("linux"), "interfaces, addresses, state, rx/tx errors and drops, default route");

    private static final Pattern IFACE = Pattern.compile("^(\\d+):\\s+([^:@\\s]+)(?:@(\\S+?))?:\\s+<([^>]*)>\\s*(.*)$");
    /** {@code ip -br addr} / {@code ip -br link}: name, operational state, then addresses or MAC and flags. */
    private static final Pattern BRIEF = Pattern.compile(
            "^(\\S+?)(?:@(\\S+))?\\s+(UP|DOWN|UNKNOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)(?:\\s+(.*))?$");
    private static final Pattern ADDR = Pattern.compile("^\\s+(inet6?)\\s+(\\S+)(.*)$");
    private static final Set<String> ROUTE_TYPES = Set.of("unicast", "local", "broadcast", "multicast", "unreachable",
            "blackhole", "prohibit", "throw", "nat", "anycast");
    private static final Set<String> ROUTE_KEYS = Set.of("via", "dev", "proto", "scope", "src", "metric", "table", "mtu",
            "pref", "expires", "advmss", "weight", "realm", "from", "tos", "initcwnd", "hoplimit", "congctl", "rto_min");
    private static final Pattern ROUTE_START = Pattern.compile(
            "^(?:(?:unicast|local|broadcast|multicast|unreachable|blackhole|prohibit|throw|anycast)\\s+)?"
                    + "(?:default|[0-9a-fA-F.:]+(?:/\\d+)?)(?:\\s+\\S+)*$");

    @Override
    public boolean hasData(IpReport value) {
        return !value.interfaces().isEmpty() || !value.routes().isEmpty();
    }

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        Map<String, String> parts = Sections.split(text);
        if (parts.containsKey("ip route") || parts.containsKey("/proc/net/dev")) {
            return true;
        }
        List<String> lines = TextTable.nonBlankLines(TextTable.stripPrompt(text));
        if (lines.isEmpty()) {
            return false;
        }
        String first = lines.get(0);
        return IFACE.matcher(first).matches() || first.startsWith("Inter-|")
                || lines.stream().allMatch(l -> BRIEF.matcher(l.strip()).matches())
                || (first.startsWith("default ") || first.matches("^[0-9a-f.:]+/\\d+ .*")) && (first.contains(" dev ") || first.contains(" via "));
    }

    @Override
    public ParseOutcome<IpReport> parse(String text) {
        Map<String, String> parts = Sections.split(TextTable.stripPrompt(text));
        List<String> warnings = new ArrayList<>();
        List<IpReport.Interface> interfaces = new ArrayList<>();
        List<IpReport.Route> routes = new ArrayList<>();
        String source = "ip";
        boolean anyText = false;
        boolean recognised = false;
        for (Map.Entry<String, String> part : parts.entrySet()) {
            List<String> lines = TextTable.nonBlankLines(part.getValue());
            if (lines.isEmpty()) {
                continue;
            }
            anyText = true;
            if (part.getKey().equals(OPERSTATE)) {
                continue; // merged below, once every interface is known
            }
            if (part.getKey().equals("/proc/net/dev") || lines.get(0).startsWith("Inter-|")) {
                Optional<List<IpReport.Interface>> dev = procNetDev(lines, warnings);
                if (dev.isPresent()) {
                    if (interfaces.isEmpty()) {
                        interfaces.addAll(dev.get());
                        source = "/proc/net/dev";
                    } else {
                        // BusyBox ip has no -s: its interfaces take the counters of /proc/net/dev by name
                        mergeCounters(interfaces, dev.get());
                    }
                    recognised = true;
                }
            } else if (IFACE.matcher(lines.get(0)).matches()) {
                interfaces.addAll(interfaces(lines, warnings));
                recognised = true;
            } else if (lines.stream().allMatch(l -> BRIEF.matcher(l.strip()).matches())) {
                for (String line : lines) {
                    interfaces.add(brief(line.strip(), warnings));
                }
                recognised = true;
            } else if (part.getKey().equals("ip route") || ROUTE_START.matcher(lines.get(0).strip()).matches()) {
                for (String line : lines) {
                    if (Character.isWhitespace(line.charAt(0)) && !routes.isEmpty()) {
                        IpReport.Route r = routes.remove(routes.size() - 1);
                        Map<String, String> other = new LinkedHashMap<>(r.other());
                        other.merge("nexthop", line.strip().replaceFirst("^nexthop\\s+", ""), (a, b) -> a + "; " + b);
                        routes.add(new IpReport.Route(r.type(), r.destination(), r.via(), r.dev(), r.proto(), r.scope(),
                                r.src(), r.metric(), r.flags(), other));
                    } else {
                        routes.add(route(line, warnings));
                    }
                }
                recognised = true;
            }
        }
        mergeStates(interfaces, parts.getOrDefault(OPERSTATE, ""));
        if (anyText && !recognised) {
            return ParseOutcome.unrecognised("neither ip's \"N: name: <FLAGS>\" interface lines, nor routes, nor /proc/net/dev found");
        }
        return ParseOutcome.parsed(new IpReport(interfaces, routes, source), warnings);
    }

    /** The section of {@code NAME STATE} lines (from /sys/class/net/NAME/operstate) the BusyBox and /proc variants print. */
    static final String OPERSTATE = "/sys/class/net operstate";

    private static void mergeStates(List<IpReport.Interface> interfaces, String section) {
        Map<String, String> states = new java.util.HashMap<>();
        for (String line : TextTable.nonBlankLines(section)) {
            List<String> w = TextTable.words(line);
            if (w.size() == 2) {
                states.put(w.get(0), w.get(1).toUpperCase(java.util.Locale.ROOT));
            }
        }
        interfaces.replaceAll(i -> i.state().isPresent() || !states.containsKey(i.name()) ? i
                : new IpReport.Interface(i.index(), i.name(), i.link(), i.flags(), i.mtu(), Optional.of(states.get(i.name())),
                        i.macAddress(), i.addresses(), i.rx(), i.tx()));
    }

    private static void mergeCounters(List<IpReport.Interface> interfaces, List<IpReport.Interface> counted) {
        Map<String, IpReport.Interface> byName = new java.util.HashMap<>();
        counted.forEach(c -> byName.put(c.name(), c));
        interfaces.replaceAll(i -> {
            IpReport.Interface c = byName.get(i.name());
            return c == null || i.rx().isPresent() ? i : new IpReport.Interface(i.index(), i.name(), i.link(), i.flags(),
                    i.mtu(), i.state(), i.macAddress(), i.addresses(), c.rx(), c.tx());
        });
    }

    private static List<IpReport.Interface> interfaces(List<String> lines, List<String> warnings) {
        List<IpReport.Interface> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Matcher m = IFACE.matcher(lines.get(i));
            if (!m.matches()) {
                warnings.add("ip line \"" + lines.get(i).strip() + "\" is outside any interface; skipped");
                i++;
                continue;
            }
            String name = m.group(2);
            Map<String, String> attrs = pairs(TextTable.words(m.group(5)));
            Optional<String> mac = Optional.empty();
            List<IpReport.Address> addresses = new ArrayList<>();
            Optional<IpReport.Counters> rx = Optional.empty();
            Optional<IpReport.Counters> tx = Optional.empty();
            Map<String, Long> rxExtra = new HashMap<>();
            Map<String, Long> txExtra = new HashMap<>();
            i++;
            for (; i < lines.size() && !IFACE.matcher(lines.get(i)).matches(); i++) {
                String line = lines.get(i);
                String s = line.strip();
                Matcher a;
                if (s.startsWith("link/")) {
                    List<String> w = TextTable.words(s);
                    if (w.size() > 1 && w.get(0).equals("link/ether")) {
                        mac = Optional.of(w.get(1));
                    }
                } else if ((a = ADDR.matcher(line)).matches()) {
                    addresses.add(address(a.group(1), a.group(2), TextTable.words(a.group(3)), warnings));
                } else if ((s.startsWith("RX") || s.startsWith("TX")) && s.contains(":") && i + 1 < lines.size()) {
                    String head = s.substring(0, s.indexOf(':'));
                    List<String> names = TextTable.words(s.substring(s.indexOf(':') + 1));
                    List<String> values = TextTable.words(lines.get(i + 1));
                    i++;
                    Map<String, Long> v = new LinkedHashMap<>();
                    for (int k = 0; k < names.size() && k < values.size(); k++) {
                        String counter = names.get(k);
                        Units.longValue(values.get(k), "ip " + name + " " + head + " " + counter, warnings)
                                .ifPresent(n -> v.put(counter, n));
                    }
                    if (head.equals("RX") || head.equals("TX")) {
                        IpReport.Counters c = counters(v);
                        if (head.equals("RX")) {
                            rx = Optional.of(c);
                        } else {
                            tx = Optional.of(c);
                        }
                    } else {
                        // "RX errors:" breakdown of ip -s -s
                        (head.startsWith("RX") ? rxExtra : txExtra).putAll(prefixed("errors.", v));
                    }
                }
            }
            rx = withExtra(rx, rxExtra);
            tx = withExtra(tx, txExtra);
            List<String> flags = m.group(4).isEmpty() ? List.of() : List.of(m.group(4).split(","));
            String at = "ip " + name + ": ";
            out.add(new IpReport.Interface(Units.intValue(m.group(1), at + "index", warnings), name,
                    Optional.ofNullable(m.group(3)), flags, Units.intValue(attrs.get("mtu"), at + "mtu", warnings),
                    Optional.ofNullable(attrs.get("state")), mac, addresses, rx, tx));
        }
        return out;
    }

    /** One line of {@code ip -br addr} (addresses) or {@code ip -br link} (MAC and flags). */
    private static IpReport.Interface brief(String line, List<String> warnings) {
        Matcher m = BRIEF.matcher(line);
        m.matches();
        List<String> rest = m.group(4) == null ? List.of() : TextTable.words(m.group(4));
        Optional<String> mac = Optional.empty();
        List<String> flags = List.of();
        List<IpReport.Address> addresses = new ArrayList<>();
        for (String w : rest) {
            if (w.startsWith("<") && w.endsWith(">")) {
                flags = w.length() > 2 ? List.of(w.substring(1, w.length() - 1).split(",")) : List.of();
            } else if (w.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
                mac = Optional.of(w);
            } else {
                addresses.add(address(w.contains(":") ? "inet6" : "inet", w, List.of(), warnings));
            }
        }
        return new IpReport.Interface(Optional.empty(), m.group(1), Optional.ofNullable(m.group(2)), flags, Optional.empty(),
                Optional.of(m.group(3)), mac, addresses, Optional.empty(), Optional.empty());
    }

    private static Map<String, Long> prefixed(String prefix, Map<String, Long> v) {
        Map<String, Long> out = new LinkedHashMap<>();
        v.forEach((k, n) -> out.put(prefix + k, n));
        return out;
    }

    private static Optional<IpReport.Counters> withExtra(Optional<IpReport.Counters> c, Map<String, Long> extra) {
        if (c.isEmpty() || extra.isEmpty()) {
            return c;
        }
        Map<String, Long> other = new LinkedHashMap<>(c.get().other());
        other.putAll(extra);
        return Optional.of(new IpReport.Counters(c.get().bytes(), c.get().packets(), c.get().errors(), c.get().dropped(), other));
    }

    private static IpReport.Counters counters(Map<String, Long> v) {
        Map<String, Long> other = new LinkedHashMap<>(v);
        Optional<Long> bytes = Optional.ofNullable(other.remove("bytes"));
        Optional<Long> packets = Optional.ofNullable(other.remove("packets"));
        Optional<Long> errors = Optional.ofNullable(other.remove("errors"));
        Optional<Long> dropped = Optional.ofNullable(other.remove("dropped"));
        return new IpReport.Counters(bytes, packets, errors, dropped, other);
    }

    private static IpReport.Address address(String family, String cidr, List<String> rest, List<String> warnings) {
        int slash = cidr.indexOf('/');
        String addr = slash < 0 ? cidr : cidr.substring(0, slash);
        Optional<Integer> prefix = slash < 0 ? Optional.empty()
                : Units.intValue(cidr.substring(slash + 1), "ip address " + cidr + " prefix", warnings);
        Optional<String> scope = Optional.empty();
        Optional<String> brd = Optional.empty();
        List<String> flags = new ArrayList<>();
        for (int k = 0; k < rest.size(); k++) {
            String w = rest.get(k);
            if ((w.equals("scope") || w.equals("brd") || w.equals("peer") || w.equals("metric")) && k + 1 < rest.size()) {
                if (w.equals("scope")) {
                    scope = Optional.of(rest.get(k + 1));
                } else if (w.equals("brd")) {
                    brd = Optional.of(rest.get(k + 1));
                }
                k++;
            } else if (k == rest.size() - 1 && family.equals("inet") && scope.isPresent()) {
                // the trailing label (eth0, eth0:1) of IPv4 addresses
                continue;
            } else {
                flags.add(w);
            }
        }
        return new IpReport.Address(family, addr, prefix, scope, brd, flags);
    }

    private static IpReport.Route route(String line, List<String> warnings) {
        List<String> w = TextTable.words(line);
        int i = 0;
        String type = "unicast";
        if (ROUTE_TYPES.contains(w.get(0)) && w.size() > 1) {
            type = w.get(0);
            i = 1;
        }
        String dest = w.get(i++);
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (; i < w.size(); i++) {
            if (ROUTE_KEYS.contains(w.get(i)) && i + 1 < w.size()) {
                kv.put(w.get(i), w.get(i + 1));
                i++;
            } else {
                flags.add(w.get(i));
            }
        }
        Optional<Long> metric = Units.longValue(kv.remove("metric"), "ip route " + dest + " metric", warnings);
        return new IpReport.Route(type, dest, Optional.ofNullable(kv.remove("via")), Optional.ofNullable(kv.remove("dev")),
                Optional.ofNullable(kv.remove("proto")), Optional.ofNullable(kv.remove("scope")),
                Optional.ofNullable(kv.remove("src")), metric, flags, kv);
    }

    private static Map<String, String> pairs(List<String> w) {
        Map<String, String> out = new HashMap<>();
        for (int k = 0; k + 1 < w.size(); k += 2) {
            out.put(w.get(k), w.get(k + 1));
        }
        return out;
    }

    /**
     * {@code /proc/net/dev}: two header lines, then {@code name: 8 receive and 8 transmit counters}
     * (bytes packets errs drop fifo frame compressed multicast | bytes packets errs drop fifo colls carrier compressed).
     */
    private static Optional<List<IpReport.Interface>> procNetDev(List<String> lines, List<String> warnings) {
        List<IpReport.Interface> out = new ArrayList<>();
        String[] rxNames = {"bytes", "packets", "errors", "dropped", "fifo", "frame", "compressed", "mcast"};
        String[] txNames = {"bytes", "packets", "errors", "dropped", "fifo", "collsns", "carrier", "compressed"};
        boolean header = false;
        for (String line : lines) {
            if (line.startsWith("Inter-|") || line.contains("face |")) {
                header = true;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                warnings.add("/proc/net/dev line \"" + line.strip() + "\" has no \"name:\"; skipped");
                continue;
            }
            String name = line.substring(0, colon).strip();
            List<String> w = TextTable.words(line.substring(colon + 1));
            if (w.size() < 16) {
                warnings.add("/proc/net/dev line for " + name + " has " + w.size() + " counters, not 16; skipped");
                continue;
            }
            Map<String, Long> rx = new LinkedHashMap<>();
            Map<String, Long> tx = new LinkedHashMap<>();
            for (int k = 0; k < 8; k++) {
                int kk = k;
                Units.longValue(w.get(k), "/proc/net/dev " + name + " rx " + rxNames[k], warnings).ifPresent(n -> rx.put(rxNames[kk], n));
                Units.longValue(w.get(k + 8), "/proc/net/dev " + name + " tx " + txNames[k], warnings).ifPresent(n -> tx.put(txNames[kk], n));
            }
            out.add(new IpReport.Interface(Optional.empty(), name, Optional.empty(), List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of(), Optional.of(counters(rx)), Optional.of(counters(tx))));
        }
        return header || !out.isEmpty() ? Optional.of(out) : Optional.empty();
    }
}
