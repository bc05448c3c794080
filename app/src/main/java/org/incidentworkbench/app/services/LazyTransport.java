package org.incidentworkbench.app.services;

import java.util.function.Supplier;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.Transport;

/**
 * A transport made on first use: JSch loads on the first connection's background thread, not while the
 * window starts. Connections run in parallel; only the making is serialised. Thread-safe.
 */
public final class LazyTransport implements Transport {

    private final Supplier<Transport> make;
    private Transport made;

    public LazyTransport(Supplier<Transport> make) {
        this.make = make;
    }

    private synchronized Transport transport() {
        if (made == null) {
            made = make.get();
        }
        return made;
    }

    @Override
    public HostConnection connect(HostSpec host) throws HostConnectException {
        return transport().connect(host);
    }
}
