package org.incidentworkbench.app.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which other process has a file open, from Linux's {@code /proc/PID/fd} links (the user's own processes are the
 * ones readable, and the only ones that can hold the user's store): "process 4242 (workbench sample --local)". Empty
 * where there is no {@code /proc} or no other process has it open.
 */
public final class FileHolders {

    private FileHolders() {
    }

    /** The first other process that has {@code file} open, described for a sentence. */
    public static Optional<String> describe(Path file) {
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                if (Long.parseLong(proc.getFileName().toString()) != self && holds(proc, target)) {
                    return Optional.of("process " + proc.getFileName() + command(proc).map(c -> " (" + c + ")").orElse(""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no /proc (not Linux): the sentence names no process
        }
        return Optional.empty();
    }

    private static boolean holds(Path proc, Path target) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or gone
        }
        return false;
    }

    /** "workbench sample --local ..." for the workbench's own launcher, else the command line, shortened. */
    static Optional<String> command(Path proc) {
        try {
            String[] args = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
            List<String> list = new ArrayList<>(Arrays.asList(args));
            int launcher = list.indexOf("org.incidentworkbench.app.Launcher");
            String text = launcher >= 0 ? "workbench " + String.join(" ", list.subList(launcher + 1, list.size()))
                    : String.join(" ", list);
            text = text.strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.length() > 120 ? text.substring(0, 117) + "..." : text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
