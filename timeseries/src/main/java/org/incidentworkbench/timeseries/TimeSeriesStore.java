package org.incidentworkbench.timeseries;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.incidentworkbench.timeseries.store.TieredStore;

/**
 * The metrics store: append points of series, list series, query a range at a point budget. Behind it
 * sit the tiers of {@link TieredStore} (memory plus a write-ahead table, compressed chunks, 1-minute and
 * 1-hour rollups) in one H2 file; a query picks and stitches tiers itself.
 *
 * <pre>{@code
 * try (TimeSeriesStore store = TimeSeriesStore.open(TimeSeriesStore.defaultPath())) {
 *     store.append(SeriesKey.of("web-1", "disk.util", "device", "sda"), now, 87.5);
 *     QueryResult r = store.query(Selector.parse("disk.util{host=web-*}"), now - 3_600_000, now, 800);
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may append and query at once. A point appended is visible to
 * queries immediately and on disk within {@link StoreConfig#flushInterval()} (one second by default), so a
 * crash loses at most that much. Appending the same series and timestamp twice keeps the last value.
 * A {@code NaN} value is a gap marker. Failures of the file or database are {@link StoreException}s.
 */
public interface TimeSeriesStore extends AutoCloseable {

    /** Opens (or creates) the store in {@code dbFile}, a file name ending in {@code .mv.db}, with default retention. */
    static TimeSeriesStore open(Path dbFile) {
        return open(dbFile, StoreConfig.defaults());
    }

    static TimeSeriesStore open(Path dbFile, StoreConfig config) {
        return TieredStore.open(dbFile, config);
    }

    /**
     * The store's default file: {@code $XDG_DATA_HOME/incident-workbench/metrics.mv.db}, or
     * {@code ~/.local/share/incident-workbench/metrics.mv.db} when XDG_DATA_HOME is unset; the system property
     * {@code workbench.dataDir} replaces {@code .../incident-workbench}, as for the app's other files.
     */
    static Path defaultPath() {
        String override = System.getProperty("workbench.dataDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override).resolve("metrics.mv.db");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("incident-workbench").resolve("metrics.mv.db");
    }

    /** Appends one point, rounded to its metric's resolution ({@link StoreConfig#resolution()}). */
    void append(SeriesKey key, long timestampMillis, double value);

    /** Appends many points at once (cheaper per point than {@link #append}). */
    void appendAll(Collection<Sample> samples);

    /** The series matching {@code selector}, sorted. */
    List<SeriesKey> series(Selector selector);

    /** Every series in the store, sorted. */
    List<SeriesKey> allSeries();

    /**
     * The series matching {@code selector} in {@code [fromMillis, toMillis)}, in at most {@code maxPoints}
     * buckets per series, each with avg, min, max and count. The store picks the finest tier whose points
     * fit the budget and stitches tiers where the range crosses them; see {@link SeriesData}.
     */
    QueryResult query(Selector selector, long fromMillis, long toMillis, int maxPoints);

    /** The full-resolution points in {@code [fromMillis, toMillis)} of every matching series, as stored. */
    List<SeriesPoints> points(Selector selector, long fromMillis, long toMillis);

    /**
     * The oldest time any tier still keeps, epoch ms: points appended with an older timestamp are not kept
     * (importers refuse them and say so). Moves with the clock.
     */
    long oldestKept();

    /** The longest span any tier keeps (2 years by default, longer after {@link #keepAtLeast}). */
    Duration retention();

    /**
     * Makes every tier keep at least {@code span} (full-resolution chunks included), remembered in the store's
     * file so every later open keeps the same; spans already longer stay. For imports of old data.
     */
    void keepAtLeast(Duration span);

    /** Writes pending points to the write-ahead table now (the store does this itself every flush interval). */
    void flush();

    /** Compresses every window that has closed, applies retention, and waits until that is done. */
    void compact();

    StoreInfo info();

    /** The file this store lives in. */
    Path file();

    /** Flushes, compresses what is due and closes the file. */
    @Override
    void close();
}
