package org.incidentworkbench.timeseries;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A summary of a store for {@code workbench store info}.
 *
 * @param file            the database file
 * @param schemaVersion   the schema version written in the file's meta table
 * @param fileBytes       the file's size on disk
 * @param seriesCount     number of series
 * @param hotPoints       points in memory, not yet compressed (also in the write-ahead table)
 * @param chunkPoints     points in compressed full-resolution chunks
 * @param chunkBytes      bytes of those chunks (values plus their share of timestamp blocks)
 * @param rollupBuckets   buckets per rollup tier, keyed {@code 1m} and {@code 1h}
 * @param firstMillis     the oldest point's time (any tier)
 * @param lastMillis      the newest point's time (when all are compressed: the end of the newest window)
 */
public record StoreInfo(Path file, int schemaVersion, long fileBytes, int seriesCount, long hotPoints, long chunkPoints,
                        long chunkBytes, Map<String, Long> rollupBuckets, Optional<Long> firstMillis,
                        Optional<Long> lastMillis) {
}
