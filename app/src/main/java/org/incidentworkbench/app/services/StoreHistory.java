package org.incidentworkbench.app.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The metrics store as a command's triage reads it for forecasts: opened at the first use, and only when the
 * file exists (a triage never creates a store); a store that cannot be opened (another workbench holds it)
 * is no history, with {@link #problem()} saying why. Closed with the command.
 *
 * <p>Thread-safe: hosts finish on several threads.
 */
public final class StoreHistory implements Supplier<Optional<StoreService>>, AutoCloseable {

    private final Path file;
    private boolean tried;
    private StoreService store;
    private String problem;

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
                    problem = "the metrics store " + file + " could not be opened (" + e.getMessage()
                            + "), so the findings say nothing of time to full; stop the workbench that holds it (a window, or a"
                            + " running 'workbench sample') and triage again.";
                }
            }
        }
        return Optional.ofNullable(store);
    }

    /** Why the store's history was left out, if it was. */
    public synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
