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

    /** The exit status once the command has ended. */
    OptionalInt exitStatus();

    boolean isOpen();

    @Override
    void close();
}
