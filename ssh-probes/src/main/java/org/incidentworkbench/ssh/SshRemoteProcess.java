package org.incidentworkbench.ssh;

import com.jcraft.jsch.ChannelExec;
import java.io.InputStream;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/** A streamed command on an exec channel; closing it closes the channel and frees its slot. */
final class SshRemoteProcess implements RemoteProcess {

    private final ChannelExec channel;
    private final InputStream stdout;
    private final SshHostConnection.TailBuffer stderr;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    SshRemoteProcess(ChannelExec channel, InputStream stdout, SshHostConnection.TailBuffer stderr, Runnable release) {
        this.channel = channel;
        this.stdout = stdout;
        this.stderr = stderr;
        this.release = release;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public String stderrTail() {
        return stderr.text();
    }

    @Override
    public OptionalInt exitStatus() {
        return channel.isClosed() && channel.getExitStatus() != -1 ? OptionalInt.of(channel.getExitStatus())
                : OptionalInt.empty();
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && !channel.isClosed();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            channel.disconnect();
            release.run();
        }
    }
}
