package org.incidentworkbench.parse;

import java.util.Optional;

/**
 * Memory and swap from {@code free}, in bytes.
 *
 * @param memTotalBytes     installed memory the kernel manages
 * @param memUsedBytes      used (procps 3.3.10+: total - free - buff/cache)
 * @param memFreeBytes      completely unused
 * @param memSharedBytes    tmpfs and shared memory
 * @param memBuffersBytes   block-device buffers ({@code -w}, or old free's {@code buffers})
 * @param memCacheBytes     page cache and reclaimable slab ({@code -w}, or old free's {@code cached})
 * @param memBuffCacheBytes buffers + cache
 * @param memAvailableBytes the kernel's estimate of memory available to start new work without swapping
 * @param swapTotalBytes    swap space
 * @param swapUsedBytes     swap in use
 * @param swapFreeBytes     swap free
 * @param unit              the unit the numbers were printed in: {@code B}, {@code KiB}, {@code MiB}, {@code GiB},
 *                          or {@code human} for {@code -h} suffixes
 * @param unitGuessed       true when no command line said the unit and it was inferred from the size of
 *                          the total (a {@code Mem:} total under 262144 would be under 256 MiB as KiB: read as MiB)
 */
public record FreeReport(Optional<Long> memTotalBytes, Optional<Long> memUsedBytes, Optional<Long> memFreeBytes,
                         Optional<Long> memSharedBytes, Optional<Long> memBuffersBytes, Optional<Long> memCacheBytes,
                         Optional<Long> memBuffCacheBytes, Optional<Long> memAvailableBytes,
                         Optional<Long> swapTotalBytes, Optional<Long> swapUsedBytes, Optional<Long> swapFreeBytes,
                         String unit, boolean unitGuessed) {
}
