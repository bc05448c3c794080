package org.incidentworkbench.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A long-lived command on one channel whose standard input stays writable, used in exchanges: this side sends
 * a line ({@link #send}), the command answers on stdout and stderr and ends its answer with a line this side
 * knows ({@link #await}). The triage's kept shell ({@link KeptShell}) is one: a POSIX {@code sh} that the login
 * shell started once and that runs a fixed script per request, so the login shell's startup files run once per
 * session, not once per triage.
 *
 * <p>Every wait is bounded: at the timeout, on an interrupt or when the answer overflows its cap, the channel is
 * closed (the command sees its standard input end, which ends it and everything it started: see
 * {@code probe.TriageScript#keptProgram}) and cannot be used again. Each stream keeps the first {@code cap} bytes
 * of an answer and drops the rest, as {@link HostConnection#exec} does.
 *
 * <p>Thread-safe, one exchange at a time (a second {@link #send} before the answer ended is refused).
 */
public final class ShellChannel implements AutoCloseable {

    /** The channel itself, as the connection opened it. */
    interface Wire {
        OutputStream stdin();

        boolean isOpen();

        /** Stops the command (as {@code exec} does at its timeout) and closes the channel; idempotent. */
        void close();
    }

    /** The most of an answer's buffer kept for the next exchange. */
    static final int RETAINED_BYTES = 4 << 20;

    private final Answer out = new Answer();
    private final Answer err = new Answer();
    private Wire wire;
    private String end;
    private boolean closed;

    /**
     * @param firstEndLine the line that ends the command's first answer, which it prints unasked (its ready line),
     *                     expected from the start so that nothing of it is missed
     */
    ShellChannel(String firstEndLine, int firstCap) {
        end = firstEndLine;
        out.reset(firstEndLine, firstCap);
        err.reset(firstEndLine, firstCap);
    }

    /** Set once the connection opened the channel with {@link #stdoutSink()} and {@link #stderrSink()}. */
    void attach(Wire w) {
        this.wire = w;
    }

    OutputStream stdoutSink() {
        return out;
    }

    OutputStream stderrSink() {
        return err;
    }

    /** Whether the command still runs and no exchange failed on it. */
    public synchronized boolean isOpen() {
        return !closed && wire != null && wire.isOpen();
    }

    /**
     * Starts an exchange whose answer ends with {@code endLine} (a whole line, on stdout and on stderr): forgets
     * what the previous one left, then writes {@code line} and a newline to the command's standard input.
     */
    public void send(String line, String endLine, int cap) throws IOException {
        synchronized (this) {
            if (!isOpen()) {
                throw new IOException("The kept shell's channel is closed.");
            }
            if (end != null) {
                throw new IllegalStateException("An exchange is still running on this channel; wait for its end first.");
            }
            end = endLine;
            out.reset(endLine, cap);
            err.reset(endLine, cap);
        }
        OutputStream in = wire.stdin();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Writes {@code text} to the command's standard input as it is, within the current exchange. */
    public void write(String text) throws IOException {
        if (!isOpen()) {
            throw new IOException("The kept shell's channel is closed.");
        }
        OutputStream in = wire.stdin();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /**
     * Waits for the end of the answer to the last {@link #send} (or of the first answer). Its text is what came before the end line;
     * {@code timedOut} when the timeout came first, {@code exitStatus} 0 when both ends arrived and -1 when the
     * channel closed before them. Any answer but a complete one closes the channel.
     *
     * @throws InterruptedIOException when interrupted (the channel is closed first)
     */
    public ExecResult await(Duration timeout) throws InterruptedIOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean complete;
        boolean overflowed;
        try {
            synchronized (this) {
                while (!(complete = out.ended() && err.ended()) && !(overflowed = out.overflowed() || err.overflowed())
                        && wire.isOpen() && !closed) {
                    long waitMillis = (deadline - System.nanoTime()) / 1_000_000L;
                    if (waitMillis <= 0) {
                        break;
                    }
                    wait(Math.min(waitMillis, 50)); // also polls the channel's state, which JSch does not signal here
                }
                complete = out.ended() && err.ended();
                overflowed = out.overflowed() || err.overflowed();
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the kept shell ran a command.");
        }
        boolean timedOut = !complete && !overflowed && wire.isOpen() && !closed;
        ExecResult result;
        synchronized (this) {
            result = new ExecResult(out.text(), err.text(), complete ? 0 : -1, timedOut, out.truncated() || err.truncated(),
                    Duration.ofNanos(System.nanoTime() - start));
            end = null;
        }
        if (!complete || overflowed) {
            close();
        }
        return result;
    }

    @Override
    public void close() {
        Wire w;
        synchronized (this) {
            closed = true;
            w = wire;
            notifyAll();
        }
        if (w != null) {
            w.close();
        }
    }

    /** Wakes a waiting {@link #await} (JSch's thread calls it when the channel's streams end). */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * One stream's answer: the first {@code cap} bytes, the count of the rest, and the last bytes (to see the end
     * line, which comes last: the command prints it and then waits for the next line).
     */
    private final class Answer extends OutputStream {
        /**
         * Kept across exchanges (up to {@link #RETAINED_BYTES}), so that a re-triage's output reuses the first one's
         * buffer instead of growing anew.
         */
        private Buffer kept = new Buffer();
        private byte[] endBytes = new byte[0];
        private byte[] tail = new byte[0];
        private int tailLength;
        private int cap;
        private long total;
        private boolean ended;

        void reset(String endLine, int newCap) {
            synchronized (ShellChannel.this) {
                if (kept.capacity() > RETAINED_BYTES) {
                    kept = new Buffer(); // a runaway's megabytes are not kept for the session's life
                } else {
                    kept.reset();
                }
                endBytes = (endLine + "\n").getBytes(StandardCharsets.UTF_8);
                tail = new byte[endBytes.length + 1];
                tailLength = 0;
                cap = newCap;
                total = 0;
                ended = false;
            }
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (ShellChannel.this) {
                if (end == null || ended) {
                    return; // between exchanges, or after the end: nothing of ours
                }
                long room = cap - total;
                if (room > 0) {
                    kept.write(b, off, (int) Math.min(room, len));
                }
                total += len;
                for (int i = Math.max(off, off + len - tail.length); i < off + len; i++) {
                    if (tailLength == tail.length) {
                        System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                        tailLength--;
                    }
                    tail[tailLength++] = b[i];
                }
                ended = endsWithEndLine();
                ShellChannel.this.notifyAll();
            }
        }

        /** The end line closes the stream's text: it is the whole text so far, or follows a newline. */
        private boolean endsWithEndLine() {
            int n = endBytes.length;
            if (tailLength < n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (tail[tailLength - n + i] != endBytes[i]) {
                    return false;
                }
            }
            return total == n || tailLength > n && tail[tailLength - n - 1] == '\n';
        }

        boolean ended() {
            return ended;
        }

        boolean overflowed() {
            return total > cap + SshHostConnection.DISCARD_BEYOND_CAP_BYTES;
        }

        boolean truncated() {
            return total - (ended ? endBytes.length : 0) > cap;
        }

        /** The kept text without the end line. */
        String text() {
            long length = kept.size();
            if (ended) {
                length = Math.min(length, total - endBytes.length);
            }
            return kept.text((int) Math.max(0, length));
        }

        @Override
        public void close() {
            wake();
        }
    }

    /** A byte buffer whose text is decoded in place (no copy of the bytes first). */
    private static final class Buffer extends ByteArrayOutputStream {
        int capacity() {
            return buf.length;
        }

        String text(int length) {
            return new String(buf, 0, Math.min(length, count), StandardCharsets.UTF_8);
        }
    }
}
