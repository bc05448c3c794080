package org.incidentworkbench.playbooks.journal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which hosts journal events name. The bundle manifest, the postmortem, a training session and the
 * incident service all list "the hosts this incident touched"; they share this one place so that a new
 * event kind that names a host is taken into account by all of them at once.
 */
public final class JournalHosts {

    private JournalHosts() {
    }

    /** The hosts one event names, in the event's order; empty for kinds that name none. */
    public static List<String> named(JournalEvent e) {
        if (e instanceof JournalEvent.IncidentOpened o) {
            return o.hosts();
        } else if (e instanceof JournalEvent.TriageRun t) {
            return List.of(t.host());
        } else if (e instanceof JournalEvent.CommandOutput c) {
            return List.of(c.host());
        } else if (e instanceof JournalEvent.ChartViewed c) {
            return c.hosts();
        } else if (e instanceof JournalEvent.ActionTaken a) {
            return a.host().map(List::of).orElse(List.of());
        }
        return List.of();
    }

    /** Every host the events name, without repeats, in order of first mention. */
    public static Set<String> named(Iterable<? extends JournalEvent> events) {
        Set<String> hosts = new LinkedHashSet<>();
        for (JournalEvent e : events) {
            hosts.addAll(named(e));
        }
        return hosts;
    }
}
