package org.incidentworkbench.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentworkbench.ssh.SshConfigSyntax;

/**
 * Lists the hosts named in an OpenSSH client config ({@code ~/.ssh/config}): every {@code Host}
 * pattern without wildcards or negation. Patterns such as {@code *.prod} or {@code !bastion} match
 * hosts rather than name them, so they are skipped and counted in a note. {@code Include} is
 * followed (relative paths from {@code ~/.ssh}, globs in the file name), as ssh(1) does, at most
 * 16 levels deep.
 *
 * <pre>
 * Host web-1 web-2        -> web-1, web-2 (role web)
 *   HostName 10.0.0.5
 * Host *.internal !x      -> skipped (patterns)
 * Include conf.d/*.conf   -> read as well
 * </pre>
 *
 * <p>Stateless and thread-safe. Connecting is the resolver's job ({@code SshConfigResolver}); this
 * class only names hosts for the list.
 */
public final class SshConfigHosts {

    private static final int MAX_INCLUDE_DEPTH = 16;

    private SshConfigHosts() {
    }

    /** Reads {@code file} and what it includes; a missing file gives an empty list with a note. */
    public static HostImport read(Path file) throws IOException {
        Map<String, HostEntry> hosts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            notes.add("There is no SSH config at " + file + "; nothing was imported from it.");
            return new HostImport(List.of(), notes);
        }
        Path sshDir = file.toAbsolutePath().getParent();
        int[] skipped = {0};
        readInto(file, sshDir, hosts, notes, skipped, 0);
        if (skipped[0] > 0) {
            notes.add(skipped[0] + " Host pattern(s) with wildcards or negation were skipped: they match hosts but do not name one.");
        }
        return new HostImport(List.copyOf(hosts.values()), notes);
    }

    /** Parses config text that includes nothing (for pasted text and tests). */
    public static HostImport parse(String text) {
        Map<String, HostEntry> hosts = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int[] skipped = {0};
        scan(text, null, hosts, notes, skipped, 0);
        if (skipped[0] > 0) {
            notes.add(skipped[0] + " Host pattern(s) with wildcards or negation were skipped: they match hosts but do not name one.");
        }
        return new HostImport(List.copyOf(hosts.values()), notes);
    }

    private static void readInto(Path file, Path sshDir, Map<String, HostEntry> hosts, List<String> notes,
                                 int[] skipped, int depth) throws IOException {
        scan(Files.readString(file), sshDir, hosts, notes, skipped, depth);
    }

    private static void scan(String text, Path sshDir, Map<String, HostEntry> hosts, List<String> notes,
                             int[] skipped, int depth) {
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = SshConfigSyntax.splitKeyword(line);
            String keyword = kv[0].toLowerCase(java.util.Locale.ROOT);
            String args = kv[1];
            if (keyword.equals("host")) {
                for (String pattern : SshConfigSyntax.tokens(args)) {
                    if (pattern.contains("*") || pattern.contains("?") || pattern.startsWith("!")) {
                        skipped[0]++;
                    } else {
                        hosts.putIfAbsent(pattern, HostEntry.named(pattern, HostSource.SSH_CONFIG));
                    }
                }
            } else if (keyword.equals("include")) {
                if (sshDir == null) {
                    notes.add("Include " + args + " was not followed (pasted text has no directory).");
                } else if (depth >= MAX_INCLUDE_DEPTH) {
                    notes.add("Include " + args + " was not followed: includes nest more than " + MAX_INCLUDE_DEPTH + " deep (a loop?).");
                } else {
                    for (String pattern : SshConfigSyntax.tokens(args)) {
                        for (Path included : SshConfigSyntax.expandInclude(sshDir, pattern, (dir, e) ->
                                notes.add("Could not list " + dir + " for Include " + pattern + ": " + e.getMessage()))) {
                            try {
                                readInto(included, sshDir, hosts, notes, skipped, depth + 1);
                            } catch (IOException e) {
                                notes.add("Could not read included file " + included + ": " + e.getMessage());
                            }
                        }
                    }
                }
            }
        }
    }

    static Set<String> keywords() {
        return Set.of("host", "include");
    }
}
