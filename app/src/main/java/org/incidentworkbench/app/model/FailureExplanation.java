package org.incidentworkbench.app.model;

import org.incidentworkbench.ssh.HostFailure;

/**
 * Turns a host failure into what the window shows: a headline, the transport's own sentence, the
 * technical detail (fingerprints, the known_hosts line) and the fix to offer. The transport's
 * message already says what happened; this adds the "what now" per kind, so the user never has to
 * look the error up.
 */
public record FailureExplanation(String headline, String message, String detail, String fix) {

    public static FailureExplanation of(String host, HostFailure f) {
        String fix = switch (f.kind()) {
            case HOST_KEY_CHANGED -> "Do not connect until you know why the key changed: this is what a man-in-the-middle "
                    + "attack looks like. Ask the server's administrator for its current fingerprint (ssh-keygen -lf "
                    + "/etc/ssh/ssh_host_ed25519_key.pub on the server). If it matches the new fingerprint above, remove the "
                    + "old line with 'ssh-keygen -R " + host + "' and triage again. The window never overrides a changed key.";
            case HOST_KEY_UNKNOWN -> "Compare the fingerprint above with the one the server's administrator gives you, then "
                    + "connect once with 'ssh " + host + "' and answer yes, or trust it here when asked.";
            case AUTH_FAILED -> "Check the user name and key: load your key into the agent ('ssh-add'), or name it with "
                    + "IdentityFile in ~/.ssh/config, and make sure its public half is in the server's authorized_keys.";
            case UNREACHABLE -> "Check the address and port, your VPN, and that sshd runs on the server ('ssh -v " + host + "' shows where it stops).";
            case CONNECT_TIMEOUT -> "The server did not answer in time: check the VPN or a firewall dropping packets, or raise "
                    + "ConnectTimeout for this host in ~/.ssh/config.";
            case PROTOCOL_ERROR -> "The SSH conversation broke off. Try 'ssh -v " + host + "' to see the server's side.";
            case BAD_CONFIG -> "Fix the line named above in ~/.ssh/config; 'ssh -G " + host + "' shows how ssh reads it.";
            case CANCELLED -> "Triage the host again when ready.";
            case NO_DATA -> "Look at the raw text of the probes, then log in with 'ssh " + host + "' to see what the "
                    + "account runs: a login that hangs in ~/.bashrc or ~/.ssh/rc, a ForceCommand, or a shell that prints "
                    + "something else instead of running commands.";
        };
        String headline = switch (f.kind()) {
            case HOST_KEY_CHANGED -> "The host key of " + host + " has CHANGED";
            case HOST_KEY_UNKNOWN -> host + " is not in known_hosts yet";
            case AUTH_FAILED -> "Logging in to " + host + " failed";
            case UNREACHABLE -> host + " is unreachable";
            case CONNECT_TIMEOUT -> "Connecting to " + host + " timed out";
            case PROTOCOL_ERROR -> "The connection to " + host + " failed";
            case BAD_CONFIG -> "The SSH config for " + host + " is wrong";
            case CANCELLED -> "The triage of " + host + " was cancelled";
            case NO_DATA -> host + " was reached but gave no data";
        };
        return new FailureExplanation(headline, f.message(), f.detail() == null ? "" : f.detail(), fix);
    }
}
