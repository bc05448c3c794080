package org.incidentworkbench.findings;

/**
 * Every number the findings rules compare against, in one place. {@link #DEFAULTS} are the values
 * the product ships with; each is chosen as explained below so that a finding means "look here"
 * rather than "something is slightly unusual".
 *
 * @param loadPerCoreWarning      1-minute (or 5-minute, whichever is higher) load divided by cores. 1.0: at
 *                                that point runnable plus uninterruptible tasks queue for every core (Brendan
 *                                Gregg's USE method treats load above the core count as CPU or I/O saturation).
 * @param loadPerCoreCritical     2.0: twice as many tasks as cores; latency visibly suffers.
 * @param iowaitPercentWarning    20 %: CPUs idle while waiting for I/O a fifth of the time points at a
 *                                slow or saturated disk; a few percent is normal on a busy database.
 * @param stealPercentWarning     10 %: the hypervisor gives a tenth of our CPU time to other guests; AWS
 *                                and GCP guidance treats sustained steal above ~10 % as a noisy neighbour.
 * @param fsUsedPercentWarning    90 %: a filesystem this full needs attention within days on most servers.
 * @param fsUsedPercentCritical   95 %: ext4 reserves 5 % for root by default, so at df's 95 % unprivileged
 *                                writers (databases, loggers) are about to get ENOSPC.
 * @param inodesUsedPercentWarning  90 %: many small files (mail spools, caches, session dirs).
 * @param inodesUsedPercentCritical 95 %: file creation fails at 100 % with space still free, a confusing outage.
 * @param deviceUtilPercentWarning  90 %: a single-queue device busy 90 % of the interval is saturated
 *                                (for NVMe and RAID, which serve requests in parallel, util overstates load,
 *                                so it is a warning, not critical).
 * @param deviceAwaitMillisWarning  50 ms average request time: SSDs answer in under 1 ms and spinning disks
 *                                in 5 to 20 ms, so 50 ms means queueing or a failing device.
 * @param deviceAwaitMillisCritical 500 ms: requests wait half a second; applications time out.
 * @param memAvailablePercentWarning 10 % of RAM available (MemAvailable, which counts reclaimable cache)
 *                                together with swap in use: the kernel is reclaiming hard.
 * @param memAvailablePercentCritical 5 %: the OOM killer is near (with or without swap).
 * @param zombiesWarning          20 zombies: one or two are transient; many mean a parent that never reaps
 *                                (each holds a pid; pid exhaustion stops forks). Any zombie is reported as info.
 * @param dStateWarning           3 processes in uninterruptible sleep (D) at one instant: one can be a
 *                                brief disk wait, several mean stuck I/O (NFS, a failing disk). Any is info.
 * @param closeWaitWarning        20 CLOSE-WAIT sockets: the peer closed and our application has not; they
 *                                accumulate only through an application bug (leaked connections).
 * @param timeWaitWarning         5000 TIME-WAIT sockets: Linux's default ephemeral port range has 28232
 *                                ports, so thousands of TIME-WAITs to one peer risk port exhaustion.
 * @param nicDropPercentWarning   1 % of packets dropped on an interface: a full ring buffer or backlog;
 *                                a few drops of unknown protocols are normal, one in a hundred is not.
 * @param processCpuPercentWarning 90 % of one CPU for a single process (ps's lifetime average or top's
 *                                sample): a busy loop or a runaway job.
 * @param processMemPercentWarning 50 % of RAM resident in one process: one process owning half the memory
 *                                is the first OOM-killer candidate.
 * @param cpuIdlePercentWarning   10 % idle (top's sample, iowait not counted as busy): the CPUs are
 *                                saturated; work queues up, which the load confirms.
 * @param logRecentHours          24 h: an OOM kill or I/O error younger than a day is critical, an older one
 *                                (dmesg keeps everything since boot) a warning, so last week's incident does
 *                                not read like today's. When the age cannot be told it counts as recent.
 */
public record Thresholds(double loadPerCoreWarning, double loadPerCoreCritical,
                         double iowaitPercentWarning, double stealPercentWarning,
                         int fsUsedPercentWarning, int fsUsedPercentCritical,
                         int inodesUsedPercentWarning, int inodesUsedPercentCritical,
                         double deviceUtilPercentWarning, double deviceAwaitMillisWarning,
                         double deviceAwaitMillisCritical,
                         double memAvailablePercentWarning, double memAvailablePercentCritical,
                         int zombiesWarning, int dStateWarning, int closeWaitWarning, int timeWaitWarning,
                         double nicDropPercentWarning, double processCpuPercentWarning,
                         double processMemPercentWarning, double cpuIdlePercentWarning, double logRecentHours) {

    public static final Thresholds DEFAULTS = new Thresholds(1.0, 2.0, 20, 10, 90, 95, 90, 95, 90, 50, 500,
            10, 5, 20, 3, 20, 5000, 1.0, 90, 50, 10, 24);
}
