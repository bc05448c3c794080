package org.incidentworkbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.incidentworkbench.sample.StreamEvent;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.RemoteProcess;
import org.incidentworkbench.ssh.Transport;

/**
 * For the sampler benchmark only: an in-process {@link Transport} whose "hosts" stream frames recorded
 * from this machine over Java pipes, one frame per interval, as many hosts as asked for, without sshd,
 * sockets or crypto. One feeder thread writes frame {@code k} to every host's pipe each interval; the
 * frames are re-stamped (server time and {@code /proc/uptime}) so the stream is continuous, and the
 * recording is cycled (its counters then step back once per cycle, which costs those series one rate).
 * The feeder's own CPU time is reported so the benchmark can leave it out.
 */
final class FrameReplayTransport implements Transport, AutoCloseable {

    /** Each host's pipe: JSch's channel buffer is 32 KiB too, so the heap figure stays comparable. */
    static final int PIPE_BYTES = 32 * 1024;

    private final List<StreamEvent.Frame> recording;
    private final long intervalMicros;
    private final List<PipedOutputStream> pipes = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService feeder;
    private final AtomicLong tick = new AtomicLong();
    private final long startMicros;
    private final double startUptime;
    private volatile long feederThreadId = -1;

    FrameReplayTransport(List<StreamEvent.Frame> recording, Duration interval, double recordedUptimeStart) {
        this.recording = List.copyOf(recording);
        this.intervalMicros = interval.toNanos() / 1000;
        this.startMicros = System.currentTimeMillis() * 1000;
        this.startUptime = recordedUptimeStart;
        this.feeder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-replay-feeder");
            t.setDaemon(true);
            return t;
        });
        feeder.scheduleAtFixedRate(this::feed, intervalMicros, intervalMicros, TimeUnit.MICROSECONDS);
    }

    long feederThreadId() {
        return feederThreadId;
    }

    @Override
    public HostConnection connect(HostSpec host) {
        return new HostConnection() {
            @Override
            public String target() {
                return "replay-" + host.alias();
            }

            @Override
            public ExecResult exec(String command, Duration timeout, int maxOutputBytes) {
                throw new UnsupportedOperationException("The replay transport only streams frames.");
            }

            @Override
            public RemoteProcess start(String command) throws IOException {
                PipedInputStream in = new PipedInputStream(PIPE_BYTES);
                PipedOutputStream out = new PipedOutputStream(in);
                out.write(("#iw-hello 1 interval=1 df_every=10 pagesize=4096 shell=bash clock=us df_local=l\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                pipes.add(out);
                return new RemoteProcess() {
                    @Override
                    public InputStream stdout() {
                        return in;
                    }

                    @Override
                    public OptionalInt exitStatus() {
                        return OptionalInt.empty();
                    }

                    @Override
                    public boolean isOpen() {
                        return pipes.contains(out);
                    }

                    @Override
                    public void close() {
                        pipes.remove(out);
                    }
                };
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private void feed() {
        feederThreadId = Thread.currentThread().getId();
        long k = tick.getAndIncrement();
        byte[] frame = frame(k);
        for (PipedOutputStream out : pipes) {
            try {
                out.write(frame);
            } catch (IOException e) {
                pipes.remove(out);
            }
        }
    }

    /** Recorded frame {@code k mod n}, stamped as if taken {@code k} intervals after the start. */
    private byte[] frame(long k) {
        StreamEvent.Frame f = recording.get((int) (k % recording.size()));
        double uptime = startUptime + k * intervalMicros / 1e6;
        String body = f.body();
        int lineStart = body.indexOf('\n') + 1;
        int lineEnd = body.indexOf('\n', lineStart);
        body = body.substring(0, lineStart) + String.format(Locale.ROOT, "%.2f 1000.00", uptime) + body.substring(lineEnd);
        long micros = startMicros + k * intervalMicros;
        String text = "#iw-frame " + k + " " + String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000)
                + "\n" + body + "\n#iw-end " + k + " " + body.length() + "\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        feeder.shutdownNow();
        pipes.clear();
    }
}
