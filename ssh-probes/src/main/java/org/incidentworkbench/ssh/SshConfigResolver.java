package org.incidentworkbench.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves what a user types ({@code web-1}, {@code root@10.0.0.5:2222}, {@code [fe80::1]:22}) into a
 * {@link HostSpec}, reading an OpenSSH client config as {@code ssh_config(5)} says: {@code Host}
 * blocks whose patterns match the name as typed ({@code *}, {@code ?}, {@code !negation}), first
 * value obtained wins, {@code IdentityFile} accumulates, lines before any {@code Host} apply to all,
 * {@code Include} is followed (relative to {@code ~/.ssh}). Understood keywords: HostName, User,
 * Port, IdentityFile, ProxyJump, ServerAliveInterval, ConnectTimeout, UserKnownHostsFile, and
 * ProxyCommand when it is a jump host in disguise ({@code ssh -W %h:%p bastion}); the rest are ignored. {@code Match} blocks other than {@code Match all} are skipped (their conditions need
 * the connection).
 *
 * <pre>
 * Host web-*                       resolve("web-1") -> root@10.0.0.5:22 via bastion
 *   User root                                          key ~/.ssh/web_ed25519
 *   ProxyJump bastion
 *   IdentityFile ~/.ssh/web_ed25519
 * Host web-1
 *   HostName 10.0.0.5
 * </pre>
 *
 * <p>ProxyJump hops are resolved through the same config (as {@code ssh -J} does), hop strings may
 * carry {@code user@host:port}, and a hop's own ProxyJump is put in front of it. Immutable and
 * thread-safe once loaded.
 */
public final class SshConfigResolver {

    private static final int MAX_INCLUDE_DEPTH = 16;
    private static final int MAX_JUMPS = 8;

    /** One understood line, with where it came from and under which Host/Match condition. */
    private record Line(Path file, int number, String keyword, String value, Condition condition) {
    }

    /** The {@code Host} or {@code Match} line in force for a config line. */
    private record Condition(List<String> hostPatterns, boolean never) {
        static final Condition ALL = new Condition(List.of("*"), false);
        static final Condition NEVER = new Condition(List.of(), true);

        boolean matches(String host) {
            if (never) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            boolean matched = false;
            for (String pattern : hostPatterns) {
                boolean negated = pattern.startsWith("!");
                String p = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
                if (Glob.matches(p, h)) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }
    }

    private final Optional<Path> source;
    private final List<Line> lines;

    private SshConfigResolver(Optional<Path> source, List<Line> lines) {
        this.source = source;
        this.lines = List.copyOf(lines);
    }

    /** A resolver with no config: typed targets only. */
    public static SshConfigResolver empty() {
        return new SshConfigResolver(Optional.empty(), List.of());
    }

    /** {@code ~/.ssh/config}, or none when the user has no such file. */
    public static SshConfigResolver standard() {
        Path file = SshOptions.userSshDir().resolve("config");
        return Files.isRegularFile(file) ? load(file) : empty();
    }

    /**
     * Reads an ssh_config ({@code -F FILE}).
     *
     * @throws SshConfigException when the file is missing or a line we use has a bad value
     */
    public static SshConfigResolver load(Path sshConfig) {
        if (!Files.isRegularFile(sshConfig)) {
            throw new SshConfigException("The SSH config file " + sshConfig
                    + " does not exist: check the path given with -F.", Optional.of(sshConfig), 0);
        }
        List<Line> lines = new ArrayList<>();
        Path base = sshConfig.toAbsolutePath().getParent();
        read(sshConfig, base, Condition.ALL, lines, 0);
        for (Line l : lines) {
            validate(l);
        }
        return new SshConfigResolver(Optional.of(sshConfig), lines);
    }

    /** Parses config text (tests, pasted text) as if read from {@code pretendFile}: Include is relative to its directory. */
    public static SshConfigResolver parse(String text, Path pretendFile) {
        List<Line> lines = new ArrayList<>();
        scan(text, pretendFile, pretendFile.toAbsolutePath().getParent(), Condition.ALL, lines, 0);
        for (Line l : lines) {
            validate(l);
        }
        return new SshConfigResolver(Optional.of(pretendFile), lines);
    }

    public Optional<Path> source() {
        return source;
    }

    private static void read(Path file, Path base, Condition outer, List<Line> out, int depth) {
        try {
            scan(Files.readString(file), file, base, outer, out, depth);
        } catch (IOException e) {
            throw new SshConfigException("The SSH config file " + file + " could not be read (" + e.getMessage()
                    + "): check its permissions.", Optional.of(file), 0);
        } catch (UncheckedIOException e) {
            throw new SshConfigException("The SSH config file " + file + " could not be read (" + e.getMessage()
                    + "): check its permissions.", Optional.of(file), 0);
        }
    }

