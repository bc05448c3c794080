package org.incidentworkbench.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Where JSch's session thread writes one stream of a command's output: keeps the first
 * {@code capBytes}, counts and drops the rest. Past {@code discardBytes} more it asks the waiting
 * thread to close the channel ({@link #overflowed()}), so a command printing 100 MB costs neither
 * memory nor the time to move it all. Closing it (JSch does when the stream ends) counts the latch
 * down when it is the stream whose end means the channel closed.
 *
 * <p>Thread-safe: written by the session thread, read by the caller after the latch.
 */
final class CappedOutput extends OutputStream {

    private final int capBytes;
    private final long discardBytes;
    private final ByteArrayOutputStream kept;
    private final CountDownLatch done;
    private final boolean closeEndsChannel;
    private long total;
    private volatile boolean overflowed;

    /**
     * @param closeEndsChannel true for stderr: JSch closes it only when the whole channel closes
     *                         (stdout it closes at EOF, before the exit status arrives)
     */
    CappedOutput(int capBytes, long discardBytes, CountDownLatch done, boolean closeEndsChannel) {
        this.closeEndsChannel = closeEndsChannel;
        this.capBytes = Math.max(0, capBytes);
        this.discardBytes = discardBytes;
        this.kept = new ByteArrayOutputStream(Math.min(this.capBytes, 64 * 1024));
        this.done = done;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        long room = capBytes - total;
        if (room > 0) {
            kept.write(b, off, (int) Math.min(room, len));
        }
        total += len;
        if (!overflowed && total > capBytes + discardBytes) {
            overflowed = true;
            done.countDown();
        }
    }

    @Override
    public void close() {
        if (closeEndsChannel) {
            done.countDown();
        }
    }

    synchronized boolean truncated() {
        return total > capBytes;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The kept bytes as UTF-8, malformed sequences (binary output) replaced by U+FFFD. */
    synchronized String text() {
        return new String(kept.toByteArray(), StandardCharsets.UTF_8);
    }
}
