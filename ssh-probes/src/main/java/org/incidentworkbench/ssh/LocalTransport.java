package org.incidentworkbench.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine without SSH, so {@code workbench triage --local} works for a
 * newcomer before any server is configured, and tests can drive the probes without an sshd.
 * Each command runs as {@code /bin/sh -c COMMAND}, the way sshd hands a command to a POSIX login
 * shell, with the same contract as an SSH {@link HostConnection}: a timeout after which the whole
 * process tree is killed and the partial output returned, and an output cap beyond which bytes are
 * read and discarded (so a chatty command never blocks on a full pipe).
 *
 * <pre>
 * try (HostConnection c = new LocalTransport().connect(LocalTransport.HOST)) {
 *     ExecResult r = c.exec("uptime", Duration.ofSeconds(5), 1 &lt;&lt; 20);
 * }
 * </pre>
 *
 * <p>Thread-safe: every exec starts its own process.
 */
public final class LocalTransport implements Transport {

    /** The host spec that stands for this machine in reports ({@code local}). */
    public static final HostSpec HOST = HostSpec.of("local", Optional.empty(), "localhost", 22);

    private final Map<String, String> environment;

    /** Commands inherit this process's environment. */
    public LocalTransport() {
        this(Map.of());
    }

    /**
     * Commands run with these variables set on top of this process's environment (tests use a
     * {@code PATH} without {@code iostat} to exercise the {@code /proc} fallback).
     */
    public LocalTransport(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public HostConnection connect(HostSpec host) {
        return new LocalConnection();
    }

    private ProcessBuilder processBuilder(String command) {
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return builder;
    }

    private final class LocalConnection implements HostConnection {

        private volatile boolean open = true;
        private final String target = System.getProperty("user.name") + "@" + localHostName() + " (local)";

        @Override
        public String target() {
            return target;
        }

        @Override
        public ExecResult exec(String command, Duration timeout, int maxOutputBytes) throws IOException {
            if (!open) {
                throw new IOException("The local connection is closed; open a new one to run '" + command + "'.");
            }
            long start = System.nanoTime();
            Process process = processBuilder(command).start();
            CappedReader out = CappedReader.start(process.getInputStream(), maxOutputBytes, "stdout");
            CappedReader err = CappedReader.start(process.getErrorStream(), maxOutputBytes, "stderr");
            boolean finished;
            try {
                finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                killTree(process);
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while running '" + command + "' locally.", e);
            }
            if (!finished) {
                killTree(process);
            }
            // After a kill, grandchildren that escaped (daemonised) may still hold the pipes open:
            // wait briefly for the readers, then take what they have.
            out.awaitEnd(finished ? Duration.ofSeconds(2) : Duration.ofMillis(500));
            err.awaitEnd(Duration.ofMillis(finished ? 2000 : 500));
            int exit = finished ? process.exitValue() : -1;
            return new ExecResult(out.text(), err.text(), exit, !finished, out.truncated() || err.truncated(),
                    Duration.ofNanos(System.nanoTime() - start));
        }

        @Override
        public RemoteProcess start(String command) throws IOException {
            Process process = processBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new RemoteProcess() {
                @Override
                public InputStream stdout() {
                    return process.getInputStream();
                }

                @Override
                public OptionalInt exitStatus() {
                    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
                }

                @Override
                public boolean isOpen() {
                    return process.isAlive();
                }

                @Override
                public void close() {
                    killTree(process);
                }
            };
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Drains one stream on its own thread, keeping the first {@code cap} bytes. */
    private static final class CappedReader implements Runnable {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;
        private final Thread thread;

        private CappedReader(InputStream in, int cap, String name) {
            this.in = in;
            this.cap = cap;
            this.thread = new Thread(this, "local-exec-" + name);
            this.thread.setDaemon(true);
        }

        static CappedReader start(InputStream in, int cap, String name) {
            CappedReader r = new CappedReader(in, cap, name);
            r.thread.start();
            return r;
        }

        @Override
        public void run() {
            byte[] buf = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us (process killed): keep what arrived
            }
        }

        void awaitEnd(Duration limit) {
            try {
                thread.join(Math.max(1, limit.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A reader still blocked here belongs to an escaped grandchild; it is a daemon and ends
            // with that process. Closing the pipe under a blocked read can itself block on Linux.
        }

        boolean truncated() {
            return truncated;
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