    private static void scan(String text, Path file, Path base, Condition outer, List<Line> out, int depth) {
        Condition condition = outer;
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = SshConfigSyntax.splitKeyword(line);
            String keyword = kv[0].toLowerCase(Locale.ROOT);
            String value = kv[1];
            int number = i + 1;
            switch (keyword) {
                case "host" -> {
                    List<String> patterns = SshConfigSyntax.tokens(value);
                    if (patterns.isEmpty()) {
                        throw new SshConfigException(file + " line " + number
                                + ": Host needs at least one pattern; write for example `Host web-*`.", Optional.of(file), number);
                    }
                    condition = new Condition(patterns, false);
                }
                case "match" -> condition = value.strip().equalsIgnoreCase("all") ? Condition.ALL : Condition.NEVER;
                case "include" -> {
                    if (depth >= MAX_INCLUDE_DEPTH) {
                        throw new SshConfigException(file + " line " + number + ": Include nests more than "
                                + MAX_INCLUDE_DEPTH + " files deep; check for a file that includes itself.",
                                Optional.of(file), number);
                    }
                    for (String pattern : SshConfigSyntax.tokens(value)) {
                        for (Path included : SshConfigSyntax.expandInclude(base, pattern, (dir, e) -> { })) {
                            read(included, base, condition, out, depth + 1);
                        }
                    }
                }
                case "hostname", "user", "port", "identityfile", "proxyjump", "proxycommand", "serveraliveinterval",
                        "connecttimeout",
                        "userknownhostsfile" -> out.add(new Line(file, number, keyword, unquote(value), condition));
                default -> {
                    // keywords we do not act on (ForwardAgent, Ciphers...) are OpenSSH's business
                }
            }
        }
    }

    private static void validate(Line l) {
        switch (l.keyword()) {
            case "port" -> port(l.value(), l.file(), l.number());
            case "serveraliveinterval", "connecttimeout" -> seconds(l);
            case "hostname", "user" -> {
                if (l.value().isBlank()) {
                    throw new SshConfigException(l.file() + " line " + l.number() + ": " + keywordName(l.keyword())
                            + " has no value; give one or remove the line.", Optional.of(l.file()), l.number());
                }
            }
            default -> {
            }
        }
    }

    /**
     * Resolves an alias or a typed target.
     *
     * @throws SshConfigException when the typed text is not a host (for example a bad port) or the
     *                            config's ProxyJump chain is malformed or loops
     */
    public HostSpec resolve(String aliasOrTarget) {
        TypedTarget typed = TypedTarget.parse(aliasOrTarget, Optional.empty(), 0);
        return resolve(typed, aliasOrTarget.strip(), 0, new ArrayList<>());
    }

