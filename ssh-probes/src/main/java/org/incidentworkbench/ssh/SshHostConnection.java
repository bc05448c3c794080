package org.incidentworkbench.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated SSH session (plus the jump sessions it goes through), running commands on exec
 * channels. Every wait is bounded by the caller's timeout; at most {@link #MAX_CHANNELS} channels are
 * open at once because OpenSSH's default MaxSessions is 10 (the 11th fails) and MINA drops the whole
 * session past its limit.
 *
 * <p>Thread-safe: any number of threads may call {@link #exec} and {@link #start}; the surplus waits
 * for a free channel within its own timeout.
 */
final class SshHostConnection implements HostConnection {

    static final int MAX_CHANNELS = 8;
    /** Output read and dropped past the cap before the channel is closed: lets a command just over it finish. */
    static final long DISCARD_BEYOND_CAP_BYTES = 4L * 1024 * 1024;
    /** Stderr kept of a streamed command: its last words, not a log. */
    static final int STDERR_TAIL_BYTES = 4096;

    private final Session session;
    private final Runnable releaseJumps;
    private final String target;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);
    /** Exec channels whose command may still run, stopped by {@link #close()}. */
    private final java.util.Set<ChannelExec> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param releaseJumps gives back the shared jump-host sessions this one runs through (once, on close)
     */
    SshHostConnection(Session session, Runnable releaseJumps, String target) {
        this.session = session;
        this.releaseJumps = releaseJumps;
        this.target = target;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public ExecResult exec(String command, Duration timeout, int maxOutputBytes) throws IOException {
        return exec(command, timeout, maxOutputBytes, false);
    }

    @Override
    public ExecResult execWatched(String command, Duration timeout, int maxOutputBytes) throws IOException {
        return exec(command, timeout, maxOutputBytes, true);
    }

    private ExecResult exec(String command, Duration timeout, int maxOutputBytes, boolean holdStdin) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try {
            if (!channels.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return new ExecResult("", "All " + MAX_CHANNELS + " channels to " + target
                        + " stayed busy for the whole timeout; the command was not started.", -1, true, false,
                        elapsed(start));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting for a channel to " + target + ".");
        }
        ChannelExec channel = null;
        try {
            CountDownLatch ended = new CountDownLatch(1);
            CappedOutput out = new CappedOutput(maxOutputBytes, DISCARD_BEYOND_CAP_BYTES, ended, false);
            CappedOutput err = new CappedOutput(maxOutputBytes, DISCARD_BEYOND_CAP_BYTES, ended, true);
            channel = openExec(command, out, err, deadline);
            if (channel == null) {
                return new ExecResult("", "The server " + target + " would not open another channel (its MaxSessions "
                        + "is lower than the commands running at once) before the timeout; the command was not started.",
                        -1, true, false, elapsed(start));
            }
            open.add(channel);
            if (!holdStdin) {
                channel.getOutputStream().close(); // stdin at EOF: a command that reads it ends instead of waiting
            }
            boolean finished = ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            boolean overflowed = out.overflowed() || err.overflowed();
            if (finished && !overflowed) {
                awaitExitStatus(channel, deadline);
            }
            boolean timedOut = !finished && !overflowed;
            int exit = channel.isClosed() ? channel.getExitStatus() : -1;
            if (!channel.isClosed()) {
                stop(channel);
            }
            return new ExecResult(out.text(), err.text(), exit, timedOut, out.truncated() || err.truncated(),
                    elapsed(start));
        } catch (JSchException e) {
            throw channelFailure(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while running a command on " + target + ".");
        } finally {
            if (channel != null) {
                open.remove(channel);
                if (!channel.isClosed()) {
                    stop(channel); // interrupted (cancelled) or failed mid-way: nothing may keep running there
                }
                channel.disconnect();
            }
            release();
        }
    }

    /**
     * Opens an exec channel. A server whose MaxSessions is below ours refuses the surplus channel while
     * the session lives on ("channel is not opened"); such a channel waits for one of ours to close and
     * tries again, within the deadline, instead of failing. Returns null when the deadline passed.
     */
    private ChannelExec openExec(String command, CappedOutput out, CappedOutput err, long deadline)
            throws JSchException, InterruptedException {
        long backoffMillis = 25;
        while (true) {
            long seen = releases();
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(null);
            channel.setOutputStream(out);
            channel.setErrStream(err);
            try {
                channel.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis(deadline))));
                return channel;
            } catch (JSchException refused) {
                channel.disconnect();
                // busy, or a slot we just closed and sshd has not freed yet; a server refusing every
                // channel fails at once instead
                boolean othersOpen = MAX_CHANNELS - channels.availablePermits() > 1;
                if (!session.isConnected() || !(othersOpen || releasedWithin(Duration.ofSeconds(1)))) {
                    throw refused;
                }
                // sshd frees the slot a moment after our close: retry on a release or after a growing pause
                if (!awaitRelease(seen, Math.min(deadline, System.nanoTime() + backoffMillis * 1_000_000L))
                        && remainingMillis(deadline) <= 0) {
                    return null;
                }
                backoffMillis = Math.min(400, backoffMillis * 2);
            }
        }
    }

    private long releaseCount;
    private long lastReleaseNanos = System.nanoTime() - Duration.ofHours(1).toNanos();

    private synchronized long releases() {
        return releaseCount;
    }

    private synchronized boolean releasedWithin(Duration d) {
        return releaseCount > 0 && System.nanoTime() - lastReleaseNanos < d.toNanos();
    }

    private void release() {
        channels.release();
        synchronized (this) {
            releaseCount++;
            lastReleaseNanos = System.nanoTime();
            notifyAll();
        }
    }

    /** Waits until some channel closes after {@code seen} releases; false when {@code until} came first. */
    private synchronized boolean awaitRelease(long seen, long until) throws InterruptedException {
        while (releaseCount == seen) {
            long waitMillis = remainingMillis(until);
            if (waitMillis <= 0) {
                return false;
            }
            wait(waitMillis);
        }
        return true;
    }

    /** The exit status arrives just before the close that ended the wait; give it the remaining time. */
    private static void awaitExitStatus(ChannelExec channel, long deadline) throws InterruptedException {
        while (!channel.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /**
     * Stops a command that is still running: TERM to the session's process group, then the close.
     * OpenSSH >= 7.9 signals the process group of the session, which includes a login still stuck in
     * ~/.ssh/rc, a shell rc file or a ForceCommand; but only under privilege separation: for root logins it
     * refuses ("session signalling requires privilege separation"), and closing the channel alone leaves a
     * silent command running. Commands that may hang therefore need their own server-side bound, as the
     * triage script's watchdog is (it ends its processes on the close). TERM rather than KILL: the watchdog
     * ignores TERM, so it survives the signal to end what the probes started in their own process groups.
     */
    private static void stop(ChannelExec channel) {
        try {
            channel.sendSignal("TERM");
        } catch (Exception ignored) {
            // best effort: the close below is what bounds us
        }
        channel.disconnect();
    }

    @Override
    public RemoteProcess start(String command) throws IOException {
        try {
            if (!channels.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IOException("All " + MAX_CHANNELS + " channels to " + target
                        + " stayed busy for 30 s; close a stream before starting another.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting for a channel to " + target + ".");
        }
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(null);
            TailBuffer stderr = new TailBuffer(STDERR_TAIL_BYTES);
            channel.setErrStream(stderr, true);
            InputStream stdout = channel.getInputStream();
            channel.connect((int) Duration.ofSeconds(30).toMillis());
            channel.getOutputStream().close();
            return new SshRemoteProcess(channel, stdout, stderr, this::release);
        } catch (JSchException e) {
            release();
            throw channelFailure(command, e);
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    @Override
    public ShellChannel openShell(String command, String firstEndLine, int firstCap) throws IOException {
        try {
            if (!channels.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IOException("All " + MAX_CHANNELS + " channels to " + target
                        + " stayed busy for 30 s; the kept shell was not started.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting for a channel to " + target + ".");
        }
        ChannelExec channel = null;
        try {
            ShellChannel shell = new ShellChannel(firstEndLine, firstCap);
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setOutputStream(shell.stdoutSink());
            channel.setErrStream(shell.stderrSink());
            java.io.OutputStream stdin = channel.getOutputStream();
            channel.connect((int) Duration.ofSeconds(30).toMillis());
            ChannelExec c = channel;
            open.add(c);
            java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
            shell.attach(new ShellChannel.Wire() {
                @Override
                public java.io.OutputStream stdin() {
                    return stdin;
                }

                @Override
                public boolean isOpen() {
                    return !c.isClosed() && session.isConnected();
                }

                @Override
                public void close() {
                    if (released.compareAndSet(false, true)) {
                        open.remove(c);
                        if (!c.isClosed()) {
                            stop(c); // its reader sees the end of its input and ends every process of the session
                        }
                        c.disconnect();
                        release();
                    }
                }
            });
            return shell;
        } catch (JSchException e) {
            if (channel != null) {
                channel.disconnect();
            }
            release();
            throw channelFailure(command, e);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.disconnect();
            }
            release();
            throw e;
        }
    }

    private IOException channelFailure(String command, JSchException e) {
        if (!session.isConnected()) {
            return new HostConnectException(new HostFailure(HostFailure.Kind.UNREACHABLE,
                    "The connection to " + target + " was lost: check that the host is up and reachable, then connect again.",
                    String.valueOf(e.getMessage())), e);
        }
        return new IOException("Could not open a channel on " + target + " to run `" + abbreviate(command) + "`: "
                + e.getMessage() + ". The server may limit sessions per connection (MaxSessions).", e);
    }

    private static String abbreviate(String command) {
        String oneLine = command.replace('\n', ' ');
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    private static long remainingMillis(long deadline) {
        return (deadline - System.nanoTime()) / 1_000_000L;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public int forwardLocalPort(String host, int port) throws IOException {
        try {
            return session.setPortForwardingL("127.0.0.1", 0, host, port);
        } catch (com.jcraft.jsch.JSchException e) {
            throw new IOException(target + " could not forward a local port to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isOpen() {
        return session.isConnected();
    }

    @Override
    public void close() {
        // a watchdog that gives up on the host closes the session with commands still running: stop them first
        for (ChannelExec c : open) {
            if (!c.isClosed()) {
                stop(c);
            }
        }
        session.disconnect();
        if (closed.compareAndSet(false, true)) {
            releaseJumps.run();
        }
    }

    /** Keeps the last bytes of a streamed command's stderr, enough to explain why it stopped. */
    static final class TailBuffer extends java.io.OutputStream {
        private final byte[] ring;
        private long written;

        TailBuffer(int size) {
            this.ring = new byte[size];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                ring[(int) (written++ % ring.length)] = b[off + i];
            }
        }

        synchronized String text() {
            int n = (int) Math.min(written, ring.length);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = ring[(int) ((written - n + i) % ring.length)];
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
