package org.incidentworkbench.app.ui;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Measures how smoothly the FX thread runs: an {@link AnimationTimer} asks for a pulse every frame
 * and records the gap between consecutive pulses. A gap much longer than a frame (16.7 ms) means the
 * FX thread was busy or blocked that long. Used by the 20-host triage test (no gap over 100 ms) and by
 * {@code workbench bench ui} (frame times while panning). Start and stop on the FX thread; read after stop.
 */
public final class FrameMonitor {

    private final AnimationTimer timer;
    private long[] gaps = new long[4096];
    private int count;
    private long last = -1;
    private long lastCpu = -1;
    private long max;
    private long maxCpu;
    private volatile int maxCpuFrame = -1;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

    public FrameMonitor() {
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long cpu = threads.getCurrentThreadCpuTime();
                if (lastCpu >= 0 && cpu >= 0 && cpu - lastCpu > maxCpu) {
                    maxCpu = cpu - lastCpu;
                    maxCpuFrame = count;
                }
                lastCpu = cpu;
                if (last >= 0) {
                    long gap = now - last;
                    if (count == gaps.length) {
                        gaps = Arrays.copyOf(gaps, gaps.length * 2);
                    }
                    gaps[count++] = gap;
                    max = Math.max(max, gap);
                }
                last = now;
            }
        };
    }

    public void start() {
        last = -1;
        lastCpu = -1;
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** The frame count at the end of the gap with the most FX-thread CPU (for diagnostics). */
    public int maxCpuFrame() {
        return maxCpuFrame;
    }

    public int frames() {
        return count;
    }

    public double maxGapMillis() {
        return max / 1e6;
    }

    /**
     * The most CPU time the FX thread used between two frames. Unlike the wall-clock gap it does not
     * grow when the machine is oversubscribed and the thread waits to be scheduled, so it tells work
     * on the FX thread apart from a starved machine.
     */
    public double maxCpuBetweenFramesMillis() {
        return maxCpu / 1e6;
    }

    /** The gap at quantile {@code q} (0.5 for the median) in milliseconds. */
    public double quantileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.floor(q * (count - 1) + 0.5))] / 1e6;
    }
}
