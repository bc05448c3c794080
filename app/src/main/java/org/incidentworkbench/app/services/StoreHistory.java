package org.incidentworkbench.app.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The metrics store as a command's triage reads it for forecasts: opened at the first use, and only when the
 * file exists (a triage never creates a store). When another process holds the file (a running {@code workbench
 * sample}, or the window: H2 lets one process open it), the history is read from a copy of the file taken now,
 * which H2 opens as of its last complete write, and {@link #notice()} says so and names the process; the held file
 * is only read. A store that cannot be read even so is no history, with {@link #problem()} saying why and what to do.
 * Closed with the command (the copy is deleted).
 *
 * <p>Thread-safe: hosts finish on several threads.
 */
public final class StoreHistory implements Supplier<Optional<StoreService>>, AutoCloseable {

    private final Path file;
    private boolean tried;
    private StoreService store;
    private Path copyDir;
    private String problem;
    private String notice;

    public StoreHistory(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Optional<StoreService> get() {
        if (!tried) {
            tried = true;
            if (Files.exists(file)) {
                try {
                    store = StoreService.open(file);
                } catch (RuntimeException e) {
                    if (heldByAnother(e)) {
                        openCopy(e);
                    } else {
                        problem = "the metrics store " + file + " could not be opened (" + e.getMessage()
                                + "), so the findings say nothing of time to full.";
                    }
                }
            }
        }
        return Optional.ofNullable(store);
    }

    private void openCopy(RuntimeException locked) {
        String holder = FileHolders.describe(file).orElse("another workbench (a window, or a running 'workbench sample')");
        try {
            copyDir = Files.createTempDirectory("workbench-store-copy");
            Path copy = copyDir.resolve(file.getFileName());
            Files.copy(file, copy);
            store = StoreService.open(copy);
            notice = "the metrics store " + file + " is in use by " + holder + ", so its history was read from a copy taken"
                    + " at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " (the file itself was only read).";
        } catch (IOException | RuntimeException e) {
            deleteCopy();
            problem = "the metrics store " + file + " is in use by " + holder + " and a copy of it could not be read ("
                    + e.getMessage() + "), so the findings say nothing of time to full. Stop that process, or copy the"
                    + " file and pass the copy with --db, and triage again.";
        }
    }

    /** H2's "Database may be already in use" (90020): the file lock of another process. */
    static boolean heldByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    /** Why the store's history was left out, if it was. */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** That the history came from a copy of a store another process holds, and which process, if it did. */
    public synchronized Optional<String> notice() {
        return Optional.ofNullable(notice);
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        deleteCopy();
    }

    private void deleteCopy() {
        if (copyDir == null) {
            return;
        }
        try (var files = Files.walk(copyDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
        copyDir = null;
    }
}
