package org.incidentworkbench.ssh;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One bound over TCP connect, SSH handshake and authentication, that stops counting while a person is
 * being asked something (a passphrase, a password, an unknown host key) or while this connection
 * waits for another one's question about a shared key: a user typing slowly must not make twenty
 * hosts time out. JSch bounds each read but not their sum, so a server trickling bytes needs this too.
 *
 * <pre>{@code
 * ConnectDeadline d = ConnectDeadline.start(timeout, session::disconnect);
 * try { d.runOnThisThread(() -> session.connect(ms)); } finally { d.cancel(); }
 * }</pre>
 *
 * <p>Thread-safe. The connecting thread registers itself so prompts made on it (deep inside JSch) find it.
 */
final class ConnectDeadline {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-connect-deadline");
        t.setDaemon(true);
        return t;
    });
    private static final ThreadLocal<ConnectDeadline> CURRENT = new ThreadLocal<>();

    private final long budgetNanos;
    private final long startNanos = System.nanoTime();
    private final Runnable onExpiry;
    private long pausedNanos;
    private long pausedSince;
    private int pauses;
    private boolean expired;
    private boolean cancelled;

    private ConnectDeadline(long budgetNanos, Runnable onExpiry) {
        this.budgetNanos = budgetNanos;
        this.onExpiry = onExpiry;
    }

    /** Starts counting; {@code onExpiry} (closing the socket) runs once if the budget is spent. */
    static ConnectDeadline start(java.time.Duration budget, Runnable onExpiry) {
        ConnectDeadline d = new ConnectDeadline(budget.toNanos(), onExpiry);
        d.schedule(budget.toNanos());
        return d;
    }

    private void schedule(long delayNanos) {
        TIMER.schedule(this::check, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void check() {
        synchronized (this) {
            if (cancelled || expired) {
                return;
            }
            if (pauses > 0) {
                schedule(budgetNanos);
                return;
            }
            long due = startNanos + budgetNanos + pausedNanos;
            long now = System.nanoTime();
            if (now < due) {
                schedule(due - now);
                return;
            }
            expired = true;
        }
        onExpiry.run();
    }

    synchronized boolean expired() {
        return expired;
    }

    synchronized void cancel() {
        cancelled = true;
    }

    /** Makes this the deadline that prompts on the current thread pause. */
    void bindToCurrentThread() {
        CURRENT.set(this);
    }

    static void unbindCurrentThread() {
        CURRENT.remove();
    }

    private synchronized void pause() {
        if (pauses++ == 0) {
            pausedSince = System.nanoTime();
        }
    }

    private synchronized void resume() {
        if (--pauses == 0) {
            pausedNanos += System.nanoTime() - pausedSince;
        }
    }

    /** Runs {@code waitingForAPerson} with the current thread's deadline (if any) stopped. */
    static <T> T pausedWhile(Supplier<T> waitingForAPerson) {
        Optional<ConnectDeadline> d = Optional.ofNullable(CURRENT.get());
        d.ifPresent(ConnectDeadline::pause);
        try {
            return PromptWait.around(waitingForAPerson);
        } finally {
            d.ifPresent(ConnectDeadline::resume);
        }
    }

    /** Wraps a prompter so every question pauses the asking thread's deadline. */
    static UserPrompter pausing(UserPrompter prompter) {
        return new UserPrompter() {
            @Override
            public Optional<char[]> passphrase(String keyFile) {
                return pausedWhile(() -> prompter.passphrase(keyFile));
            }

            @Override
            public Optional<char[]> password(String target) {
                return pausedWhile(() -> prompter.password(target));
            }

            @Override
            public boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint) {
                return pausedWhile(() -> prompter.acceptUnknownHostKey(host, keyType, sha256Fingerprint));
            }

            @Override
            public boolean acceptUnknownHostKey(String alias, String host, String keyType, String sha256Fingerprint) {
                return pausedWhile(() -> prompter.acceptUnknownHostKey(alias, host, keyType, sha256Fingerprint));
            }
        };
    }
}
