package org.incidentworkbench.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command tree as a whole: generated help for every command, completion, unknown names, exit codes. */
class CliTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.standard().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandAndSubcommandHasGeneratedHelp() {
        List<List<String>> commands = List.of(List.of("version"), List.of("triage"), List.of("parse"), List.of("sample"),
                List.of("store"), List.of("store", "query"), List.of("store", "export"), List.of("playbook"),
                List.of("playbook", "replay"), List.of("incident"), List.of("incident", "close"), List.of("completion"));
        for (List<String> c : commands) {
            Run help = run(Stream.concat(c.stream(), Stream.of("--help")).toArray(String[]::new));
            assertEquals(0, help.exit(), c + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: workbench " + String.join(" ", c)), c + ":\n" + help.out());
            assertTrue(help.out().contains("-h, --help"), c + ":\n" + help.out());
        }
        Run all = run("--help");
        for (String name : List.of("triage", "parse", "sample", "store", "playbook", "incident", "completion", "version")) {
            assertTrue(all.out().lines().anyMatch(l -> l.startsWith("  " + name + " ")), name + " missing:\n" + all.out());
        }
        assertEquals(all.out(), run().out(), "no arguments print the same list (the launcher opens the window instead)");
        assertEquals(all.out(), run("help").out());
        assertEquals(run("triage", "--help").out(), run("help", "triage").out());
    }

    /**
     * Picocli formats help texts with String.format: a bare '%' in a description ("95 % interval") makes it warn on
     * System.err, outside the command's streams, and print the text raw. Every command's help, rendered here, must not.
     */
    @Test
    void noHelpTextTripsPicocliFormatting() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> problems = new java.util.ArrayList<>();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Stream<picocli.CommandLine> all = walk(Cli.standard().commandLine(sink, sink));
            all.forEach(cl -> {
                String usage = cl.getUsageMessage();
                if (usage.contains("%n")) {
                    problems.add(cl.getCommandSpec().qualifiedName() + " prints a raw %n");
                }
            });
        } finally {
            System.setErr(saved);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertTrue(problems.isEmpty() && !warnings.contains("picocli WARN"), problems + "\n" + warnings);
    }

    private static Stream<picocli.CommandLine> walk(picocli.CommandLine cl) {
        return Stream.concat(Stream.of(cl), cl.getSubcommands().values().stream().distinct().flatMap(CliTest::walk));
    }

    @Test
    void versionBothWays() {
        assertTrue(run("--version").out().startsWith("Incident Workbench "));
        assertEquals(run("--version").out(), run("version").out());
    }

    @Test
    void completionIsABashScriptThatKnowsTheCommandsAndOptions() throws Exception {
        Run r = run("completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().lines().findFirst().orElse(""));
        for (String word : List.of("triage", "incident", "--known-hosts", "--max-points", "--no-redact")) {
            assertTrue(r.out().contains(word), word);
        }
        Path script = Files.createTempFile("workbench-completion", ".bash");
        try {
            Files.writeString(script, r.out());
            Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, bash.waitFor(), "bash -n rejects the script: " + said);
        } finally {
            Files.delete(script);
        }
    }

    @Test
    void mistakesAreSentencesWithExit2() {
        Run unknown = run("triag");
        assertEquals(2, unknown.exit());
        assertEquals("workbench: there is no command called 'triag'.\nRun 'workbench --help' to list the commands.\n", unknown.err());
        Run sub = run("store", "drop");
        assertEquals(2, sub.exit());
        assertTrue(sub.err().startsWith("workbench store: 'drop' is not a store subcommand; use export, import, info, query or series.\n"),
                sub.err());
        Run missing = run("store", "query");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("workbench store query: give a SELECTOR such as 'cpu.iowait{host=web-*}'"), missing.err());
        Run noFile = run("incident", "attach");
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().startsWith("workbench incident attach: give FILE.\nRun 'workbench incident attach --help'"), noFile.err());
        Run notInt = run("store", "query", "cpu.user", "--max-points", "many");
        assertEquals(2, notInt.exit());
        assertTrue(notInt.err().contains("--max-points takes N: "), notInt.err());
        assertEquals(2, run("incident").exit(), "a group without a subcommand did nothing");
    }

    @Test
    void theOldPlaybookSpellingsReachIncident() {
        assertEquals(List.of("incident", "new", "x"), Cli.aliased(List.of("playbook", "new", "x")));
        assertEquals(List.of("playbook", "replay", "x"), Cli.aliased(List.of("playbook", "replay", "x")));
        assertEquals(run("incident", "close", "--help").out(), run("playbook", "close", "--help").out());
    }
}
