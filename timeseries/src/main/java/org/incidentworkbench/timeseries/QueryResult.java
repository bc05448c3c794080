package org.incidentworkbench.timeseries;

import java.util.List;
import java.util.Optional;

/** What {@link TimeSeriesStore#query} returns: one {@link SeriesData} per matching series, sorted by key. */
public record QueryResult(List<SeriesData> series) {

    public QueryResult {
        series = List.copyOf(series);
    }

    public Optional<SeriesData> get(SeriesKey key) {
        return series.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** Total number of buckets over all series. */
    public long bucketCount() {
        return series.stream().mapToLong(SeriesData::size).sum();
    }
}
