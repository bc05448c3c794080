package org.incidentworkbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app module's front door, checked on its sources: {@code services} and {@code model} sit below both
 * front ends and know neither, and the two front ends ({@code cli} and {@code ui}) do not know each other.
 * A reference is an import or a fully qualified name outside comments.
 */
class PackageDependenciesTest {

    private static final Path APP = Path.of("src/main/java/org/incidentworkbench/app");

    @Test
    void uiNeverReachesIntoCli() {
        assertEquals(List.of(), references("ui", "cli", null));
    }

    @Test
    void cliNeverReachesIntoUi() {
        assertEquals(List.of(), references("cli", "ui", null));
    }

    @Test
    void servicesAndModelKnowNeitherFrontEnd() {
        for (String lower : List.of("services", "model", "format")) {
            assertEquals(List.of(), references(lower, "ui", null), lower + " must not know the window");
            assertEquals(List.of(), references(lower, "cli", null), lower + " must not know the command line");
        }
    }

    @Test
    void modelHasNoJavaFx() {
        assertEquals(List.of(), matches("model", Pattern.compile("\\bjavafx\\."), null));
    }

    @Test
    void aReferenceIsFound() {
        // the check itself: the window does reach the services, so a scan for that must find it
        assertTrue(!references("ui", "services", null).isEmpty(), "the scan found no ui -> services reference");
    }

    /** "file:line" of every reference from package {@code from} to package {@code to}. */
    private static List<String> references(String from, String to, String skip) {
        return matches(from, Pattern.compile("\\borg\\.incidentworkbench\\.app\\." + to + "\\b"), skip);
    }

    private static List<String> matches(String from, Pattern pattern, String skip) {
        Path dir = APP.resolve(from);
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is missing: run the test from the app module");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (skip != null && f.startsWith(APP.resolve(skip))) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
                    if (!comment && pattern.matcher(line).find()) {
                        found.add(APP.relativize(f) + ":" + (i + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
