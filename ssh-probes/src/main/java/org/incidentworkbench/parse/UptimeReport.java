package org.incidentworkbench.parse;

import java.util.Optional;

/**
 * How long the host has been up and how loaded it is.
 *
 * @param time             the host's wall-clock time as {@code uptime} printed it ({@code 19:43:05})
 * @param uptimeSeconds    seconds since boot ({@code /proc/uptime} when given, else from the text, minute precision)
 * @param users            login sessions {@code uptime} counted
 * @param load1            load average over 1 minute (runnable plus uninterruptible tasks)
 * @param load5            over 5 minutes
 * @param load15           over 15 minutes
 * @param cpuCores         online CPUs ({@code nproc}), to read the load against
 * @param runnableEntities currently runnable scheduling entities ({@code /proc/loadavg}'s 4th field, before the slash)
 * @param totalEntities    existing scheduling entities (after the slash)
 */
public record UptimeReport(Optional<String> time, Optional<Long> uptimeSeconds, Optional<Integer> users,
                           Optional<Double> load1, Optional<Double> load5, Optional<Double> load15,
                           Optional<Integer> cpuCores, Optional<Integer> runnableEntities,
                           Optional<Integer> totalEntities) {

    static UptimeReport empty() {
        return new UptimeReport(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
