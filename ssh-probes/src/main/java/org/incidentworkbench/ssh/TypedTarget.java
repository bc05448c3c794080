package org.incidentworkbench.ssh;

import java.nio.file.Path;
import java.util.Optional;

/** What was typed: {@code [user@]host[:port]}, {@code [user@][v6]:port}, {@code ssh://user@host:port}. */
record TypedTarget(Optional<String> user, String host, int port) {

    static TypedTarget parse(String text, Optional<Path> file, int line) {
        String t = text.strip();
        String where = file.map(f -> f + " line " + line + ": ").orElse("");
        if (t.startsWith("ssh://")) {
            t = t.substring("ssh://".length());
            if (t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
        }
        if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace)) {
            throw new SshConfigException(where + "'" + text + "' is not a host: write a name from ~/.ssh/config or "
                    + "user@host:port.", file, line);
        }
        Optional<String> user = Optional.empty();
        int at = t.lastIndexOf('@');
        if (at >= 0) {
            if (at == 0) {
                throw new SshConfigException(where + "'" + text + "' has an empty user name before @: write user@host.",
                        file, line);
            }
            user = Optional.of(t.substring(0, at));
            t = t.substring(at + 1);
        }
        int port = 0;
        String host;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new SshConfigException(where + "'" + text + "' opens [ without closing it: write [address]:port.",
                        file, line);
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (rest.startsWith(":")) {
                port = SshConfigResolver.port(rest.substring(1), file.orElse(null), line, text);
            } else if (!rest.isEmpty()) {
                throw new SshConfigException(where + "'" + text + "' has text after ]: write [address]:port.", file, line);
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = SshConfigResolver.port(t.substring(t.indexOf(':') + 1), file.orElse(null), line, text);
        } else {
            host = t; // a bare IPv6 address has several colons and no port
        }
        if (host.isEmpty()) {
            throw new SshConfigException(where + "'" + text + "' names no host: write user@host:port.", file, line);
        }
        return new TypedTarget(user, host, port);
    }
}
