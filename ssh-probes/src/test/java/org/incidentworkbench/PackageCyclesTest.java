package org.incidentworkbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the packages of ssh-probes layered (parse, ssh below probe, probe below findings): a package
 * cycle means neither side can change or be read alone. Reads the main sources' references to other
 * {@code org.incidentworkbench} packages (imports and fully qualified names) and fails naming the cycle.
 */
class PackageCyclesTest {

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.incidentworkbench\\.([a-z]+)\\.[A-Z]");

    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/incidentworkbench"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(file.getParent()).toString().replace('\\', '/').replace('/', '.')
                        .substring("org.incidentworkbench.".length());
                Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String line : Files.readAllLines(file)) {
                    // javadoc and comments may name another package without depending on it
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue;
                    }
                    Matcher m = REFERENCE.matcher(code);
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            out.add(m.group(1));
                        }
                    }
                }
            }
        }
        return deps;
    }

    /** Some cycle in the graph as "a -> b -> a", or empty. */
    static List<String> cycle(Map<String, Set<String>> deps) {
        for (String start : deps.keySet()) {
            Deque<List<String>> paths = new ArrayDeque<>();
            paths.add(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.poll();
                for (String next : deps.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    if (next.equals(start)) {
                        return longer;
                    }
                    if (seen.add(next)) {
                        paths.add(longer);
                    }
                }
            }
        }
        return List.of();
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> deps = dependencies(Path.of("src/main/java"));
        assertTrue(deps.keySet().containsAll(Set.of("ssh", "probe", "findings", "parse")), deps::toString);
        assertEquals(List.of(), cycle(deps), () -> "package cycle in ssh-probes; dependencies: " + deps);
    }

    @Test
    void theCheckFindsACycle() {
        Map<String, Set<String>> deps = new TreeMap<>(Map.of("ssh", Set.of("probe"), "probe", Set.of("parse", "ssh"), "parse", Set.of()));
        assertEquals(List.of("probe", "ssh", "probe"), cycle(deps));
    }
}
