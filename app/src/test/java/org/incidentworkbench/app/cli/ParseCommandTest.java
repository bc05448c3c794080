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

    @Test
    void aDirectoryIsSaidToBeOne(@org.junit.jupiter.api.io.TempDir Path dir) {
        Run r = run("", "auto", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(dir.toAbsolutePath() + " is a directory; give the path of a file"), r.err());
        assertTrue(!r.err().contains("does not exist"), r.err());
    }

    @Test
    void emptyAndHeaderOnlyInputIsNoDataRowsWithExit1() throws Exception {
        for (String args : List.of("auto -", "ps -")) {
            Run empty = run("\uFEFF\r\n", args.split(" "));
            assertEquals(1, empty.exit(), args);
            assertTrue(empty.err().contains("no data rows") && empty.out().isEmpty(), empty.err() + empty.out());
        }
        for (String f : List.of("ps-p-999999--header-only.out", "ss-tan-state-syn-recv--header-only.out")) {
            Run r = run("", "auto", fixture(f));
            assertEquals(1, r.exit(), f + ": " + r.out());
            assertTrue(r.err().contains("holds no data rows") && !r.out().contains("0 processes"), r.err() + r.out());
            Run json = run("", "auto", fixture(f), "--json");
            assertEquals(1, json.exit());
            assertTrue(!Json.mapper().readTree(json.out()).path("parsed").asBoolean(), json.out());
        }
    }

    @Test
    void psWithoutRssShowsNoRssAndAThreadListingCountsProcesses() throws Exception {
        Run noRss = run("", "auto", fixture("ps-eo--pid-ppid-user-stat-comm.out"));
        assertEquals(0, noRss.exit(), noRss.err());
        String summary = noRss.out().lines().findFirst().orElseThrow();
        assertTrue(summary.startsWith("ps: ") && !summary.contains("RSS") && !summary.contains(" 0 B"), summary);
        Run threads = run("", "auto", fixture("ps-eLf.out"));
        assertEquals(0, threads.exit(), threads.err());
        long rows = Files.readString(Path.of(fixture("ps-eLf.out"))).lines().count() - 1;
        assertTrue(threads.out().lines().findFirst().orElseThrow().matches("ps: \\d+ processes \\(" + rows + " threads\\);.*"),
                threads.out().lines().findFirst().orElseThrow());
        Run forest = run("", "auto", fixture("ps-auxf.out"), "--json");
        JsonNode procs = Json.mapper().readTree(forest.out()).path("data").path("processes");
        for (JsonNode p : procs) {
            assertTrue(!p.path("command").asText().startsWith("\\_") && p.path("depth").isInt(), p.toString());
        }
    }

    @Test
    void autoStopsReadingWhenThePrefixIsNoCommandsOutput() {
        // 20 MB of text no parser recognises: auto refuses after the bounded prefix, without reading the rest
        long size = 20L << 20;
        long[] read = {0};
        java.io.InputStream noise = new java.io.InputStream() {
            @Override
            public int read() {
                return read[0]++ < size ? (read[0] % 61 == 0 ? '\n' : 'a' + (int) (read[0] % 23)) : -1;
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(List.of(new ParseCommand(() -> noise))).run(List.of("parse", "auto", "-"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("could not tell which command printed -"), err.toString(StandardCharsets.UTF_8));
        assertTrue(read[0] < 1 << 20, "read " + read[0] + " bytes of " + size);
    }

    @Test
    void aNoisyPasteShowsTheFirstWarningsAndSaysHowManyMore() throws Exception {
        String ps = Files.readString(Path.of(fixture("ps-aux.out")));
        Run r = run(ps + "garbage line without a pid\n".repeat(30), "ps", "-");
        assertEquals(0, r.exit(), r.err());
        // two warnings per line (PID not a number, row skipped): 60, of which 20 are shown
        assertEquals(21, r.out().lines().filter(l -> l.startsWith("warning: ")).count(), r.out());
        assertTrue(r.out().contains("warning: ... and 40 more (--json lists them all)"), r.out());
    }
}
