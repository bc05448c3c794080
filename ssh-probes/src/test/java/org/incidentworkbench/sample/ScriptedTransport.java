package org.incidentworkbench.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnectException;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.RemoteProcess;
import org.incidentworkbench.ssh.Transport;

/**
 * A fake remote for fault tests: each connect's sampling command is replaced by the next scripted
 * {@code sh} program (which prints crafted frames from files, pauses, exits...), run as a real local
 * process through {@link LocalTransport}. The last script repeats for further connects.
 */
final class ScriptedTransport implements Transport {

    private final LocalTransport local = new LocalTransport();
    private final List<String> scripts;
    private final AtomicInteger connects = new AtomicInteger();
    final List<String> commandsSeen = new CopyOnWriteArrayList<>();

    private ScriptedTransport(List<String> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    /**
     * One script per connection: each is a list of steps, a step being either text to print (written to
     * a file under {@code dir} and {@code cat}-ed) or a {@code sleep:SECONDS} pause; the process exits after
     * its last step (a dropped connection) unless the last step is a pause.
     */
    static ScriptedTransport of(Path dir, List<List<String>> connections) throws IOException {
        List<String> scripts = new java.util.ArrayList<>();
        int file = 0;
        for (List<String> steps : connections) {
            StringBuilder sh = new StringBuilder();
            for (String step : steps) {
                if (step.startsWith("sleep:")) {
                    sh.append("sleep ").append(step.substring(6)).append('\n');
                } else {
                    Path p = dir.resolve("part-" + (file++));
                    Files.writeString(p, step, StandardCharsets.ISO_8859_1);
                    sh.append("cat '").append(p).append("'\n");
                }
            }
            scripts.add(sh.toString());
        }
        return new ScriptedTransport(scripts);
    }

    int connects() {
        return connects.get();
    }

    @Override
    public HostConnection connect(HostSpec host) throws HostConnectException {
        int n = connects.getAndIncrement();
        String script = scripts.get(Math.min(n, scripts.size() - 1));
        HostConnection real = local.connect(host);
        return new HostConnection() {
            @Override
            public String target() {
                return "scripted-" + host.alias();
            }

            @Override
            public ExecResult exec(String command, Duration timeout, int maxOutputBytes) throws IOException {
                return real.exec(command, timeout, maxOutputBytes);
            }

            @Override
            public RemoteProcess start(String command) throws IOException {
                commandsSeen.add(command);
                return real.start(script);
            }

            @Override
            public boolean isOpen() {
                return real.isOpen();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
