package org.incidentworkbench.timeseries.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.incidentworkbench.timeseries.MetricResolution;
import org.incidentworkbench.timeseries.SeriesKey;

/**
 * The newest points of every series, in memory, plus the write-ahead buffer that the store writes to H2
 * once per flush interval. Appends take a shared lock ({@link #gate}); sealing the write-ahead buffer and
 * draining closed windows take it exclusively for the moment of a buffer swap, so the two always agree
 * on which points are in which write-ahead record.
 *
 * <p>Thread-safe.
 */
final class HotTier {

    /** Appends share it; {@link #sealAndDrain} holds it exclusively for a moment. */
    final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<SeriesKey, SeriesBuffer> byKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, SeriesBuffer> byId = new ConcurrentHashMap<>();
    private final List<SeriesBuffer> unsaved = new ArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicLong maxTs = new AtomicLong(Long.MIN_VALUE);
    private WalBuffer wal = new WalBuffer();
    private long nextSeq = 1;
    private final MetricResolution resolution;

    /** @param resolution each metric's decimals, applied to its values on append */
    HotTier(MetricResolution resolution) {
        this.resolution = resolution;
    }

    /** A sealed write-ahead record and the series first seen since the previous one. */
    record Sealed(long seq, WalBuffer wal, List<SeriesBuffer> newSeries) {
    }

    void load(int id, SeriesKey key) {
        SeriesBuffer b = new SeriesBuffer(id, key, decimals(key));
        byKey.put(key, b);
        byId.put(id, b);
        nextId.accumulateAndGet(id + 1, Math::max);
    }

    void startSeqAt(long seq) {
        nextSeq = seq;
    }

    /**
     * A direct-mapped cache by identity in front of {@link #byKey}: a sampler hands over the same key objects
     * frame after frame, and hashing a key (its label map) costs more than the rest of an append. A racy read
     * may see another key's entry; the identity check then falls through to the map.
     */
    private final Resolved[] recent = new Resolved[4096];

    private record Resolved(SeriesKey key, SeriesBuffer buffer) {
    }

    SeriesBuffer resolve(SeriesKey key) {
        int slot = System.identityHashCode(key) & (recent.length - 1);
        Resolved r = recent[slot];
        if (r != null && r.key == key) {
            return r.buffer;
        }
        SeriesBuffer b = resolveByValue(key);
        recent[slot] = new Resolved(key, b);
        return b;
    }

    private SeriesBuffer resolveByValue(SeriesKey key) {
        SeriesBuffer b = byKey.get(key);
        if (b != null) {
            return b;
        }
        synchronized (unsaved) {
            b = byKey.get(key);
            if (b == null) {
                b = new SeriesBuffer(nextId.getAndIncrement(), key, decimals(key));
                byId.put(b.id, b);
                byKey.put(key, b);
                unsaved.add(b);
            }
            return b;
        }
    }

    SeriesBuffer byId(int id) {
        return byId.get(id);
    }

    Collection<SeriesBuffer> all() {
        return byKey.values();
    }

    /** Adds a point to memory and to the write-ahead buffer; the caller holds {@code gate}'s read lock. */
    void add(SeriesBuffer b, long ts, double value, boolean logged) {
        double v = b.decimals >= 0 ? MetricResolution.round(value, b.decimals) : value;
        b.add(ts, v);
        if (logged) {
            synchronized (this) {
                wal.add(b.id, ts, v);
            }
        }
    }

    /** Re-logs a point whose write-ahead record failed to be written; the caller holds {@code gate}'s read lock. */
    void relog(int id, long ts, double value) {
        SeriesBuffer b = byId.get(id);
        if (b != null) {
            synchronized (this) {
                wal.add(id, ts, value);
            }
        }
    }

    /** Adds many points; the caller holds {@code gate}'s read lock. Returns {min, max} of their timestamps. */
    long[] addAll(java.util.Collection<org.incidentworkbench.timeseries.Sample> samples) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int n = samples.size();
        SeriesBuffer[] buffers = new SeriesBuffer[n];
        double[] values = new double[n];
        long[] times = new long[n];
        int i = 0;
        for (org.incidentworkbench.timeseries.Sample s : samples) {
            SeriesBuffer b = resolve(s.key());
            double v = b.decimals >= 0 ? MetricResolution.round(s.value(), b.decimals) : s.value();
            long ts = s.timestampMillis();
            b.add(ts, v);
            buffers[i] = b;
            values[i] = v;
            times[i++] = ts;
            min = Math.min(min, ts);
            max = Math.max(max, ts);
        }
        synchronized (this) {
            for (int k = 0; k < i; k++) {
                wal.add(buffers[k].id, times[k], values[k]);
            }
        }
        return new long[] {min, max};
    }

    void noteMaxTs(long ts) {
        if (ts > maxTs.get()) {
            maxTs.accumulateAndGet(ts, Math::max);
        }
    }

    long maxTs() {
        return maxTs.get();
    }

    /** Seals the write-ahead buffer: the points since the previous seal become one record. */
    Sealed seal() {
        gate.writeLock().lock();
        try {
            return sealLocked();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /**
     * Seals the write-ahead buffer and drains every point before {@code boundary} into {@code drained}, then,
     * still holding the gate, hands the drained points to {@code publish} so readers never miss them.
     */
    Sealed sealAndDrain(long boundary, java.util.Map<SeriesBuffer, Points> drained,
                        java.util.function.Consumer<java.util.Map<SeriesBuffer, Points>> publish) {
        gate.writeLock().lock();
        try {
            for (SeriesBuffer b : byKey.values()) {
                Points p = b.drainBefore(boundary);
                if (p.size() > 0) {
                    drained.put(b, p);
                }
            }
            publish.accept(drained);
            return sealLocked();
        } finally {
            gate.writeLock().unlock();
        }
    }

    private Sealed sealLocked() {
        WalBuffer w;
        synchronized (this) {
            w = wal;
            wal = new WalBuffer();
        }
        List<SeriesBuffer> fresh;
        synchronized (unsaved) {
            fresh = List.copyOf(unsaved);
            unsaved.clear();
        }
        return new Sealed(nextSeq++, w, fresh);
    }

    /** Puts back series a failed write could not save, so the next flush tries again. */
    void unsave(List<SeriesBuffer> series) {
        synchronized (unsaved) {
            unsaved.addAll(0, series);
        }
    }

    /** The oldest point in memory, or Long.MAX_VALUE. */
    long minTimestamp() {
        long min = Long.MAX_VALUE;
        for (SeriesBuffer b : byKey.values()) {
            min = Math.min(min, b.minTimestamp());
        }
        return min;
    }

    long points() {
        long n = 0;
        for (SeriesBuffer b : byKey.values()) {
            n += b.size();
        }
        return n;
    }

    private int decimals(SeriesKey key) {
        return Math.min(9, resolution.decimals(key.metric()));
    }
}
