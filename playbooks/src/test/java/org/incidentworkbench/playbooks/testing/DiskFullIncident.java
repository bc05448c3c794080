package org.incidentworkbench.playbooks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.incidentworkbench.playbooks.PlaybookJson;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalEvent.ActionTaken;
import org.incidentworkbench.playbooks.journal.JournalEvent.ChartViewed;
import org.incidentworkbench.playbooks.journal.JournalEvent.CommandOutput;
import org.incidentworkbench.playbooks.journal.JournalEvent.Hypothesis;
import org.incidentworkbench.playbooks.journal.JournalEvent.IncidentClosed;
import org.incidentworkbench.playbooks.journal.JournalEvent.IncidentOpened;
import org.incidentworkbench.playbooks.journal.JournalEvent.Marker;
import org.incidentworkbench.playbooks.journal.JournalEvent.Note;
import org.incidentworkbench.playbooks.journal.JournalEvent.TriageRun;
import org.incidentworkbench.playbooks.journal.NoteTags;

/**
 * A small disk-full incident on two hosts, with every event kind, used by the tests of each
 * package. The triage payloads have the shape ssh-probes writes (host, findings with rule ids).
 */
public final class DiskFullIncident {

    public static final Instant T0 = Instant.parse("2026-11-25T14:00:00Z");

    private DiskFullIncident() {
    }

    public static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    public static List<JournalEvent> events() {
        List<JournalEvent> e = new ArrayList<>();
        e.add(new IncidentOpened(at(0), "alice", "inc-2026-11-25-disk", "web-1 returns 500s", "SEV-2",
                List.of("web-1"), Optional.of("Pager: 5xx rate on web-1 above 5 %")));
        e.add(new Note(at(5), "alice", "Alert fired at 13:58 from the load balancer's 5xx check.", List.of(NoteTags.DETECTION)));
        e.add(new TriageRun(at(30), "alice", "web-1", triage("web-1", "fs.full", "critical", "/var is 99 % full")));
        e.add(new TriageRun(at(35), "alice", "web-2", triage("web-2", null, null, null)));
        e.add(new ChartViewed(at(60), "alice", "fs.used_pct", List.of("web-1", "web-2"), at(-1800), at(60)));
        e.add(new Hypothesis(at(70), "alice", "h1", "Application logs filled /var", HypothesisState.OPEN, Optional.empty()));
        e.add(new CommandOutput(at(90), "alice", "web-1", "du -xsh /var/log/* | sort -h | tail -3", 0,
                "12M\t/var/log/apt\n1.1G\t/var/log/journal\n38G\t/var/log/app\n", Duration.ofMillis(840)));
        e.add(new Hypothesis(at(120), "bob", "h1", "Application logs filled /var", HypothesisState.CONFIRMED,
                Optional.of("38G in /var/log/app, debug logging left on")));
        e.add(new ActionTaken(at(150), "bob", Optional.of("web-1"), "Truncated /var/log/app/debug.log and turned debug logging off",
                Optional.of("/var back to 41 %")));
        e.add(new Marker(at(160), "bob", "mitigated"));
        e.add(new Note(at(200), "bob", "The disk-full forecast would have warned us two days ahead.", List.of(NoteTags.WENT_WRONG)));
        e.add(new Note(at(210), "alice", "Triage found fs.full on the first try.", List.of(NoteTags.WENT_WELL)));
        e.add(new Note(at(215), "bob", "Add log rotation for /var/log/app.", List.of(NoteTags.ACTION_ITEM)));
        e.add(new IncidentClosed(at(600), "alice", Optional.of("Debug logging filled /var on web-1."),
                Optional.of("About 12 minutes of 5xx errors for a third of requests."), Optional.of("Debug logging left on after a deploy, no log rotation."),
                Optional.of("Deploy of release 42 with debug logging on."), Optional.of("Truncated the debug log and turned debug logging off."),
                Optional.empty()));
        return e;
    }

    /** A triage report payload in ssh-probes' JSON shape, with one finding when rule is given. */
    public static JsonNode triage(String host, String rule, String severity, String title) {
        ObjectNode r = PlaybookJson.mapper().createObjectNode();
        r.put("host", host);
        r.put("target", "root@" + host);
        r.put("startedAt", T0.toString());
        r.put("duration", "PT1.1S");
        r.putNull("failure");
        r.putArray("results");
        ArrayNode findings = r.putArray("findings");
        if (rule != null) {
            ObjectNode f = findings.addObject();
            f.put("severity", severity);
            f.put("rule", rule);
            f.put("probe", "df");
            f.put("title", title);
            f.put("evidence", "99 % used, 0.4 GiB of 40 GiB free");
            f.put("hint", "du -xsh /var/* to find what grew");
        }
        return r;
    }

    /** fs.used_pct for web-1 every 10 s from 30 min before the incident to its end, rising to 99 %. */
    public static List<MetricSlice> metrics() {
        int n = (1800 + 600) / 10 + 1;
        long[] t = new long[n];
        double[] v1 = new double[n];
        double[] v2 = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = at(-1800 + i * 10).toEpochMilli();
            v1[i] = i < 185 ? 60 + i * 0.21 : 41;
            v2[i] = 35;
        }
        v2[50] = Double.NaN; // a gap marker: the sampler's stream broke once
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("mount", "/var");
        return List.of(new MetricSlice("web-1", "fs.used_pct", labels, t, v1),
                new MetricSlice("web-2", "fs.used_pct", labels, t, v2));
    }
}
