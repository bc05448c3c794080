package org.incidentworkbench.parse;

import java.util.Optional;

/**
 * Where CPU time went, in percent of all CPUs, as top's {@code %Cpu(s)} line, iostat's {@code avg-cpu}
 * and vmstat's {@code cpu} columns report it. Fields a tool does not print are empty (iostat has no irq
 * split, vmstat none either).
 *
 * @param userPercent    user space ({@code us})
 * @param systemPercent  kernel ({@code sy})
 * @param nicePercent    niced user space ({@code ni})
 * @param idlePercent    idle ({@code id})
 * @param iowaitPercent  idle while I/O was outstanding ({@code wa}): a sign of a slow disk when high
 * @param hardIrqPercent hardware interrupts ({@code hi})
 * @param softIrqPercent software interrupts ({@code si})
 * @param stealPercent   taken by the hypervisor for other guests ({@code st})
 */
public record CpuSplit(Optional<Double> userPercent, Optional<Double> systemPercent, Optional<Double> nicePercent,
                       Optional<Double> idlePercent, Optional<Double> iowaitPercent, Optional<Double> hardIrqPercent,
                       Optional<Double> softIrqPercent, Optional<Double> stealPercent) {
}
