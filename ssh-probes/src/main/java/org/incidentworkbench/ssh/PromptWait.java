package org.incidentworkbench.ssh;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How long one host's connection waited for a person (an unknown host key, a passphrase, a password),
 * so a triage can leave that time out of its duration and its deadline: a user reading a fingerprint
 * for a minute did not make the host slow. The triage binds one to its thread before connecting;
 * prompts made on that thread (deep inside JSch, through {@link ConnectDeadline#pausedWhile}) count.
 *
 * <pre>{@code
 * PromptWait waits = PromptWait.bindToCurrentThread();
 * try { connection = transport.connect(host); } finally { PromptWait.unbindCurrentThread(); }
 * Duration busy = elapsed.minus(waits.waited());
 * }</pre>
 *
 * <p>Thread-safe: the watchdog reads it while the connecting thread waits.
 */
public final class PromptWait {

    private static final ThreadLocal<PromptWait> CURRENT = new ThreadLocal<>();

    private long waitedNanos;
    private long since;
    private int open;

    private PromptWait() {
    }

    /** A count nothing adds to (a host not connecting yet, or a transport that never asks). */
    public static PromptWait none() {
        return new PromptWait();
    }

    /** A fresh count that prompts on this thread add to, until {@link #unbindCurrentThread()}. */
    public static PromptWait bindToCurrentThread() {
        PromptWait w = new PromptWait();
        CURRENT.set(w);
        return w;
    }

    public static void unbindCurrentThread() {
        CURRENT.remove();
    }

    /** Runs a question to a person, counting its time on this thread's count (if one is bound). */
    static <T> T around(Supplier<T> question) {
        PromptWait w = CURRENT.get();
        if (w == null) {
            return question.get();
        }
        w.start();
        try {
            return question.get();
        } finally {
            w.stop();
        }
    }

    private synchronized void start() {
        if (open++ == 0) {
            since = System.nanoTime();
        }
    }

    private synchronized void stop() {
        if (--open == 0) {
            waitedNanos += System.nanoTime() - since;
        }
    }

    /** The time spent waiting so far, a question still open included. */
    public synchronized Duration waited() {
        return Duration.ofNanos(waitedNanos + (open > 0 ? System.nanoTime() - since : 0));
    }

    /** Whether a person is being asked right now. */
    public synchronized boolean waiting() {
        return open > 0;
    }
}
