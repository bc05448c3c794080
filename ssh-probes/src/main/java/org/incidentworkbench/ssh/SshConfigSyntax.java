package org.incidentworkbench.ssh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The line syntax of {@code ssh_config(5)}, shared by {@link SshConfigResolver} (which connects) and
 * {@code hosts.SshConfigHosts} (which only names hosts for the list) so that both read a config the
 * same way: keyword/argument split, double-quoted arguments, {@code Include} globs. Needs no JSch, so
 * packages other than {@code ssh} may use it. Stateless.
 */
public final class SshConfigSyntax {

    private SshConfigSyntax() {
    }

    /**
     * {@code Keyword value}, {@code Keyword=value} and {@code Keyword = value} are all allowed by
     * ssh_config(5); returns {keyword as written, arguments stripped}.
     */
    public static String[] splitKeyword(String line) {
        int i = 0;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '=') {
            i++;
        }
        String keyword = line.substring(0, i);
        String rest = line.substring(i).strip();
        if (rest.startsWith("=")) {
            rest = rest.substring(1).strip();
        }
        return new String[] {keyword, rest};
    }

    /** Whitespace-separated arguments, with double quotes grouping. */
    public static List<String> tokens(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /**
     * The regular files one {@code Include} argument names, sorted: {@code ~/} is the user's home, a
     * relative path is taken from {@code base} ({@code ~/.ssh}), globs are allowed in the file name.
     * A directory that cannot be listed matches nothing, as glob(3) would; {@code unlistable} is told
     * which directory and why.
     */
    public static List<Path> expandInclude(Path base, String pattern, BiConsumer<Path, IOException> unlistable) {
        String p = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
        Path path = Path.of(p);
        if (!path.isAbsolute()) {
            path = base.resolve(path);
        }
        String name = path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return Files.isRegularFile(path) ? List.of(path) : List.of();
        }
        List<Path> out = new ArrayList<>();
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
            for (Path f : ds) {
                if (Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            unlistable.accept(dir, e);
        }
        out.sort(null);
        return out;
    }
}
