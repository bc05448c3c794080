package org.incidentworkbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** {lab's CPU ms, this JVM's CPU ms, of the lab's: sshd's own ms, the shells' and probes' ms} now. */
    static long[] snapshot(SshdLab lab, int hosts) {
        long sshd = 0;
        long shells = 0;
        for (int i = 0; i < hosts; i++) {
            ProcessHandle listener = ProcessHandle.of(lab.pid(i)).orElse(null);
            if (listener == null) {
                continue;
            }
            List<ProcessHandle> all = new ArrayList<>(listener.descendants().toList());
            all.add(listener);
            for (ProcessHandle h : all) {
                long[] t = ticks(h.pid());
                // sshd's reaped children are the login shells of ended channels: theirs, not sshd's
                if (t[2] == 1) {
                    sshd += t[0];
                    shells += t[1];
                } else {
                    shells += t[0] + t[1];
                }
            }
        }
        long jvmNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new long[] {(sshd + shells) * TICK_MILLIS, jvmNanos / 1_000_000, sshd * TICK_MILLIS, shells * TICK_MILLIS};
    }

    /** What {@link #snapshot} holds, spent since {@code before}. */
    static long[] since(long[] before, SshdLab lab, int hosts) {
        long[] now = snapshot(lab, hosts);
        long[] spent = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            spent[i] = now[i] - before[i];
        }
        return spent;
    }

    /** {utime+stime, cutime+cstime, 1 for an sshd process} in ticks; zeros for a process that ended. */
    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            boolean sshd = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).equals("sshd");
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14-17 of stat: utime, stime, cutime, cstime (here from index 11, after pid and comm)
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14]),
                    sshd ? 1 : 0};
        } catch (IOException | RuntimeException gone) {
            return new long[3];
        }
    }
}
