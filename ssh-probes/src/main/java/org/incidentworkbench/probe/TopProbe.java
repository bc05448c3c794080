package org.incidentworkbench.probe;

import static org.incidentworkbench.probe.Probe.missing;
import static org.incidentworkbench.probe.Probe.section;

import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.TopParser;
import org.incidentworkbench.parse.TopReport;

/**
 * top: CPU split, memory and the busiest processes.
 *
 * <p>Two frames half a second apart: procps-ng 4's first frame is no CPU sample on current kernels (it
 * says 100 % idle on a busy machine) and the parser reads the last frame. The half second passes while
 * iostat samples beside the other probes. Not a background probe itself: two frames of a busy server
 * are far more than a pipe's 64 KiB, and a background probe that fills its pipe waits for the others.
 * procps before 3.3 has no -w: COLUMNS does its job. Without procps' top, {@code /proc/stat} twice half a
 * second apart (the CPU split over that interval), {@code /proc/meminfo} and {@code /proc/loadavg}; also where
 * top is BusyBox's: its one frame samples a tenth of a second and its %CPU is a share of all CPUs, too noisy to
 * name a hog (the ps probe's {@code /proc} variant does that there). Pasted BusyBox top output still parses.
 */
public final class TopProbe implements Probe<TopReport> {
    private static final String TOP = "top -b -n 2 -d 0.5 -w 512";

    private static final TopParser PARSER = new TopParser();

    @Override
    public String name() {
        return "top";
    }

    @Override
    public List<String> commands() {
        return List.of(TOP);
    }

    @Override
    public Map<String, String> toolPackages() {
        return Map.of("top", "procps");
    }

    @Override
    public String fragment() {
        return "if command -v top >/dev/null 2>&1 && ! " + Probe.busyBox("top") + "; then " + TOP
                + " 2>/dev/null || COLUMNS=512 top -b -n 2 -d 0.5; else "
                + "command -v top >/dev/null 2>&1 || " + missing("top", "procps", true)
                + section("/proc/stat") + "cat /proc/stat; "
                + "sleep 0.5 2>/dev/null || sleep 1; "
                + section("/proc/stat 2") + "cat /proc/stat; "
                + section("/proc/meminfo") + "cat /proc/meminfo; "
                + section("/proc/loadavg") + "cat /proc/loadavg; fi";
    }

    @Override
    public OutputParser<TopReport> parser() {
        return PARSER;
    }

    @Override
    public Class<TopReport> type() {
        return TopReport.class;
    }

    @Override
    public List<String> fixturePrefixes() {
        return List.of("top", "proc-stat");
    }

    @Override
    public String variant(ProbeResult result) {
        return org.incidentworkbench.parse.Sections.split(result.raw()).containsKey("/proc/stat 2")
                ? "/proc/stat sampled 0.5 s apart, /proc/meminfo, /proc/loadavg" : Probe.super.variant(result);
    }
}
