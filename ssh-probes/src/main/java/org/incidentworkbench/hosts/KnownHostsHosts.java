package org.incidentworkbench.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Lists the hosts named in an OpenSSH {@code known_hosts} file. A line names one key for one or
 * more hosts ({@code web-1,10.0.0.5 ssh-ed25519 AAAA...}); the first name that is not an address is
 * taken, else the address. {@code [host]:2222} becomes {@code host} on port 2222.
 *
 * <p>Hashed entries ({@code |1|salt|hash}, written when {@code HashKnownHosts yes}, Debian's
 * default) store only an HMAC of the name: they cannot be listed, by design, so they are counted
 * and a note says so. {@code @revoked} and {@code @cert-authority} lines and wildcard patterns do not
 * name one host and are skipped. Stateless and thread-safe.
 */
public final class KnownHostsHosts {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private KnownHostsHosts() {
    }

    public static HostImport read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new HostImport(List.of(), List.of("There is no known_hosts file at " + file + "; nothing was imported from it."));
        }
        return parse(Files.readString(file));
    }

    public static HostImport parse(String text) {
        Map<String, HostEntry> hosts = new LinkedHashMap<>();
        int hashed = 0;
        int skipped = 0;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@")) {
                skipped++;
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 3) {
                skipped++;
                continue;
            }
            String names = fields[0];
            if (names.startsWith("|1|")) {
                hashed++;
                continue;
            }
            Optional<HostEntry> entry = pick(names.split(","));
            if (entry.isEmpty()) {
                skipped++;
                continue;
            }
            hosts.putIfAbsent(entry.get().connectTarget(), entry.get());
        }
        List<String> notes = new ArrayList<>();
        if (hashed > 0) {
            notes.add(hashed + " hashed known_hosts entr" + (hashed == 1 ? "y" : "ies")
                    + " cannot be listed: OpenSSH stores only a keyed hash of the name (HashKnownHosts yes). "
                    + "Add those hosts by hand or import your ssh config or inventory.");
        }
        if (skipped > 0) {
            notes.add(skipped + " line(s) were skipped: @revoked or @cert-authority markers, wildcard patterns or malformed lines.");
        }
        return new HostImport(List.copyOf(hosts.values()), notes);
    }

    private static Optional<HostEntry> pick(String[] names) {
        String fallback = null;
        for (String n : names) {
            if (n.contains("*") || n.contains("?") || n.startsWith("!")) {
                continue;
            }
            String host = n;
            OptionalInt port = OptionalInt.empty();
            if (n.startsWith("[")) {
                int close = n.indexOf(']');
                if (close < 0) {
                    continue;
                }
                host = n.substring(1, close);
                if (n.length() > close + 2 && n.charAt(close + 1) == ':') {
                    try {
                        int p = Integer.parseInt(n.substring(close + 2));
                        port = p == 22 ? OptionalInt.empty() : OptionalInt.of(p);
                    } catch (NumberFormatException e) {
                        continue;
                    }
                }
            }
            if (isAddress(host)) {
                if (fallback == null) {
                    fallback = n;
                }
                continue;
            }
            return Optional.of(entry(host, port));
        }
        if (fallback == null) {
            return Optional.empty();
        }
        String host = fallback;
        OptionalInt port = OptionalInt.empty();
        if (fallback.startsWith("[")) {
            int close = fallback.indexOf(']');
            host = fallback.substring(1, close);
            if (fallback.length() > close + 2) {
                int p = Integer.parseInt(fallback.substring(close + 2));
                port = p == 22 ? OptionalInt.empty() : OptionalInt.of(p);
            }
        }
        return Optional.of(entry(host, port));
    }

    private static HostEntry entry(String host, OptionalInt port) {
        String name = port.isPresent() ? host + ":" + port.getAsInt() : host;
        if (port.isPresent()) {
            return new HostEntry(name, List.of(), HostSource.KNOWN_HOSTS, Optional.of(host), Optional.empty(), port);
        }
        return HostEntry.named(name, HostSource.KNOWN_HOSTS);
    }

    static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }
}
