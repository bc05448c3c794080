package org.incidentworkbench.history;

/** A Prometheus-compatible server could not give what was asked; the message says why and what to do. */
public final class PromException extends Exception {

    public PromException(String message) {
        super(message);
    }
}
