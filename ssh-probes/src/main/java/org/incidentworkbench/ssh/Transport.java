package org.incidentworkbench.ssh;

/**
 * Opens connections to hosts: {@code SshTransport} over SSH (JSch), {@code LocalTransport} to this
 * machine without SSH. Thread-safe; many hosts connect in parallel.
 */
public interface Transport {

    /** Connects (bounded by the host's connect timeout) or throws with a user-facing reason. */
    HostConnection connect(HostSpec host) throws HostConnectException;
}
