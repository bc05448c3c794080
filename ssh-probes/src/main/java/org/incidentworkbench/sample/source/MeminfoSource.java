package org.incidentworkbench.sample.source;

import static org.incidentworkbench.sample.source.SampledMetric.of;

import java.util.List;

/**
 * {@code /proc/meminfo}: MemTotal, MemFree, MemAvailable (before 3.14: MemFree + Buffers + Cached, as procps
 * did), Cached, SwapTotal and SwapFree, kB to bytes. Used is total - available, as procps-ng 4 {@code free}
 * computes it.
 */
public final class MeminfoSource implements ProcSource<MeminfoSource.MemoryInfo> {

    public static final String MEMORY_TOTAL = "memory.total";
    public static final String MEMORY_AVAILABLE = "memory.available";
    public static final String MEMORY_USED = "memory.used";
    public static final String MEMORY_CACHED = "memory.cached";
    public static final String MEMORY_FREE = "memory.free";
    public static final String SWAP_TOTAL = "swap.total";
    public static final String SWAP_USED = "swap.used";

    static final String FILE = "/proc/meminfo";
    private static final String[] KEYS = {"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapTotal:",
        "SwapFree:"};

    /**
     * In bytes.
     *
     * @param availableEstimated true on kernels before 3.14 (no MemAvailable): available is then
     *                           MemFree + Buffers + Cached, as procps did
     */
    public record MemoryInfo(long totalBytes, long freeBytes, long availableBytes, long cachedBytes, long swapTotalBytes,
                             long swapFreeBytes, boolean availableEstimated) {
    }

    @Override
    public ShellPart shell() {
        // two runs of adjacent lines, one regex each; a kernel that orders them differently falls back to one per key
        return ShellPart.files(FILE)
                .withSetup("""
                        rmem="^(MemTotal:[^$nl]*${nl}MemFree:[^$nl]*${nl}MemAvailable:[^$nl]*${nl}Buffers:[^$nl]*${nl}Cached:[^$nl]*$nl)"
                        rswap="$nl(SwapTotal:[^$nl]*${nl}SwapFree:[^$nl]*$nl)"
                        """)
                .withBashFilter("""
                        /proc/meminfo) s=
                          if [[ $c =~ $rmem ]]; then s=${BASH_REMATCH[1]}; [[ $c =~ $rswap ]] && s=$s${BASH_REMATCH[1]} || { s=; keep=all; }; else keep=all; fi
                          [ "$keep" = all ] && keep='MemTotal: MemFree: MemAvailable: Buffers: Cached: SwapTotal: SwapFree:' ;;
                        """);
    }

    @Override
    public List<SampledMetric> metrics() {
        return List.of(
                of(MEMORY_TOTAL, "bytes", 0, "installed memory (/proc/meminfo MemTotal)"),
                of(MEMORY_AVAILABLE, "bytes", 0, "memory available to new work without swapping (MemAvailable)"),
                of(MEMORY_USED, "bytes", 0, "MemTotal - MemAvailable"),
                of(MEMORY_CACHED, "bytes", 0, "page cache (Cached)"),
                of(MEMORY_FREE, "bytes", 0, "completely unused memory (MemFree)"),
                of(SWAP_TOTAL, "bytes", 0, "swap space (SwapTotal)"),
                of(SWAP_USED, "bytes", 0, "SwapTotal - SwapFree"));
    }

    @Override
    public MemoryInfo read(Sections frame) {
        long[] kb = {-1, -1, -1, -1, -1, -1, -1};
        frame.forEachLine(FILE, (a, b) -> {
            for (int k = 0; k < KEYS.length; k++) {
                if (kb[k] < 0 && frame.startsWith(KEYS[k], a)) {
                    if (frame.longs(a + KEYS[k].length(), b) >= 1) {
                        kb[k] = frame.number(0);
                    } else {
                        frame.warn(FILE, a, b);
                    }
                    return;
                }
            }
        });
        if (kb[0] < 0 || kb[1] < 0) {
            return null;
        }
        long buffers = Math.max(0, kb[3]);
        long cached = Math.max(0, kb[4]);
        boolean estimated = kb[2] < 0;
        long available = estimated ? kb[1] + buffers + cached : kb[2];
        return new MemoryInfo(kb[0] * 1024, kb[1] * 1024, available * 1024, cached * 1024, Math.max(0, kb[5]) * 1024,
                Math.max(0, kb[6]) * 1024, estimated);
    }

    @Override
    public void gauges(MemoryInfo m, MetricOut out) {
        out.add(MEMORY_TOTAL, m.totalBytes());
        out.add(MEMORY_AVAILABLE, m.availableBytes());
        out.add(MEMORY_USED, Math.max(0, m.totalBytes() - m.availableBytes()));
        out.add(MEMORY_CACHED, m.cachedBytes());
        out.add(MEMORY_FREE, m.freeBytes());
        out.add(SWAP_TOTAL, m.swapTotalBytes());
        out.add(SWAP_USED, Math.max(0, m.swapTotalBytes() - m.swapFreeBytes()));
    }
}
