package org.incidentworkbench.timeseries;

import java.nio.file.Path;

/**
 * The store cannot do what was asked because of its file or its database: the file is not a store,
 * is damaged, is from a newer version, cannot be created, or a write failed. The message is a full
 * sentence that names the file and says what is wrong.
 */
public final class StoreException extends RuntimeException {

    private final transient Path file;

    public StoreException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public StoreException(Path file, String message) {
        this(file, message, null);
    }

    /** The store file concerned. */
    public Path file() {
        return file;
    }
}
