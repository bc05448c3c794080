package org.incidentworkbench.ssh;

/**
 * Why a host could not be triaged at all (as opposed to one probe failing).
 *
 * @param kind    what went wrong, for grouping and for the UI's offered fix
 * @param message a full sentence for the user, saying what to do
 * @param detail  technical detail (the underlying exception, a fingerprint, a known_hosts line), may be empty
 */
public record HostFailure(Kind kind, String message, String detail) {

    public enum Kind {
        UNREACHABLE, CONNECT_TIMEOUT, AUTH_FAILED, HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, PROTOCOL_ERROR, BAD_CONFIG, CANCELLED,
        /** Connected, but no probe produced parsed data (a hung login, garbage output): not a triage. */
        NO_DATA
    }
}
