package org.incidentworkbench.app.lab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnection;

/**
 * The lab's own SSH connection to the host, used to cause and clean up faults. What it runs is not
 * recorded in the journal (the responders did not do it); each scenario writes it into the bundle's
 * {@code lab-scenario.txt} attachment instead.
 */
final class LabHost {

    private final HostConnection connection;
    private final StringBuilder log = new StringBuilder();

    LabHost(HostConnection connection) {
        this.connection = connection;
    }

    /** Runs a command, fails the lab if it fails, and logs it for the scenario's attachment. */
    String run(String command) throws IOException {
        ExecResult r = connection.exec(command, Duration.ofSeconds(60), 1 << 20);
        log.append("$ ").append(command).append('\n');
        if (!r.stdout().isBlank()) {
            log.append(r.stdout().strip()).append('\n');
        }
        if (r.exitStatus() != 0 || r.timedOut()) {
            throw new IOException("The lab command failed (exit " + r.exitStatus() + (r.timedOut() ? ", timed out" : "") + "): "
                    + command + "\n" + r.stderr());
        }
        return r.stdout().strip();
    }

    /** Like {@link #run} but never fails: for cleanups. */
    void quietly(String command) {
        try {
            ExecResult r = connection.exec(command, Duration.ofSeconds(30), 1 << 16);
            log.append("$ ").append(command).append("   # cleanup, exit ").append(r.exitStatus()).append('\n');
        } catch (IOException e) {
            log.append("$ ").append(command).append("   # cleanup failed: ").append(e.getMessage()).append('\n');
        }
    }

    /** Polls {@code command} every two seconds until its output satisfies {@code done}, at most {@code limit}. */
    String waitUntil(String command, Predicate<String> done, Duration limit) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            ExecResult r = connection.exec(command, Duration.ofSeconds(20), 1 << 16);
            last = r.stdout().strip();
            if (done.test(last)) {
                log.append("# waited until `").append(command).append("` gave ").append(last).append('\n');
                return last;
            }
            Thread.sleep(2000);
        }
        log.append("# gave up waiting on `").append(command).append("` (last: ").append(last).append(")\n");
        return last;
    }

    void comment(String text) {
        log.append("# ").append(text).append('\n');
    }

    String takeLog() {
        String text = log.toString();
        log.setLength(0);
        return text;
    }

    static String format(double v) {
        return Double.isNaN(v) ? "?" : v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static double number(String text) {
        try {
            return Double.parseDouble(text.replace("%", "").trim().split("\\s+")[0]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Double.NaN;
        }
    }
}
