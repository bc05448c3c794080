package org.incidentworkbench.timeseries.store;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded rollup blocks, least recently used first out, bounded by their number of buckets. An entry is used
 * only while the block's bytes in the database are still the bytes it was decoded from, so a block
 * rewritten by a compaction (late points, the day's 1-hour block) is never served stale. Thread-safe.
 */
final class BlockCache {

    private record Key(int tier, int seriesId, long blockStart) {
    }

    private record Entry(byte[] raw, RollupBlock block) {
    }

    private final long capacity;
    private long size;
    private final LinkedHashMap<Key, Entry> map = new LinkedHashMap<>(1024, 0.75f, true);

    BlockCache(long capacityBuckets) {
        this.capacity = capacityBuckets;
    }

    /** The decoded block of {@code row}, from the cache when its bytes are unchanged. */
    RollupBlock decode(RollupTier.Row row) {
        if (capacity == 0) {
            return row.decode(false);
        }
        Key key = new Key(row.tier(), row.seriesId(), row.blockStart());
        synchronized (this) {
            Entry e = map.get(key);
            if (e != null && Arrays.equals(e.raw(), row.data())) {
                return e.block();
            }

        }
        RollupBlock block = row.decode(false);
        synchronized (this) {
            Entry old = map.put(key, new Entry(row.data(), block));
            size += block.size() - (old == null ? 0 : old.block().size());
            Iterator<Map.Entry<Key, Entry>> it = map.entrySet().iterator();
            while (size > capacity && it.hasNext()) {
                size -= it.next().getValue().block().size();
                it.remove();
            }
        }
        return block;
    }
}
