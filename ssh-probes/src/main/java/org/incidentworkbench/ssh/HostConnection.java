package org.incidentworkbench.ssh;

import java.io.IOException;
import java.time.Duration;

/**
 * An open connection to one host (an SSH session, or this machine for the local transport).
 * Thread-safe: the triage runs its combined script and iostat's sample on two channels at once.
 */
public interface HostConnection extends AutoCloseable {

    /** What was connected to, for example {@code root@10.0.0.5:22 via bastion}. */
    String target();

    /**
     * Runs one command through the login shell, as sshd does, and waits for it. Never waits longer
     * than {@code timeout}: a command still running then is stopped and returned with
     * {@code timedOut}. Output beyond {@code maxOutputBytes} is discarded (and flagged).
     * "Stopped" means the channel is closed and a KILL signal sent; OpenSSH refuses signals to root
     * logins, so a silent command may run on there: give commands that can hang their own
     * server-side {@code timeout}, as the probes do.
     *
     * @throws IOException when the connection itself fails (the channel could not be opened)
     */
    ExecResult exec(String command, Duration timeout, int maxOutputBytes) throws IOException;

    /**
     * As {@link #exec}, but the command's standard input stays open until the command ends or is stopped,
     * so that the command learns from its end of file that this side went away (timeout, cancel, closed
     * connection): the triage script's watchdog ends its processes on it. Where standard input cannot be
     * held (this machine), the same as {@code exec}.
     */
    default ExecResult execWatched(String command, Duration timeout, int maxOutputBytes) throws IOException {
        return exec(command, timeout, maxOutputBytes);
    }

    /**
     * Starts a long-lived command through the login shell whose standard input stays open for requests
     * ({@link ShellChannel}); its first answer, printed unasked, ends with {@code firstEndLine}.
     *
     * @throws IOException when this connection keeps no such command (the local transport) or the channel failed
     */
    default ShellChannel openShell(String command, String firstEndLine, int firstCap) throws IOException {
        throw new IOException(target() + " cannot keep a shell open.");
    }

    /**
     * Runs {@code request} in the long-lived shell this connection keeps for {@code program} ({@link KeptShell}), for a
     * connection that outlives one use (the window's warm sessions); empty when it keeps none, is busy or cannot keep
     * one, and the caller runs its command with {@link #execWatched} instead. Bounds as {@link #exec}.
     *
     * @throws java.io.InterruptedIOException when interrupted (the shell is closed first)
     */
    default java.util.Optional<ExecResult> execKept(KeptShell.Program program, String request, String endLine,
                                                    Duration timeout, int maxOutputBytes) throws IOException {
        return java.util.Optional.empty();
    }

    /** Starts a long-lived command whose output is streamed (the sampler's loop). */
    RemoteProcess start(String command) throws IOException;

    /**
     * A port on 127.0.0.1 of this machine that reaches {@code host:port} as the connected host sees it, as
     * {@code ssh -L} does; it closes with the connection.
     *
     * @throws IOException when this connection cannot forward (the local transport) or the host refuses
     */
    default int forwardLocalPort(String host, int port) throws IOException {
        throw new IOException(target() + " cannot forward ports; --via needs an SSH host.");
    }

    boolean isOpen();

    @Override
    void close();
}
