package org.incidentworkbench.playbooks.share;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stable aliases for the hosts and addresses of one incident: the incident's hosts become
 * {@code host-1}, {@code host-2}... in the order the bundle lists them, and every other IPv4 or IPv6
 * address in the text becomes {@code ip-1}, {@code ip-2}... in order of first appearance. The same name
 * always gets the same alias within one copy, so a triage of {@code host-1} still matches the chart of
 * {@code host-1}.
 *
 * <pre>{@code
 * HostAliases a = HostAliases.forHosts(List.of("web-1.prod", "10.1.2.3"));
 * a.apply("ssh web-1.prod; ping 10.9.9.9");   // "ssh host-1; ping ip-1"
 * }</pre>
 *
 * <p>A host name is replaced where it is not part of a longer word: alone, inside a domain name
 * ({@code web-1.prod.acme} becomes {@code host-1.prod.acme} when {@code web-1} is listed) or at the end
 * of a slug ({@code 20261125-api-slow-on-web-1}); {@code web-10} is another host and stays. Addresses that
 * name no machine stay: {@code 0.0.0.0}, {@code 127.0.0.1}, {@code 255.255.255.255}, {@code ::}, {@code ::1}.
 * Not thread-safe (it remembers the aliases it gave).
 */
public final class HostAliases {

    private static final String V4_PART = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IP = Pattern.compile(
            "(?<![0-9A-Za-z.:])(?:" + V4_PART + "(?:\\." + V4_PART + "){3}(?![0-9]|\\.[0-9])"
                    + "|(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Za-z:])"
                    + "|(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?![0-9A-Za-z:]))");
    private static final java.util.Set<String> KEPT = java.util.Set.of("0.0.0.0", "127.0.0.1", "255.255.255.255", "::", "::1");

    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, String> ips = new LinkedHashMap<>();
    private final Pattern hostPattern;
    private int hostReplacements;
    private int ipReplacements;

    private HostAliases(Collection<String> names) {
        for (String h : names) {
            if (h != null && !h.isBlank() && !hosts.containsKey(h)) {
                hosts.put(h, "host-" + (hosts.size() + 1));
            }
        }
        hostPattern = hosts.isEmpty() ? null : Pattern.compile("(?<![A-Za-z0-9_])(?:"
                + hosts.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                        .map(Pattern::quote).collect(Collectors.joining("|"))
                + ")(?![A-Za-z0-9_-])");
    }

    /** Aliases for these hosts (the incident's, in the bundle's order); addresses found later get ip-N. */
    public static HostAliases forHosts(Collection<String> hosts) {
        return new HostAliases(hosts);
    }

    /** The alias of a listed host, or the text with hosts and addresses aliased. */
    public String host(String name) {
        String alias = hosts.get(name);
        return alias != null ? alias : apply(name);
    }

    public String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (hostPattern != null) {
            Matcher m = hostPattern.matcher(out);
            StringBuilder b = new StringBuilder();
            boolean found = false;
            while (m.find()) {
                found = true;
                hostReplacements++;
                m.appendReplacement(b, Matcher.quoteReplacement(hosts.get(m.group())));
            }
            if (found) {
                m.appendTail(b);
                out = b.toString();
            }
        }
        Matcher m = IP.matcher(out);
        StringBuilder b = new StringBuilder();
        boolean found = false;
        while (m.find()) {
            String ip = m.group();
            if (KEPT.contains(ip)) {
                continue;
            }
            found = true;
            ipReplacements++;
            String alias = ips.computeIfAbsent(ip.toLowerCase(java.util.Locale.ROOT), k -> "ip-" + (ips.size() + 1));
            m.appendReplacement(b, Matcher.quoteReplacement(alias));
        }
        if (found) {
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }

    /** How many host names were replaced so far. */
    public int hostReplacements() {
        return hostReplacements;
    }

    /** How many addresses were replaced so far. */
    public int ipReplacements() {
        return ipReplacements;
    }
}
