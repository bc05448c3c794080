package org.incidentworkbench.ssh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ProxyCommand forms that are a jump host in disguise ({@code ssh -W %h:%p bastion},
 * {@code ssh bastion nc %h %p}), turned into a ProxyJump hop; anything else is refused by line,
 * because running arbitrary local commands is not something a triage tool should do silently.
 */
final class ProxyCommandJump {
    private static final java.util.Set<String> NO_ARG = java.util.Set.of("-q", "-x", "-a", "-A", "-T", "-N",
            "-C", "-4", "-6", "-v", "-vv", "-vvv", "-n", "-k");
    private static final java.util.Set<String> IGNORED_ARG = java.util.Set.of("-o", "-F", "-i", "-c", "-m", "-b");

    private ProxyCommandJump() {
    }

    static String asJump(String value, Path file, int line) {
        String v = value.strip();
        if (v.equalsIgnoreCase("none")) {
            return "none";
        }
        List<String> t = new ArrayList<>(SshConfigSyntax.tokens(v));
        if (!t.isEmpty() && t.get(0).equals("exec")) {
            t.remove(0);
        }
        if (t.isEmpty() || !(t.get(0).equals("ssh") || t.get(0).endsWith("/ssh"))) {
            throw unsupported(value, file, line);
        }
        String user = null;
        String port = null;
        String dest = null;
        boolean forwards = false;
        for (int i = 1; i < t.size(); i++) {
            String a = t.get(i);
            if (a.equals("-W") && i + 1 < t.size()) {
                String w = t.get(++i);
                forwards = w.equals("%h:%p") || w.equals("[%h]:%p");
                if (!forwards) {
                    throw unsupported(value, file, line);
                }
            } else if (a.equals("-p") && i + 1 < t.size()) {
                port = t.get(++i);
            } else if (a.equals("-l") && i + 1 < t.size()) {
                user = t.get(++i);
            } else if (IGNORED_ARG.contains(a) && i + 1 < t.size()) {
                i++;
            } else if (NO_ARG.contains(a)) {
                continue;
            } else if (a.startsWith("-")) {
                throw unsupported(value, file, line);
            } else if (dest == null) {
                dest = a;
            } else if (!forwards && List.of("nc", "netcat", "ncat").contains(a) && i + 2 == t.size() - 1
                    && t.get(i + 1).equals("%h") && t.get(i + 2).equals("%p")) {
                forwards = true;
                i += 2;
            } else {
                throw unsupported(value, file, line);
            }
        }
        if (dest == null || !forwards) {
            throw unsupported(value, file, line);
        }
        return (user != null && !dest.contains("@") ? user + "@" : "") + dest + (port != null ? ":" + port : "");
    }

    private static SshConfigException unsupported(String value, Path file, int line) {
        return new SshConfigException(file + " line " + line + ": ProxyCommand `" + value
                + "` is not something the workbench will run; write `ProxyJump BASTION` instead "
                + "(OpenSSH 7.3 and later understand it too).", Optional.of(file), line);
    }
}
