package org.incidentworkbench.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;

/**
 * A byte pipe whose reads time out like a socket's ({@link SocketTimeoutException}), used to carry
 * the tunnelled SSH stream of a jump host. JSch sets a read timeout only on a real socket; through a
 * {@code Proxy} it has none, so a target that never answers would hang the handshake, and keepalives
 * (sent by JSch when a read times out) would never fire. The writer side is fed by the jump
 * session's thread; closing it ends the stream.
 *
 * <p>Thread-safe: one writer thread, one reader thread.
 */
final class TimedPipe {

    private final byte[] buffer;
    private int head;
    private int size;
    private boolean writerClosed;
    private boolean readerClosed;
    private volatile int timeoutMillis;

    TimedPipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    /** Zero waits for ever. */
    void setReadTimeout(int millis) {
        this.timeoutMillis = millis;
    }

    final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (TimedPipe.this) {
                while (len > 0) {
                    while (size == buffer.length && !readerClosed) {
                        try {
                            TimedPipe.this.wait(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("Interrupted while passing data through the jump host.", e);
                        }
                    }
                    if (readerClosed) {
                        return; // nobody reads any more: drop, as a closed socket would
                    }
                    int tail = (head + size) % buffer.length;
                    int n = Math.min(len, Math.min(buffer.length - size, buffer.length - tail));
                    System.arraycopy(b, off, buffer, tail, n);
                    size += n;
                    off += n;
                    len -= n;
                    TimedPipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            synchronized (TimedPipe.this) {
                writerClosed = true;
                TimedPipe.this.notifyAll();
            }
        }
    };

    final InputStream source = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (TimedPipe.this) {
                int timeout = timeoutMillis;
                long deadline = System.nanoTime() + timeout * 1_000_000L;
                while (size == 0) {
                    if (writerClosed || readerClosed) {
                        return -1;
                    }
                    long waitMillis = timeout == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                    if (timeout != 0 && waitMillis <= 0) {
                        throw new SocketTimeoutException("Read timed out after " + timeout + " ms through the jump host");
                    }
                    try {
                        TimedPipe.this.wait(waitMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("Interrupted while reading through the jump host.");
                    }
                }
                int n = Math.min(len, Math.min(size, buffer.length - head));
                System.arraycopy(buffer, head, b, off, n);
                head = (head + n) % buffer.length;
                size -= n;
                TimedPipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (TimedPipe.this) {
                return size;
            }
        }

        @Override
        public void close() {
            synchronized (TimedPipe.this) {
                readerClosed = true;
                TimedPipe.this.notifyAll();
            }
        }
    };
}
