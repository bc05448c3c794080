package org.incidentworkbench.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system summary and process list of {@code top -b} (its last iteration), or the same summary
 * rebuilt from {@code /proc} where top is missing.
 *
 * @param summary   top's first line: time, uptime, users, load
 * @param tasks     task counts by state
 * @param cpu       the CPU split; for {@code top} the interval before the snapshot (for one iteration
 *                  procps samples about a quarter second), for {@code /proc} the average since boot
 * @param memory    memory and swap, in bytes
 * @param processes the process list as printed (sorted by %CPU by default)
 * @param source    {@code top}, {@code busybox top}, {@code /proc sampled} (the fallback: {@code cpu} over half a second,
 *                  {@code processes} empty) or {@code /proc} (one read: {@code cpu} since boot, {@code processes} empty)
 */
public record TopReport(Optional<UptimeReport> summary, Optional<Tasks> tasks, Optional<CpuSplit> cpu,
                        Optional<Memory> memory, List<TopProcess> processes, String source) {

    public TopReport {
        processes = List.copyOf(processes);
    }

    /**
     * Task counts ({@code Tasks:} or, with threads shown, {@code Threads:}).
     *
     * @param blocked tasks in uninterruptible sleep ({@code /proc/stat}'s procs_blocked; top does not print it)
     */
    public record Tasks(Optional<Integer> total, Optional<Integer> running, Optional<Integer> sleeping,
                        Optional<Integer> stopped, Optional<Integer> zombie, Optional<Integer> blocked) {
    }

    /**
     * Memory as top (or /proc/meminfo) reports it, in bytes.
     *
     * @param buffCacheBytes buffers plus page cache plus reclaimable slab (top's {@code buff/cache})
     * @param availableBytes the kernel's estimate of memory available without swapping ({@code MemAvailable})
     */
    public record Memory(Optional<Long> totalBytes, Optional<Long> freeBytes, Optional<Long> usedBytes,
                         Optional<Long> buffCacheBytes, Optional<Long> availableBytes, Optional<Long> swapTotalBytes,
                         Optional<Long> swapFreeBytes, Optional<Long> swapUsedBytes) {
    }

    /**
     * One row of top's process list.
     *
     * @param priority   {@code PR}: a number, or {@code rt} for real-time tasks
     * @param state      {@code S}: R, S, D, Z, T, I
     * @param cpuPercent share of one CPU over top's interval (can exceed 100 for threaded processes)
     * @param cpuTime    {@code TIME+} as printed ({@code 0:02.46})
     * @param command    {@code COMMAND}: the name, or the command line with {@code top -c}
     * @param other      further columns by header (with {@code top -w} and extra fields)
     */
    public record TopProcess(long pid, Optional<String> user, Optional<String> priority, Optional<Integer> nice,
                             Optional<Long> virtBytes, Optional<Long> resBytes, Optional<Long> shrBytes,
                             Optional<String> state, Optional<Double> cpuPercent, Optional<Double> memPercent,
                             Optional<String> cpuTime, String command, Map<String, String> other) {
        public TopProcess {
            other = Map.copyOf(other);
        }
    }
}
