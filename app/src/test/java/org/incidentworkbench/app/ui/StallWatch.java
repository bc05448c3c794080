package org.incidentworkbench.app.ui;

/**
 * Samples the FX thread's stack whenever the {@link FrameMonitor} has seen no new frame for over
 * 100 ms, and keeps the samples of the longest stall, so a failing stall assertion says what the FX
 * thread was doing instead of only how long it was gone.
 */
final class StallWatch implements AutoCloseable {

    private final Thread watcher;
    private volatile String longest = "";
    /** Stack samples per frame count, taken every 40 ms while the FX thread runs our code or JavaFX's. */
    private final java.util.Map<Integer, StringBuilder> byFrame = new java.util.concurrent.ConcurrentHashMap<>();
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
                if (fxThread.getState() == Thread.State.RUNNABLE) {
                    StackTraceElement[] st0 = fxThread.getStackTrace();
                    StringBuilder sb = byFrame.computeIfAbsent(f, k -> new StringBuilder());
                    if (sb.length() < 20_000) {
                        sb.append("-- sample:\n");
                        for (StackTraceElement e : st0) {
                            if (e.getClassName().startsWith("org.incidentworkbench") || e.getClassName().startsWith("javafx.scene.control")) {
                                sb.append("    ").append(e).append('\n');
                            }
                        }
                    }
                }
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
                    // a wait counts when the state before and after the stack agree and the stack's top is
                    // a real wait (park, wait, sleep, I/O): state and stack are read separately, and race
                    boolean waiting = state != Thread.State.RUNNABLE && fxThread.getState() != Thread.State.RUNNABLE
                            && st.length > 0 && (st[0].getMethodName().equals("park") || st[0].getMethodName().equals("wait")
                            || st[0].getMethodName().equals("sleep") || st[0].getMethodName().startsWith("read"));
                    if (waiting && !toolkitWait(st)) {
                        for (StackTraceElement e : st) {
                            if (e.getClassName().startsWith("org.incidentworkbench") && !e.getClassName().contains("FrameMonitor")) {
                                StringBuilder where = new StringBuilder(state + " in " + e + ":");
                                for (int i = 0; i < Math.min(16, st.length); i++) {
                                    where.append("\n      ").append(st[i]);
                                }
                                waits.add(where.toString());
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

    /**
     * True when the wait is JavaFX's own: the first frame below the JDK's park/wait is the toolkit's
     * (showing a popup takes Quantum's render lock, held by the render thread while it paints a
     * frame). That is not work this window put on its FX thread; the CPU-between-frames verdict still
     * covers it. A wait whose first non-JDK frame is ours or a library we call (JSch, H2) counts.
     */
    static boolean toolkitWait(StackTraceElement[] st) {
        for (StackTraceElement e : st) {
            String c = e.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            return c.startsWith("com.sun.javafx.") || c.startsWith("javafx.") || c.startsWith("com.sun.glass.")
                    || c.startsWith("com.sun.prism.");
        }
        return false;
    }

    java.util.List<String> waitsInOurCode() {
        return java.util.List.copyOf(waits);
    }

    /** The samples taken while the monitor stood at {@code frame} (the gap that ended with frame + 1). */
    String samplesAt(int frame) {
        StringBuilder sb = byFrame.get(frame - 1);
        StringBuilder sb2 = byFrame.get(frame);
        return (sb == null ? "" : sb.toString()) + (sb2 == null ? "" : sb2.toString());
    }

    String longestStall() {
        return longest;
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
