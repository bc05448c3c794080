package org.incidentworkbench.parse;

import java.util.List;
import java.util.Optional;

/**
 * Block-device activity from the last report of {@code iostat} (the first one is the average since
 * boot), or from two {@code /proc/diskstats} snapshots where sysstat is missing.
 *
 * @param cpuCount the {@code (N CPU)} of iostat's first line
 * @param cpu      the last {@code avg-cpu} block (not printed with {@code -d})
 * @param devices  one per device of the last report
 * @param reports  how many reports the text held
 * @param source   {@code iostat} or {@code /proc/diskstats}
 */
public record IostatReport(Optional<Integer> cpuCount, Optional<CpuSplit> cpu, List<Device> devices, int reports,
                           String source) {

    public IostatReport {
        devices = List.copyOf(devices);
    }

    /**
     * One device. Rates are per second over the report's interval; the columns iostat did not print
     * (the basic report has no await) are empty.
     *
     * @param transfersPerSecond      {@code tps}: I/O requests per second
     * @param readsPerSecond          {@code r/s}
     * @param writesPerSecond         {@code w/s}
     * @param readBytesPerSecond      {@code rkB/s}, {@code kB_read/s} or {@code rMB/s}, in bytes
     * @param writeBytesPerSecond     {@code wkB/s}, {@code kB_wrtn/s} or {@code wMB/s}, in bytes
     * @param readMergesPerSecond     {@code rrqm/s}
     * @param writeMergesPerSecond    {@code wrqm/s}
     * @param discardsPerSecond       {@code d/s}
     * @param readAwaitMillis         {@code r_await}: average time a read spent queued and served
     * @param writeAwaitMillis        {@code w_await}
     * @param awaitMillis             {@code await} (old sysstat), or reads' and writes' await weighted by their rates
     * @param averageQueueSize        {@code aqu-sz} (old {@code avgqu-sz}): requests in flight on average
     * @param utilPercent             {@code %util}: share of time the device had requests outstanding
     * @param serviceTimeMillis       {@code svctm} (old sysstat only; removed as unreliable)
     * @param readBytesTotal          {@code kB_read}/{@code MB_read} over the interval, in bytes
     * @param writeBytesTotal         {@code kB_wrtn}/{@code MB_wrtn}, in bytes
     * @param other                   every other column by iostat's header name, as printed ({@code rareq-sz},
     *                                {@code %rrqm}, {@code f/s}, {@code avgrq-sz}...)
     */
    public record Device(String name, Optional<Double> transfersPerSecond, Optional<Double> readsPerSecond,
                         Optional<Double> writesPerSecond, Optional<Double> readBytesPerSecond,
                         Optional<Double> writeBytesPerSecond, Optional<Double> readMergesPerSecond,
                         Optional<Double> writeMergesPerSecond, Optional<Double> discardsPerSecond,
                         Optional<Double> readAwaitMillis, Optional<Double> writeAwaitMillis,
                         Optional<Double> awaitMillis, Optional<Double> averageQueueSize, Optional<Double> utilPercent,
                         Optional<Double> serviceTimeMillis, Optional<Long> readBytesTotal, Optional<Long> writeBytesTotal,
                         java.util.Map<String, Double> other) {
        public Device {
            other = java.util.Map.copyOf(other);
        }
    }
}
