package org.incidentworkbench.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TimeSeriesStore} keeps its data. The defaults follow Netdata's tiers: full resolution for
 * 14 days, 1-minute rollups for 90 days, 1-hour rollups for 2 years.
 *
 * @param rawRetention      how long compressed full-resolution chunks are kept
 * @param minuteRetention   how long 1-minute rollups are kept
 * @param hourRetention     how long 1-hour rollups are kept
 * @param chunkWindow       the span of one chunk; points stay in memory (and in the write-ahead table) until
 *                          their window has closed, then are compressed into one chunk per series. Must divide
 *                          a day and be a whole number of minutes.
 * @param lateness          how long after a window's end points for it are still expected; the window is
 *                          compressed after that. Later points are still accepted and merged into the chunk.
 * @param flushInterval     how often the write-ahead table is written; a kill -9 loses at most about this much
 * @param clock             the time source for retention and for closing windows (tests pass a fixed clock)
 * @param blockCacheBuckets how many decoded rollup buckets queries keep in memory (about 40 bytes each), so a
 *                          chart that refreshes every few seconds decodes only what changed; 0 turns it off
 * @param resolution        decimals per metric name: appended values are rounded to them ({@link MetricResolution});
 *                          the application supplies the sampler's catalogue, the default keeps values exactly
 */
public record StoreConfig(Duration rawRetention, Duration minuteRetention, Duration hourRetention, Duration chunkWindow,
                          Duration lateness, Duration flushInterval, Clock clock, long blockCacheBuckets, MetricResolution resolution) {

    public StoreConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(resolution, "resolution");
        requirePositive("rawRetention", rawRetention);
        requirePositive("minuteRetention", minuteRetention);
        requirePositive("hourRetention", hourRetention);
        requirePositive("chunkWindow", chunkWindow);
        requirePositive("flushInterval", flushInterval);
        Objects.requireNonNull(lateness, "lateness");
        if (blockCacheBuckets < 0) {
            throw new IllegalArgumentException("StoreConfig.blockCacheBuckets must not be negative; got " + blockCacheBuckets + ".");
        }
        if (chunkWindow.toMillis() % 60_000 != 0 || Duration.ofDays(1).toMillis() % chunkWindow.toMillis() != 0) {
            throw new IllegalArgumentException("The chunk window must be a whole number of minutes that divides a day; got "
                    + chunkWindow + ".");
        }
    }

    public static StoreConfig defaults() {
        return new StoreConfig(Duration.ofDays(14), Duration.ofDays(90), Duration.ofDays(730), Duration.ofHours(2),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Clock.systemUTC(), 2_000_000, MetricResolution.EXACT);
    }

    public StoreConfig withRetention(Duration raw, Duration minute, Duration hour) {
        return new StoreConfig(raw, minute, hour, chunkWindow, lateness, flushInterval, clock, blockCacheBuckets, resolution);
    }

    public StoreConfig withChunkWindow(Duration window) {
        return new StoreConfig(rawRetention, minuteRetention, hourRetention, window, lateness, flushInterval, clock, blockCacheBuckets, resolution);
    }

    public StoreConfig withLateness(Duration late) {
        return new StoreConfig(rawRetention, minuteRetention, hourRetention, chunkWindow, late, flushInterval, clock, blockCacheBuckets, resolution);
    }

    public StoreConfig withFlushInterval(Duration interval) {
        return new StoreConfig(rawRetention, minuteRetention, hourRetention, chunkWindow, lateness, interval, clock, blockCacheBuckets, resolution);
    }

    public StoreConfig withClock(Clock c) {
        return new StoreConfig(rawRetention, minuteRetention, hourRetention, chunkWindow, lateness, flushInterval, c, blockCacheBuckets, resolution);
    }

    public StoreConfig withBlockCache(long buckets) {
        return new StoreConfig(rawRetention, minuteRetention, hourRetention, chunkWindow, lateness, flushInterval, clock, buckets, resolution);
    }

    /** This configuration rounding each metric's values to {@code r}'s decimals on append. */
    public StoreConfig withResolution(MetricResolution r) {
        return new StoreConfig(rawRetention, minuteRetention, hourRetention, chunkWindow, lateness, flushInterval, clock,
                blockCacheBuckets, r);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("StoreConfig." + name + " must be a positive duration; got " + d + ".");
        }
    }
}
