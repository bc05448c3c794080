package org.incidentworkbench.ssh;

import java.io.IOException;

/** A host could not be connected to; {@link #failure()} says why in words meant for the user. */
public final class HostConnectException extends IOException {

    private final HostFailure failure;

    public HostConnectException(HostFailure failure, Throwable cause) {
        super(failure.message(), cause);
        this.failure = failure;
    }

    public HostFailure failure() {
        return failure;
    }
}
