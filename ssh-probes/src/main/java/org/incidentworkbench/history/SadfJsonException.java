package org.incidentworkbench.history;

/** Text that is not {@code sadf -j} output, with a message that says what was expected. */
public final class SadfJsonException extends Exception {

    public SadfJsonException(String message) {
        super(message);
    }

    public SadfJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
