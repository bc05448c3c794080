package org.incidentworkbench.app.ui;

/**
 * Samples the FX thread's stack whenever the {@link FrameMonitor} has seen no new frame for over
 * 100 ms, and keeps the samples of the longest stall, so a failing stall assertion says what the FX
 * thread was doing instead of only how long it was gone.
 */
final class StallWatch implements AutoCloseable {

    private final Thread watcher;
    private volatile String longest = "";
    /** Samples where the FX thread waited (on a lock, I/O or a latch) inside the workbench's own code. */
    private final java.util.List<String> waits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile long longestMillis;

    StallWatch(FrameMonitor monitor, Thread fxThread) {
        watcher = new Thread(() -> {
            int lastFrames = -1;
            long since = System.nanoTime();
            StringBuilder current = new StringBuilder();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
                int f = monitor.frames();
                long now = System.nanoTime();
                if (f != lastFrames) {
                    lastFrames = f;
                    since = now;
                    current.setLength(0);
                    continue;
                }
                long stalled = (now - since) / 1_000_000;
                if (stalled > 100) {
                    Thread.State state = fxThread.getState();
                    StackTraceElement[] st = fxThread.getStackTrace();
                    current.append("-- after ").append(stalled).append(" ms (").append(state).append("):\n");
                    if (state != Thread.State.RUNNABLE) {
                        for (StackTraceElement e : st) {
                            if (e.getClassName().startsWith("org.incidentworkbench")) {
                                waits.add(state + " in " + e);
                                break;
                            }
                        }
                    }
                    for (int i = 0; i < Math.min(14, st.length); i++) {
                        current.append("    ").append(st[i]).append('\n');
                    }
                    if (stalled > longestMillis) {
                        longestMillis = stalled;
                        longest = current.toString();
                    }
                }
            }
        }, "stall-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    java.util.List<String> waitsInOurCode() {
        return java.util.List.copyOf(waits);
    }

    String longestStall() {
        return longest;
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
