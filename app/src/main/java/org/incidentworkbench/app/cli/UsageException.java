package org.incidentworkbench.app.cli;

/** A command line that cannot be run as typed; the CLI prints the message and exits with 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
