package org.incidentworkbench.playbooks.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * An incident's events in time order (file order among equal times) and its metric slices: what a
 * replay or a training session runs over. Immutable.
 *
 * @param events  sorted by time; stable for equal times
 * @param metrics the slices, reaching before {@link #start()} for context
 */
public record IncidentTimeline(List<JournalEvent> events, List<MetricSlice> metrics) {

    public IncidentTimeline {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("A timeline needs at least one event; this journal is empty.");
        }
        List<JournalEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(JournalEvent::time));
        events = List.copyOf(sorted);
        metrics = List.copyOf(metrics);
    }

    public static IncidentTimeline of(IncidentBundle bundle) {
        return new IncidentTimeline(bundle.events(), bundle.metrics());
    }

    public Instant start() {
        return events.get(0).time();
    }

    public Instant end() {
        return events.get(events.size() - 1).time();
    }

    /** How many events happened at or before {@code time}. */
    public int countAtOrBefore(Instant time) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).time().isAfter(time)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
