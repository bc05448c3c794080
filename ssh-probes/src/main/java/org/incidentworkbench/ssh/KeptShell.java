package org.incidentworkbench.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * At most one long-lived shell ({@link ShellChannel}) kept for one session, reused by each request that brings
 * the same {@link Program}: the warm re-triage's way to skip the login shell's startup files (see
 * {@code probe.TriageScript#keptProgram}). Whenever it cannot serve a request it says so with an empty answer and
 * the caller runs the command on an exec channel as before:
 * <ul>
 *   <li>the shell is busy with another request (two triages of one host at once never interleave);</li>
 *   <li>the shell could not be kept on this session: its first answer was not exactly the program's ready line
 *       (a login script that prints, a ForceCommand, a shell that does not lead its session) or did not come
 *       within the time given; then it is not tried again on this session;</li>
 *   <li>the request could not be written (the shell ended since the last request).</li>
 * </ul>
 * A request that times out, is interrupted, overflows or loses its channel returns what arrived and closes the
 * shell (which ends everything it started); the next request starts a new one. A request for another program
 * replaces an idle shell.
 *
 * <p>Thread-safe.
 */
public final class KeptShell implements AutoCloseable {

    /**
     * What to start and how it says it is ready.
     *
     * @param command   the exec request that starts the shell (through the login shell, as sshd runs any)
     * @param input     written to its standard input once it started (the program itself, read by the command)
     * @param readyLine the shell's whole first answer, on stdout and stderr, once it waits for requests
     */
    public record Program(String command, String input, String readyLine) {
    }

    /** Bytes of a first answer kept: a login script's greeting is read only to be refused. */
    private static final int READY_CAP = 4096;

    private ShellChannel shell;
    private Program program;
    private boolean busy;
    private boolean unkeepable;
    private boolean closed;
    private int started;

    /** Shells started so far (each paid one login): a warm re-triage starts none. */
    public synchronized int started() {
        return started;
    }

    /** False once this session showed that it cannot keep a shell. */
    public synchronized boolean keepable() {
        return !unkeepable;
    }

    /**
     * Runs {@code request} in the kept shell of {@code program} on {@code connection} (started first when there is
     * none), waiting for {@code endLine} at most {@code timeout} in all, keeping {@code cap} bytes of each stream.
     *
     * @return the answer, or empty when the caller should exec instead (see the class comment)
     * @throws InterruptedIOException when interrupted (the shell is closed first)
     */
    public Optional<ExecResult> run(HostConnection connection, Program program, String request, String endLine,
                                    Duration timeout, int cap) throws InterruptedIOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ShellChannel stale = null;
        ShellChannel mine;
        synchronized (this) {
            if (closed || unkeepable || busy) {
                return Optional.empty();
            }
            busy = true;
            mine = shell;
            if (mine != null && (!mine.isOpen() || !program.equals(this.program))) {
                stale = mine;
                mine = null;
                shell = null;
            }
        }
        try {
            if (stale != null) {
                stale.close();
            }
            if (mine == null) {
                mine = start(connection, program, remaining(deadline));
                if (mine == null) {
                    return Optional.empty();
                }
            }
            try {
                mine.send(request, endLine, cap);
            } catch (IOException e) {
                mine.close(); // it ended since the last request: this one goes to exec, the next starts a shell
                return Optional.empty();
            }
            return Optional.of(mine.await(remaining(deadline)));
        } finally {
            synchronized (this) {
                busy = false;
                if (closed && shell != null) {
                    shell.close();
                }
            }
        }
    }

    /** Starts the program's shell and waits for its ready line; null (and not tried again) when it is not kept. */
    private ShellChannel start(HostConnection connection, Program program, Duration timeout) throws InterruptedIOException {
        ShellChannel started;
        try {
            started = connection.openShell(program.command(), program.readyLine(), READY_CAP);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            refuse();
            return null;
        }
        ExecResult first;
        try {
            try {
                started.write(program.input());
            } catch (IOException e) {
                started.close();
                refuse();
                return null;
            }
            first = started.await(timeout);
        } catch (InterruptedIOException e) {
            started.close();
            throw e;
        }
        if (first.exitStatus() != 0 || !first.stdout().isEmpty() || !started.isOpen()) {
            started.close();
            refuse();
            return null;
        }
        synchronized (this) {
            this.started++;
            if (closed) {
                started.close();
                return null;
            }
            shell = started;
            this.program = program;
        }
        return started;
    }

    private synchronized void refuse() {
        unkeepable = true;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /**
     * Closes the shell if it waits for a request, so that its channel can serve something else (a server whose
     * MaxSessions leaves no room for a stream beside it); the next request starts a new one, if the server lets it.
     *
     * @return whether a shell was closed
     */
    public boolean closeIdle() {
        ShellChannel s;
        synchronized (this) {
            if (busy || shell == null) {
                return false;
            }
            s = shell;
            shell = null;
        }
        s.close();
        return true;
    }

    /** Closes the shell (ending everything it started) and keeps none from now on. */
    @Override
    public void close() {
        ShellChannel s;
        synchronized (this) {
            closed = true;
            s = shell;
            shell = null;
        }
        if (s != null) {
            s.close();
        }
    }
}
