package org.incidentworkbench.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSchException;
import java.nio.file.Path;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.ssh.HostFailure.Kind;

/**
 * Turns what JSch threw while connecting into a {@link HostFailure} a person can act on: what went
 * wrong, in one sentence, and what to do about it. JSch's own texts ("Auth fail", "reject HostKey")
 * go into the detail only.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static HostFailure explain(HostSpec host, String role, String user, JSchException e, boolean watchdogFired,
                               Duration timeout, HostKeyCheck.Outcome keyOutcome, SshTransport.AuthAttempt auth,
                               PasswordPrompt password, Path knownHosts, JumpProxy proxy) {
        String where = role.equals(host.alias()) ? host.alias() + " (" + host.target() + ")"
                : role + " (" + host.target() + ")";
        String detail = chain(e);
        String seconds = seconds(timeout);

        if (keyOutcome instanceof HostKeyCheck.Changed c) {
            return new HostFailure(Kind.HOST_KEY_CHANGED,
                    "The host key of " + where + " has CHANGED: someone may be intercepting this connection "
                            + "(a man-in-the-middle attack), or the server was reinstalled. The server now presents the "
                            + c.keyType() + " key " + c.fingerprint() + ", but " + knownHosts + ":"
                            + c.recorded().lineNumber() + " holds " + KnownHosts.sha256Fingerprint(c.recorded().keyBlob())
                            + " for " + c.hostToken() + ". Do not connect until the server's administrator confirms "
                            + "the new fingerprint; then remove the old line (ssh-keygen -R '" + c.hostToken()
                            + "' -f " + knownHosts + ") and connect again.",
                    knownHosts + ":" + c.recorded().lineNumber() + " offered " + c.fingerprint());
        }
        if (keyOutcome instanceof HostKeyCheck.Revoked r) {
            return new HostFailure(Kind.HOST_KEY_CHANGED,
                    "The host key of " + where + " (" + r.fingerprint() + ") is marked @revoked in "
                            + knownHosts + ":" + r.entry().lineNumber()
                            + ": a stolen key may be impersonating the host. Do not connect; ask the server's "
                            + "administrator for its current key.",
                    knownHosts + ":" + r.entry().lineNumber());
        }
        if (keyOutcome instanceof HostKeyCheck.Refused r) {
            return new HostFailure(Kind.HOST_KEY_UNKNOWN,
                    "The host key of " + where + " is not in " + knownHosts + " (" + r.keyType() + " "
                            + r.fingerprint() + "). Check that fingerprint with the server's administrator, then "
                            + "connect again accepting it (--accept-new) or add it with ssh once.",
                    r.hostToken() + " " + r.keyType() + " " + r.fingerprint());
        }
        if (keyOutcome instanceof HostKeyCheck.Unreadable u) {
            return new HostFailure(Kind.BAD_CONFIG,
                    "The known_hosts file " + knownHosts + " could not be read or written ("
                            + u.error().getMessage() + "): fix its permissions or pass another with --known-hosts.",
                    detail);
        }

        Throwable root = rootCause(e);
        String msg = String.valueOf(e.getMessage());
        if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel")
                || msg.contains("USERAUTH fail") || msg.contains("Too many authentication failures")) {
            return authFailed(where, user, auth, password, detail);
        }
        JumpProxy.JumpFailedException jump = find(e, JumpProxy.JumpFailedException.class);
        if (jump != null) {
            return new HostFailure(Kind.UNREACHABLE, jump.getMessage() + ": check that the jump host may forward "
                    + "TCP (AllowTcpForwarding) and can reach " + host.hostname() + " port " + host.port() + ".", detail);
        }
        if (root instanceof UnknownHostException) {
            return new HostFailure(Kind.UNREACHABLE, "The name " + host.hostname() + " of " + where
                    + " does not resolve: check the spelling, the HostName in ~/.ssh/config, and your DNS or VPN.", detail);
        }
        if (root instanceof ConnectException) {
            return new HostFailure(Kind.UNREACHABLE, "Nothing accepts connections at " + host.hostname() + " port "
                    + host.port() + " for " + where + " (connection refused): check the address and port, "
                    + "and that sshd runs there.", detail);
        }
        if (root instanceof NoRouteToHostException) {
            return new HostFailure(Kind.UNREACHABLE, "There is no route to " + host.hostname() + " for " + where
                    + ": check the address, your network or VPN, and firewalls.", detail);
        }
        if (msg.startsWith("timeout: socket is not established")) {
            return new HostFailure(Kind.CONNECT_TIMEOUT, "No TCP connection to " + where + " within " + seconds
                    + ": check the address and port, that the host is up, and your VPN or firewall.", detail);
        }
        if (watchdogFired || root instanceof SocketTimeoutException) {
            return new HostFailure(Kind.CONNECT_TIMEOUT, where + " accepted the TCP connection but did not complete "
                    + "the SSH handshake within " + seconds + ": check that port " + host.port()
                    + " is an SSH server and that the host is not overloaded, or raise ConnectTimeout.", detail);
        }
        if (msg.contains("invalid server's version string") || msg.contains("invalid protocol")
                || msg.contains("Algorithm negotiation fail") || msg.contains("There are not any available")) {
            return new HostFailure(Kind.PROTOCOL_ERROR, where + " does not speak an SSH version or algorithm we "
                    + "support (" + msg + "): check that port " + host.port() + " is an SSH server.", detail);
        }
        if (msg.contains("connection is closed by foreign host") || root instanceof java.io.EOFException
                || root instanceof java.net.SocketException) {
            return new HostFailure(Kind.UNREACHABLE, where + " closed the connection during the SSH handshake: the "
                    + "server may limit connections (MaxStartups) or block this client; check its sshd log.", detail);
        }
        return new HostFailure(Kind.PROTOCOL_ERROR, "Could not connect to " + where + ": " + msg
                + ". Try `ssh -v " + host.alias() + "` to see where it fails.", detail);
    }

    private static HostFailure authFailed(String where, String user, SshTransport.AuthAttempt auth,
                                          PasswordPrompt password, String detail) {
        List<String> problems = new ArrayList<>(auth.problems());
        for (Identity id : auth.identities()) {
            if (id instanceof KeyFileIdentity k && !k.problem().isEmpty()) {
                problems.add(k.problem());
            }
        }
        StringBuilder sb = new StringBuilder("The server ").append(where).append(" refused to log in ").append(user)
                .append(": ");
        if (auth.described().isEmpty()) {
            sb.append("no key was offered (no -i, no IdentityFile, no default key in ~/.ssh, no agent)");
        } else {
            sb.append("tried ").append(String.join(", ", auth.described()));
        }
        if (password.asked() > 0) {
            sb.append(", and a password ").append(password.asked() == 1 ? "once" : password.asked() + " times");
        }
        if (!problems.isEmpty()) {
            sb.append("; ").append(String.join("; ", problems));
        }
        sb.append(". Pass the right key with -i KEYFILE (or IdentityFile in ~/.ssh/config), add it to the agent "
                + "with ssh-add, or check that its public key is in ~").append(user).append("/.ssh/authorized_keys.");
        return new HostFailure(Kind.AUTH_FAILED, sb.toString(), detail);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable r = t; r != null; r = r.getCause() == r ? null : r.getCause()) {
            if (type.isInstance(r)) {
                return type.cast(r);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable r = t; r != null; r = r.getCause() == r ? null : r.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(r.getClass().getSimpleName()).append(": ").append(r.getMessage());
        }
        return sb.toString();
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
