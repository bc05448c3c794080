package org.incidentworkbench.app.services;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.KeptShell;
import org.incidentworkbench.ssh.RemoteProcess;
import org.incidentworkbench.ssh.Transport;

/**
 * Keeps each host's SSH session open between uses, so that a second triage of the same hosts skips the logins
 * (a login costs key exchange, authentication and a round trip or two per host: most of a one-second triage).
 * Every {@link #connect} of a host with an open session lends that session ({@link HostConnection} is
 * thread-safe: triage and sampling share it); closing what was lent only gives it back. A session nobody uses
 * closes after {@link #idle} (the window's is {@link #WINDOW_IDLE}), except for the hosts {@link #hold held}
 * (the window holds its selected hosts); a session that broke (an exec that failed on the connection itself, or
 * one the keepalive found dead) is dropped and the next use logs in again. Keepalive is the transport's (the
 * spec's or options' {@code ServerAliveInterval}).
 *
 * <pre>{@code
 * WarmConnections warm = new WarmConnections(new SshTransport(options, prompter), WarmConnections.WINDOW_IDLE);
 * TriageService triage = new TriageService(warm, resolver, settings, rules);   // the second run reuses the sessions
 * }</pre>
 *
 * <p>Thread-safe. Close it to close every session.
 */
public final class WarmConnections implements Transport, AutoCloseable {

    /**
     * Ten minutes: an incident's rounds of triage come minutes apart; beyond that a session left open on
     * twenty servers is more a surprise to their admins (it shows in {@code w}) than a saving.
     */
    public static final Duration WINDOW_IDLE = Duration.ofMinutes(10);

    private final Transport transport;
    private final Duration idle;
    private final LongSupplier nanos;
    private final Map<HostSpec, Entry> pool = new HashMap<>();
    private final Map<HostSpec, CompletableFuture<Entry>> connecting = new HashMap<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicInteger logins = new AtomicInteger();
    private Set<String> held = Set.of();
    private boolean closed;

    public WarmConnections(Transport transport, Duration idle) {
        this(transport, idle, System::nanoTime);
    }

