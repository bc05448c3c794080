package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.json.Json;
import org.junit.jupiter.api.Test;

/** {@code workbench parse}: named parser, auto, stdin, JSON, raw sections, and the exit codes. */
class ParseCommandTest {

    record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ParseCommand command = new ParseCommand(() -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int exit = new Cli(List.of(command)).run(prepend("parse", args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> prepend(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ParseCommandTest.class.getResource("/fixtures/debian-12/" + name).toURI()).toString();
    }

    @Test
    void parsesANamedFileIntoATable() throws Exception {
        Run r = run("", "df", fixture("df-PTk.out"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("df: 5 filesystems; fullest: / 22 % (80 GiB free)"), r.out());
        assertTrue(r.out().contains("filesystems (5):\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("/dev/vda ") && l.strip().endsWith(" /")), r.out());
    }

    @Test
    void autoOnStdinWithJson() throws Exception {
        String ps = Files.readString(Path.of(fixture("ps-aux.out")));
        Run r = run(ps, "auto", "-", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode doc = Json.mapper().readTree(r.out());
        assertEquals("ps", doc.path("parser").asText());
        assertTrue(doc.path("parsed").asBoolean());
        assertEquals(ps.lines().count() - 1, doc.path("data").path("processes").size());
    }

    @Test
    void rawShowsTheSectionsUnparsed() throws IOException {
        Run r = run("Filesystem Inodes\n#### iw-section: df -Pi\nFilesystem Inodes IUsed\n", "df", "-", "--raw");
        assertEquals(0, r.exit(), r.err());
        assertEquals("---- (main command)\nFilesystem Inodes\n---- df -Pi\nFilesystem Inodes IUsed\n", r.out());
    }

    @Test
    void unrecognisedTextExitsWith1AndSaysWhy() {
        Run named = run("hello\n", "df", "-");
        assertEquals(1, named.exit());
        assertTrue(named.err().startsWith("workbench parse: the df parser did not recognise -: "), named.err());
        Run auto = run("hello\n", "auto", "-");
        assertEquals(1, auto.exit());
        assertTrue(auto.err().contains("could not tell which command printed - from its first lines; name the parser"), auto.err());
    }

    @Test
    void usageErrorsExitWith2() {
        Run unknown = run("", "dff", "x");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("there is no parser called 'dff'; use one of w, uptime, ps"), unknown.err());
        assertEquals(2, run("", "df").exit());
        assertEquals(2, run("", "df", "/nonexistent/df.txt").exit());
        assertEquals(2, run("", "df", "-", "--bogus").exit());
        Run help = run("", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("vmstat") && help.out().contains("auto") && help.out().contains("--raw"), help.out());
    }
}
