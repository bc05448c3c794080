package org.incidentworkbench.app.ui.metrics;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.incidentworkbench.app.services.StoreService;

/**
 * Opens the window's {@link StoreService} on first use, from a background thread (opening an H2 file takes a
 * moment and must never happen on the FX thread), and closes it with the window. Thread-safe.
 */
public final class StoreHolder implements Supplier<StoreService>, AutoCloseable {

    private final Path file;
    private StoreService store;
    private boolean closed;

    public StoreHolder(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized StoreService get() {
        if (closed) {
            throw new IllegalStateException("The metrics store " + file + " was closed with the window.");
        }
        if (javafx.application.Platform.isFxApplicationThread()) {
            throw new IllegalStateException("The metrics store is opened and read off the FX thread; this is a bug in the caller.");
        }
        if (store == null) {
            store = StoreService.open(file);
        }
        return store;
    }

    public synchronized boolean isOpen() {
        return store != null && !closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }
}
