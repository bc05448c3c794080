package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code playbook share}, {@code playbook library} over the five shipped samples plus a shared copy,
 * and notes that are text whatever they start with ({@code --}, {@code --file}, {@code -}).
 */
class SharingCommandsTest {

    static final Path SAMPLES = Path.of("src/main/resources/samples");
    static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(List.of(new PlaybookCommand(), new IncidentCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))));
        int exit = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @AfterEach
    void clearDataDir() {
        System.clearProperty("workbench.dataDir");
    }

    @Test
    void shareWritesAVerifiedRedactedCopyAndLeavesTheOriginal() throws Exception {
        Path original = dir.resolve("cpu-hog.iwbundle");
        Files.copy(SAMPLES.resolve("cpu-hog.iwbundle"), original);
        byte[] before = Files.readAllBytes(original);
        Run r = run("", "playbook", "share", original.toString());
        assertEquals(0, r.exit(), r.err());
        Path copy = dir.resolve("cpu-hog-shared.iwbundle");
        assertEquals(copy.toString(), r.out().strip());
        assertTrue(r.err().contains("Wrote a copy redacted for sharing on "), r.err());
        assertTrue(r.err().contains("hosts aliased"), r.err());
        assertTrue(r.err().contains(copy + ": intact"), r.err());
        assertArrayEquals(before, Files.readAllBytes(original));
        IncidentBundle shared = IncidentBundle.open(copy);
        assertTrue(shared.manifest().redactedForSharing());
        assertEquals(List.of("host-1"), shared.manifest().hosts());
        assertEquals(0, run("", "playbook", "verify", copy.toString()).exit());
        assertEquals(0, run("", "playbook", "replay", "--speed", "max", copy.toString()).exit());

        Run again = run("", "playbook", "share", original.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("exists already; name another file with -o FILE"), again.err());
        Run kept = run("", "playbook", "share", "--keep-hosts", "-o", dir.resolve("kept.iwbundle").toString(), original.toString());
        assertEquals(0, kept.exit(), kept.err());
        assertEquals(List.of("lab-1"), IncidentBundle.open(dir.resolve("kept.iwbundle")).manifest().hosts());
    }

    @Test
    void libraryListsAndSearchesTheFiveSamplesPlusASharedCopy() throws Exception {
        Path library = dir.resolve("team");
        Files.createDirectories(library);
        for (String s : List.of("close-wait-leak", "cpu-hog", "disk-full", "log-flood", "memory-leak-oom")) {
            Files.copy(SAMPLES.resolve(s + ".iwbundle"), library.resolve(s + ".iwbundle"));
        }
        assertEquals(0, run("", "playbook", "share", "-o", library.resolve("disk-full-shared.iwbundle").toString(),
                library.resolve("disk-full.iwbundle").toString()).exit());

        Run all = run("", "playbook", "library", library.toString());
        assertEquals(0, all.exit(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals(6, lines.size(), all.out());
        assertTrue(all.err().contains("6 incidents in " + library + " (5 not redacted for sharing)."), all.err());
        String shared = lines.stream().filter(l -> l.endsWith("disk-full-shared.iwbundle")).findFirst().orElseThrow();
        assertTrue(shared.contains("SEV-3  Nightly export fails: no space left  [disk-full]  roles: lab  findings: "), shared);
        assertFalse(shared.contains("(original"), shared);
        assertTrue(lines.stream().filter(l -> l.contains("(original, not redacted)")).count() == 5);

        Run disk = run("", "playbook", "library", library.toString(), "--search", "rule:fs.full");
        assertEquals(3, disk.out().lines().count(), disk.out());
        assertTrue(disk.err().contains("3 match 'rule:fs.full'"), disk.err());
        assertEquals(1, run("", "playbook", "library", library.toString(), "--search", "playbook:network-errors").out().lines().count());
        assertEquals(2, run("", "playbook", "library", library.toString(), "--search", "role:lab nightly").out().lines().count());
        assertEquals(6, run("", "playbook", "library", library.toString(), "--search", "tag:action-item").out().lines().count());
        assertEquals(0, run("", "playbook", "library", library.toString(), "--search", "role:db").out().lines().count());

        Run missing = run("", "playbook", "library", dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("There is no folder"), missing.err());
    }

    @Test
    void notesAreTextWhateverTheyStartWith() throws Exception {
        System.setProperty("workbench.dataDir", dir.resolve("data").toString());
        assertEquals(0, run("", "incident", "new", "keys", "leaked").exit());

        Run dashed = run("", "incident", "note", "-----BEGIN OPENSSH PRIVATE KEY-----");
        assertEquals(2, dashed.exit());
        assertTrue(dashed.err().contains("starts with '-', so it reads as an option; to note it, put it after '--'"), dashed.err());
        assertTrue(dashed.err().contains("--file FILE") && dashed.err().contains("'-' to read it from standard input"), dashed.err());

        assertEquals(0, run("", "incident", "note", "--", "-----BEGIN OPENSSH PRIVATE KEY----- pasted in #ops").exit());
        Path file = dir.resolve("key.txt");
        Files.writeString(file, KEY + "\n");
        assertEquals(0, run("", "incident", "note", "--tag", "trigger", "--file", file.toString()).exit());
        Run piped = run("--force was used\nby the deploy job\n", "playbook", "note", "-");
        assertEquals(0, piped.exit(), piped.err());
        Run both = run("", "incident", "note", "--file", file.toString(), "and", "words");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("not both"), both.err());
        assertEquals(2, run("", "incident", "note", "--file", dir.resolve("none.txt").toString()).exit());
        assertEquals(2, run("   \n", "incident", "note", "-").exit());

        Run closed = run("", "incident", "close", "--no-metrics");
        assertEquals(0, closed.exit(), closed.err());
        List<String> notes = new ArrayList<>();
        IncidentBundle.open(Path.of(closed.out().strip())).events().stream().filter(JournalEvent.Note.class::isInstance)
                .forEach(e -> notes.add(((JournalEvent.Note) e).text()));
        assertEquals(List.of("-----BEGIN OPENSSH PRIVATE KEY----- pasted in #ops", KEY, "--force was used\nby the deploy job"), notes);
    }
}