    WarmConnections(Transport transport, Duration idle, LongSupplier nanos) {
        this.transport = transport;
        this.idle = idle;
        this.nanos = nanos;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workbench-warm-ssh");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, Math.min(idle.toMillis() / 4, 10_000));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** How long an unused session stays open. */
    public Duration idle() {
        return idle;
    }

    /** Logins made so far (each a new session): a warm re-triage adds none. */
    public int logins() {
        return logins.get();
    }

    /** Kept shells started by the sessions open now ({@link KeptShell#started()}): a warm re-triage starts none. */
    public synchronized int keptShellsStarted() {
        return pool.values().stream().mapToInt(e -> e.shell.started()).sum();
    }

    /** Sessions open now. */
    public synchronized int open() {
        return pool.size();
    }

    /** Keeps the sessions of these hosts (by alias, as the window names them) open however long they are unused. */
    public synchronized void hold(Set<String> aliases) {
        held = Set.copyOf(aliases);
    }

    @Override
    public HostConnection connect(HostSpec host) throws HostConnectException {
        CompletableFuture<Entry> mine;
        CompletableFuture<Entry> theirs;
        synchronized (this) {
            if (closed) {
                return transport.connect(host); // after close: plain connections, owned by the caller
            }
            Entry e = pool.get(host);
            if (e != null && e.connection.isOpen() && !e.broken) {
                e.leases++;
                return new Lease(e);
            }
            if (e != null) { // closed or broken: the next user logs in again; the last holder's return closes it
                pool.remove(host);
                e.broken = true;
                if (e.leases == 0) {
                    e.connection.close();
                }
            }
            theirs = connecting.get(host);
            mine = theirs == null ? new CompletableFuture<>() : null;
            if (mine != null) {
                connecting.put(host, mine);
            }
        }
        if (theirs != null) { // another thread logs in to this host now: share its session
            try {
                Entry e = theirs.get();
                synchronized (this) {
                    e.leases++;
                }
                return new Lease(e);
            } catch (ExecutionException failed) {
                return transport.connect(host); // its login failed: try ours, with its own error if it fails too
            } catch (InterruptedException i) {
                Thread.currentThread().interrupt();
                return transport.connect(host);
            }
        }
        try {
            HostConnection c = transport.connect(host);
            logins.incrementAndGet();
            Entry e = new Entry(host, c);
            synchronized (this) {
                connecting.remove(host);
                if (closed) {
                    mine.completeExceptionally(new IllegalStateException("closed"));
                    return c;
                }
                pool.put(host, e);
            }
            mine.complete(e);
            return new Lease(e);
        } catch (HostConnectException | RuntimeException | Error failed) {
            synchronized (this) {
                connecting.remove(host);
            }
            mine.completeExceptionally(failed);
            throw failed;
        }
    }

    /** Closes the sessions unused for {@link #idle} (not held) and drops those that broke. */
    void sweep() {
        java.util.List<HostConnection> toClose = new java.util.ArrayList<>();
        synchronized (this) {
            long now = nanos.getAsLong();
            for (Iterator<Entry> it = pool.values().iterator(); it.hasNext(); ) {
                Entry e = it.next();
                boolean unused = e.leases == 0 && now - e.lastUsedNanos >= idle.toNanos() && !held.contains(e.host.alias());
                if (!e.connection.isOpen() || e.broken || unused) {
                    if (e.leases == 0 || !e.connection.isOpen()) {
                        it.remove();
                        toClose.add(e.connection);
                    }
                }
            }
        }
        toClose.forEach(HostConnection::close); // outside the lock: a disconnect can wait on the network
    }

    private synchronized void release(Entry e) {
        e.leases--;
        e.lastUsedNanos = nanos.getAsLong();
        if (e.broken && e.leases == 0) {
            pool.remove(e.host, e);
            e.connection.close();
        }
    }

    @Override
    public void close() {
        java.util.List<HostConnection> all;
        synchronized (this) {
            closed = true;
            all = pool.values().stream().map(e -> e.connection).toList();
            pool.clear();
        }
        sweeper.shutdownNow();
        all.forEach(HostConnection::close);
    }

    /** One pooled session: who uses it now, since when it is unused, whether it failed under someone. */
    private final class Entry {
        final HostSpec host;
        final HostConnection connection;
        final KeptShell shell = new KeptShell();
        int leases = 1;
        long lastUsedNanos = nanos.getAsLong();
        volatile boolean broken;

        Entry(HostSpec host, HostConnection connection) {
            this.host = host;
            this.connection = connection;
        }
    }

    /** The pooled session as one user holds it: closing gives it back; a connection failure retires it. */
    private final class Lease implements HostConnection {
        private final Entry entry;
        private final java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();

        Lease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public String target() {
            return entry.connection.target();
        }

        @Override
        public ExecResult exec(String command, Duration timeout, int maxOutputBytes) throws IOException {
            try {
                return entry.connection.exec(command, timeout, maxOutputBytes);
            } catch (IOException e) {
                entry.broken = true;
                throw e;
            }
        }

        @Override
        public ExecResult execWatched(String command, Duration timeout, int maxOutputBytes) throws IOException {
            try {
                return entry.connection.execWatched(command, timeout, maxOutputBytes);
            } catch (IOException e) {
                entry.broken = true;
                throw e;
            }
        }

        /** The pooled session's kept shell: a warm re-triage starts no login shell (see {@link KeptShell}). */
        @Override
        public Optional<ExecResult> execKept(KeptShell.Program program, String request, String endLine, Duration timeout,
                                             int maxOutputBytes) throws IOException {
            return entry.shell.run(entry.connection, program, request, endLine, timeout, maxOutputBytes);
        }

        @Override
        public RemoteProcess start(String command) throws IOException {
            try {
                return entry.connection.start(command);
            } catch (IOException e) {
                if (entry.shell.closeIdle()) {
                    // a server with room for few channels (MaxSessions 1): the idle kept shell gives its channel to
                    // the stream (the sampler's), which sshd frees a moment after the close
                    return startAfterClose(command, e);
                }
                entry.broken = true;
                throw e;
            }
        }

        private RemoteProcess startAfterClose(String command, IOException first) throws IOException {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (true) {
                try {
                    return entry.connection.start(command);
                } catch (IOException e) {
                    if (System.nanoTime() > deadline || !entry.connection.isOpen()) {
                        entry.broken = true;
                        e.addSuppressed(first);
                        throw e;
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("Interrupted while starting a stream on " + target() + ".");
                }
            }
        }

        /** The forward belongs to the pooled session: it outlives this lease and closes with the session. */
        @Override
        public int forwardLocalPort(String host, int port) throws IOException {
            return entry.connection.forwardLocalPort(host, port);
        }

        @Override
        public boolean isOpen() {
            return !returned.get() && entry.connection.isOpen();
        }

        @Override
        public void close() {
            if (returned.compareAndSet(false, true)) {
                release(entry);
            }
        }
    }
}
