package org.incidentworkbench.playbooks.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * What the responders could see at one moment of an incident: every event at or before
 * {@code time}, the latest triage per host, notes, hypotheses with their updates, charts viewed,
 * commands, actions, markers, and the metric data up to that moment. A pure function of the
 * timeline and the time ({@link #at}), so the same seek always gives an equal state.
 *
 * @param time          the moment
 * @param eventCount    how many events happened at or before it
 * @param events        those events, oldest first
 * @param latestTriage  the most recent triage of each host, hosts in order of their first triage
 * @param notes         notes so far
 * @param hypotheses    hypotheses so far, in order of first statement
 * @param charts        charts viewed so far
 * @param commands      commands run so far
 * @param actions       actions taken so far
 * @param markers       markers so far
 * @param metrics       every slice cut at {@code time} (context before the incident included)
 * @param closed        whether the incident had been closed by then
 */
public record ReplayState(Instant time, int eventCount, List<JournalEvent> events,
                          Map<String, JournalEvent.TriageRun> latestTriage, List<JournalEvent.Note> notes,
                          List<HypothesisStatus> hypotheses, List<JournalEvent.ChartViewed> charts,
                          List<JournalEvent.CommandOutput> commands, List<JournalEvent.ActionTaken> actions,
                          List<JournalEvent.Marker> markers, List<MetricSlice> metrics, boolean closed) {

    public ReplayState {
        events = List.copyOf(events);
        latestTriage = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(latestTriage));
        notes = List.copyOf(notes);
        hypotheses = List.copyOf(hypotheses);
        charts = List.copyOf(charts);
        commands = List.copyOf(commands);
        actions = List.copyOf(actions);
        markers = List.copyOf(markers);
        metrics = List.copyOf(metrics);
    }

    public static ReplayState at(IncidentTimeline timeline, Instant time) {
        return of(time, timeline.events().subList(0, timeline.countAtOrBefore(time)), timeline.metrics());
    }

    /** The state after exactly these events (a training session reveals events this way). */
    public static ReplayState of(Instant time, List<JournalEvent> visible, List<MetricSlice> allMetrics) {
        Map<String, JournalEvent.TriageRun> triage = new LinkedHashMap<>();
        List<JournalEvent.Note> notes = new ArrayList<>();
        Map<String, List<JournalEvent.Hypothesis>> hyp = new LinkedHashMap<>();
        List<JournalEvent.ChartViewed> charts = new ArrayList<>();
        List<JournalEvent.CommandOutput> commands = new ArrayList<>();
        List<JournalEvent.ActionTaken> actions = new ArrayList<>();
        List<JournalEvent.Marker> markers = new ArrayList<>();
        boolean closed = false;
        for (JournalEvent e : visible) {
            if (e instanceof JournalEvent.TriageRun t) {
                triage.put(t.host(), t);
            } else if (e instanceof JournalEvent.Note n) {
                notes.add(n);
            } else if (e instanceof JournalEvent.Hypothesis h) {
                hyp.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(h);
            } else if (e instanceof JournalEvent.ChartViewed c) {
                charts.add(c);
            } else if (e instanceof JournalEvent.CommandOutput c) {
                commands.add(c);
            } else if (e instanceof JournalEvent.ActionTaken a) {
                actions.add(a);
            } else if (e instanceof JournalEvent.Marker m) {
                markers.add(m);
            } else if (e instanceof JournalEvent.IncidentClosed) {
                closed = true;
            }
        }
        List<HypothesisStatus> hypotheses = new ArrayList<>();
        hyp.forEach((id, updates) -> {
            JournalEvent.Hypothesis last = updates.get(updates.size() - 1);
            hypotheses.add(new HypothesisStatus(id, last.text(), last.state(), updates));
        });
        long millis = time.toEpochMilli();
        List<MetricSlice> metrics = allMetrics.stream().map(s -> s.upTo(millis)).toList();
        return new ReplayState(time, visible.size(), visible, triage, notes, hypotheses, charts, commands, actions,
                markers, metrics, closed);
    }

    /** The most recent event, if any happened yet. */
    public java.util.Optional<JournalEvent> lastEvent() {
        return events.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(events.get(events.size() - 1));
    }
}
