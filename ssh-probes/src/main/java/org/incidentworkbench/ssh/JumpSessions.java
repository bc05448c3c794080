package org.incidentworkbench.ssh;

import com.jcraft.jsch.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Jump-host sessions shared by every connection of one transport that goes through the same chain
 * of bastions, as OpenSSH's ControlMaster would share them. Twenty hosts behind one bastion cost one
 * bastion handshake, not twenty, and stay clear of the bastion's {@code MaxStartups} (10 concurrent
 * unauthenticated connections by default, beyond which sshd drops new ones at random). A chain is
 * opened by the first connection that needs it; the others wait for it and share its outcome, so a
 * failing bastion is reported (and a passphrase asked) once. A session is closed when its last user
 * releases it; a dead one is replaced on next use.
 *
 * <p>Thread-safe.
 */
final class JumpSessions {

    /** Opens one hop, through the previous hop's session (null for the first). */
    interface Opener {
        Session open(HostSpec hop, Session through, String throughName, String role) throws HostConnectException;
    }

    /** An open hop and how many connections (and deeper hops) use it. */
    private static final class Shared {
        final Session session;
        int users = 1;

        Shared(Session session) {
            this.session = session;
        }
    }

    private final Map<List<HostSpec>, CompletableFuture<Shared>> chains = new HashMap<>();
    private final Opener opener;

    JumpSessions(Opener opener) {
        this.opener = opener;
    }

    /** The session of the chain's last hop, opening what is missing; pair with {@link #release}. */
    Session acquire(List<HostSpec> chain, String forHost) throws HostConnectException {
        List<HostSpec> key = List.copyOf(chain);
        while (true) {
            CompletableFuture<Shared> pending;
            CompletableFuture<Shared> mine = null;
            synchronized (chains) {
                pending = chains.get(key);
                if (pending != null && pending.isDone() && !pending.isCompletedExceptionally()) {
                    Shared shared = pending.join();
                    if (shared.session.isConnected()) {
                        shared.users++;
                        return shared.session;
                    }
                    chains.remove(key); // died since: open a fresh one below
                    pending = null;
                }
                if (pending == null) {
                    mine = new CompletableFuture<>();
                    chains.put(key, mine);
                }
            }
            if (mine != null) {
                return openChain(key, mine, forHost);
            }
            try {
                pending.get(); // opened by another connection; loop to take a reference under the lock
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HostConnectException hce) {
                    throw new HostConnectException(hce.failure(), hce);
                }
                throw new IllegalStateException("Opening a jump host failed unexpectedly.", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostConnectException(new HostFailure(
                        HostFailure.Kind.CANCELLED,
                        "Connecting to " + forHost + " was cancelled while its jump host was being opened.", ""), e);
            }
        }
    }

    private Session openChain(List<HostSpec> key, CompletableFuture<Shared> mine, String forHost)
            throws HostConnectException {
        List<HostSpec> parent = key.subList(0, key.size() - 1);
        Session through = null;
        try {
            if (!parent.isEmpty()) {
                through = acquire(parent, forHost);
            }
            HostSpec hop = key.get(key.size() - 1);
            Session session = opener.open(hop, through, parent.isEmpty() ? null : parent.get(parent.size() - 1).target(),
                    "jump host " + hop.alias() + " for " + forHost);
            mine.complete(new Shared(session));
            return session;
        } catch (HostConnectException | RuntimeException e) {
            if (!parent.isEmpty() && through != null) {
                release(parent);
            }
            synchronized (chains) {
                chains.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Drops one reference to the chain's last hop (and, when it closes, to the hops before it). */
    void release(List<HostSpec> chain) {
        List<HostSpec> key = List.copyOf(chain);
        Session toClose = null;
        synchronized (chains) {
            CompletableFuture<Shared> f = chains.get(key);
            if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
                return;
            }
            Shared shared = f.join();
            if (--shared.users == 0) {
                chains.remove(key);
                toClose = shared.session;
            }
        }
        if (toClose != null) {
            toClose.disconnect();
            if (key.size() > 1) {
                release(key.subList(0, key.size() - 1));
            }
        }
    }
}
