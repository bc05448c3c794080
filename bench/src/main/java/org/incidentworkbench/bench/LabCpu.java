package org.incidentworkbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU spent by a lab's sshd and everything under it (sessions, login and kept shells, probes), and by this JVM, between
 * two snapshots: where a re-triage's time goes on a machine whose cores every host shares. For each listening
 * daemon and each of its live descendants: {@code utime+stime} and the reaped children's {@code cutime+cstime}
 * ({@code /proc/PID/stat}, 10 ms ticks). Exact for a span in which no process that was alive at its start ends (a
 * process that did would bring its earlier time into its parent's {@code cutime}); a warm re-triage's processes are
 * born and reaped within it, and the sessions and kept shells outlive it. Not thread-safe.
 */
final class LabCpu {

    private static final long TICK_MILLIS = 10; // USER_HZ 100

    private LabCpu() {
    }

    /** {lab's CPU ms, this JVM's CPU ms} now. */
    static long[] snapshot(SshdLab lab, int hosts) {
        long ticks = 0;
        for (int i = 0; i < hosts; i++) {
            ProcessHandle listener = ProcessHandle.of(lab.pid(i)).orElse(null);
            if (listener == null) {
                continue;
            }
            ticks += ticks(listener.pid());
            for (ProcessHandle h : listener.descendants().toList()) {
                ticks += ticks(h.pid());
            }
        }
        long jvmNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new long[] {ticks * TICK_MILLIS, jvmNanos / 1_000_000};
    }

    /** {lab ms, JVM ms} spent since {@code before}. */
    static long[] since(long[] before, SshdLab lab, int hosts) {
        long[] now = snapshot(lab, hosts);
        return new long[] {now[0] - before[0], now[1] - before[1]};
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14-17 of stat: utime, stime, cutime, cstime (here from index 11, after pid and comm)
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
