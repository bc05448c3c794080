package org.incidentworkbench.app.ui;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the window's start spends its time, for whoever makes it faster: with
 * {@code -Dworkbench.startupTrace=true} the window marks each step of its start and prints, once the first
 * frame is drawn, {@code STARTUP_TRACE step=ms/cpu ...} on stderr: milliseconds since the JVM started and the
 * marking thread's CPU milliseconds (the FX thread's for the window's steps; a figure a loaded machine
 * changes less than the wall time). Off, a mark costs one boolean test.
 */
public final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("workbench.startupTrace");
    private static final List<String> MARKS = new ArrayList<>();

    private StartupTrace() {
    }

    public static void mark(String step) {
        if (ON) {
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            synchronized (MARKS) {
                MARKS.add(step + "=" + sinceStart + "/" + cpu);
            }
        }
    }

    static void print() {
        if (ON) {
            synchronized (MARKS) {
                System.err.println("STARTUP_TRACE " + String.join(" ", MARKS));
            }
        }
    }
}