    private HostSpec resolve(TypedTarget typed, String alias, int depth, List<String> chain) {
        if (depth > MAX_JUMPS || chain.contains(typed.host())) {
            throw new SshConfigException("The ProxyJump chain " + String.join(" -> ", chain) + " -> " + typed.host()
                    + " loops or is longer than " + MAX_JUMPS + " hops: check ProxyJump in "
                    + source.map(Path::toString).orElse("the SSH config") + ".", source, 0);
        }
        Map<String, Line> first = new HashMap<>();
        List<Line> identityFiles = new ArrayList<>();
        for (Line l : lines) {
            if (!l.condition().matches(typed.host())) {
                continue;
            }
            if (l.keyword().equals("identityfile")) {
                identityFiles.add(l);
            } else if (l.keyword().startsWith("proxy")) {
                first.putIfAbsent("proxy", l); // ProxyJump and ProxyCommand exclude each other: first one wins
            } else {
                first.putIfAbsent(l.keyword(), l);
            }
        }
        String hostname = Optional.ofNullable(first.get("hostname"))
                .map(l -> l.value().replace("%h", typed.host()).replace("%%", "%")).orElse(typed.host());
        Optional<String> user = typed.user().or(() -> Optional.ofNullable(first.get("user")).map(Line::value));
        int port = typed.port() > 0 ? typed.port()
                : Optional.ofNullable(first.get("port")).map(l -> port(l.value(), l.file(), l.number())).orElse(22);
        Duration connectTimeout = Optional.ofNullable(first.get("connecttimeout")).map(SshConfigResolver::seconds)
                .orElse(HostSpec.DEFAULT_CONNECT_TIMEOUT);
        Duration alive = Optional.ofNullable(first.get("serveraliveinterval")).map(SshConfigResolver::seconds)
                .orElse(HostSpec.DEFAULT_SERVER_ALIVE);
        String remoteUser = user.orElse(System.getProperty("user.name"));
        List<Path> keys = new ArrayList<>();
        for (Line l : identityFiles) {
            if (!l.value().equalsIgnoreCase("none")) {
                keys.add(expandPath(l.value(), typed.host(), hostname, remoteUser, port));
            }
        }
        Optional<Path> knownHosts = Optional.ofNullable(first.get("userknownhostsfile"))
                .map(l -> SshConfigSyntax.tokens(l.value()).isEmpty() ? "none" : SshConfigSyntax.tokens(l.value()).get(0))
                .filter(v -> !v.equalsIgnoreCase("none"))
                .map(v -> expandPath(v, typed.host(), hostname, remoteUser, port));
        List<HostSpec> jumps = new ArrayList<>();
        Line proxyJump = first.get("proxy");
        String hops = proxyJump == null ? "none"
                : proxyJump.keyword().equals("proxyjump") ? proxyJump.value() : ProxyCommandJump.asJump(proxyJump.value(), proxyJump.file(), proxyJump.number());
        if (!hops.equalsIgnoreCase("none")) {
            List<String> nextChain = new ArrayList<>(chain);
            nextChain.add(typed.host());
            for (String hop : hops.split(",")) {
                String h = hop.strip();
                if (h.isEmpty()) {
                    throw new SshConfigException(proxyJump.file() + " line " + proxyJump.number()
                            + ": ProxyJump has an empty hop; write hops as `user@host:port` separated by commas.",
                            Optional.of(proxyJump.file()), proxyJump.number());
                }
                TypedTarget hopTarget = TypedTarget.parse(h, Optional.of(proxyJump.file()), proxyJump.number());
                HostSpec hopSpec = resolve(hopTarget, h, depth + 1, nextChain);
                jumps.addAll(hopSpec.jumps()); // a hop's own ProxyJump comes before it
                jumps.add(withoutJumps(hopSpec));
            }
        }
        return new HostSpec(alias, user, hostname, port, keys, jumps, connectTimeout, alive, knownHosts);
    }

    private static HostSpec withoutJumps(HostSpec h) {
        return new HostSpec(h.alias(), h.user(), h.hostname(), h.port(), h.identityFiles(), List.of(),
                h.connectTimeout(), h.serverAliveInterval(), h.knownHostsFile());
    }

    private static int port(String value, Path file, int line) {
        return port(value, file, line, null);
    }

    static int port(String value, Path file, int line, String typed) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (file == null) {
            throw new SshConfigException("'" + typed + "' has the port '" + value
                    + "', which is not a number from 1 to 65535: write user@host:port, for example root@10.0.0.5:2222.",
                    Optional.empty(), 0);
        }
        throw new SshConfigException(file + " line " + line + ": the port '" + value
                + "' is not a number from 1 to 65535; fix the line.", Optional.of(file), line);
    }

    private static Duration seconds(Line l) {
        try {
            long s = Long.parseLong(l.value().strip());
            if (s >= 0 && s <= 86_400) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SshConfigException(l.file() + " line " + l.number() + ": " + keywordName(l.keyword()) + " '"
                + l.value() + "' is not a number of seconds; write for example `" + keywordName(l.keyword()) + " 10`.",
                Optional.of(l.file()), l.number());
    }

    private static String keywordName(String lower) {
        return switch (lower) {
            case "serveraliveinterval" -> "ServerAliveInterval";
            case "connecttimeout" -> "ConnectTimeout";
            case "hostname" -> "HostName";
            case "user" -> "User";
            default -> lower;
        };
    }

    /** {@code ~} and the tokens ssh_config(5) allows in IdentityFile: %d %u %h %r %n %p %%. */
    private static Path expandPath(String value, String original, String hostname, String remoteUser, int port) {
        String home = System.getProperty("user.home");
        String v = value;
        if (v.equals("~")) {
            v = home;
        } else if (v.startsWith("~/")) {
            v = home + v.substring(1);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 1 < v.length()) {
                char t = v.charAt(++i);
                switch (t) {
                    case 'd' -> sb.append(home);
                    case 'u' -> sb.append(System.getProperty("user.name"));
                    case 'h' -> sb.append(hostname);
                    case 'n' -> sb.append(original);
                    case 'r' -> sb.append(remoteUser);
                    case 'p' -> sb.append(port);
                    case '%' -> sb.append('%');
                    default -> sb.append('%').append(t);
                }
            } else {
                sb.append(c);
            }
        }
        Path p = Path.of(sb.toString());
        return p.isAbsolute() ? p : Path.of(home).resolve(p);
    }

    private static String unquote(String v) {
        String s = v.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
