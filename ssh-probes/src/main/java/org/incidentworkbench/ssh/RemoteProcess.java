package org.incidentworkbench.ssh;

import java.io.InputStream;
import java.util.OptionalInt;

/**
 * A long-lived command whose output is read as a stream (the metric sampler's loop). Closing it
 * closes the channel, which ends the remote loop.
 */
public interface RemoteProcess extends AutoCloseable {

    /** The command's standard output; blocks on read as a socket does, ends when the command ends. */
    InputStream stdout();

    /**
     * The end of what the command wrote to standard error so far (at most a few KiB), for explaining a
     * stream that stopped ("vmstat: not found"); empty when nothing was written or not kept.
     */
    default String stderrTail() {
        return "";
    }

    /** The exit status once the command has ended. */
    OptionalInt exitStatus();

    boolean isOpen();

    @Override
    void close();
}
