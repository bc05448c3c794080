package org.incidentworkbench.findings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.probe.TriageReport;

/**
 * Orders a host's findings by what most likely explains the problem now (issue 12 item 6): severity first;
 * then recency: an event older than the observation window (an OOM kill 30 minutes ago, when the window is
 * 10 minutes) is not what is happening now, so a critical one becomes a warning, its title says "before this
 * triage", and it sorts after the fresh findings of its severity; then deviation from the host's previous
 * triage (a finding that is new since then first) and from its role's peers (a finding few peers share
 * first); ties keep the rules' own order. Each finding says whether it is new since the previous triage.
 *
 * <p>The observation window is the time since the host's previous triage, at least {@link #MIN_WINDOW}
 * (what "just now" means to someone who has just been paged) and at most {@link #MAX_WINDOW}: an event inside
 * it may be the cause; one before it was there already. Pure and thread-safe.
 *
 * <pre>
 * TriageReport ranked = report.withFindings(FindingRanking.rank(report, previous, peers));
 * </pre>
 */
public final class FindingRanking {

    /** The shortest observation window: an event within 10 minutes of the triage may be why it was run. */
    public static final Duration MIN_WINDOW = Duration.ofMinutes(10);
    /** The longest: a previous triage from last week does not make last week's OOM kill news. */
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    private FindingRanking() {
    }

    /**
     * @param report   the host's triage, findings as the rules made them
     * @param previous the host's previous triage (its findings are compared), if there was one
     * @param peers    recent triages of other hosts of the same role (may be empty)
     * @return the findings, ranked and marked (since, before this triage, new since the previous triage)
     */
    public static List<Finding> rank(TriageReport report, Optional<TriageReport> previous, List<TriageReport> peers) {
        Duration window = window(report, previous);
        Optional<Set<String>> before = previous.filter(TriageReport::triaged)
                .map(p -> keys(p.findings()));
        List<TriageReport> comparablePeers = peers.stream().filter(TriageReport::triaged)
                .filter(p -> !p.host().equals(report.host())).toList();
        List<Ranked> ranked = new ArrayList<>();
        int order = 0;
        for (Finding f : report.findings()) {
            boolean stale = f.since().map(s -> s.compareTo(window) > 0).orElse(false);
            Severity severity = stale && f.severity() == Severity.CRITICAL ? Severity.WARNING : f.severity();
            String title = stale && !f.title().endsWith(", before this triage") ? f.title() + ", before this triage" : f.title();
            Optional<Boolean> isNew = before.map(keys -> !keys.contains(key(f)));
            double peerShare = comparablePeers.isEmpty() ? 0 : comparablePeers.stream()
                    .filter(p -> keys(p.findings()).contains(key(f))).count() / (double) comparablePeers.size();
            ranked.add(new Ranked(f.ranked(severity, title, stale, isNew), peerShare, order++));
        }
        ranked.sort(Comparator.<Ranked, Severity>comparing(r -> r.finding.severity())
                .thenComparing(r -> r.finding.beforeTriage())
                .thenComparing(r -> r.finding.newSincePrevious().map(n -> n ? 0 : 2).orElse(1))
                .thenComparingDouble(r -> r.peerShare)
                .thenComparingInt(r -> r.order));
        return ranked.stream().map(r -> r.finding).toList();
    }

    /** The observation window for this report: since the previous triage, within [MIN_WINDOW, MAX_WINDOW]. */
    static Duration window(TriageReport report, Optional<TriageReport> previous) {
        Duration since = previous.map(p -> Duration.between(p.startedAt(), report.startedAt())).orElse(MIN_WINDOW);
        if (since.compareTo(MIN_WINDOW) < 0) {
            return MIN_WINDOW;
        }
        return since.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : since;
    }

    /**
     * What makes two findings the same one across triages: the rule and its title with the numbers masked
     * ("/var is 97 % full" and "/var is 98 % full" are the same finding; "/" and "/var" are not).
     */
    public static String key(Finding f) {
        String title = f.title().replace(", before this triage", "");
        int latest = title.indexOf(", latest ");
        if (latest >= 0) {
            title = title.substring(0, latest);
        }
        // a forecast's tail ("full in 42 min (...)", "steady") changes unit and wording from one triage to the next
        title = FORECAST_TAIL.matcher(title).replaceFirst("");
        return f.rule() + "|" + title.replaceAll("\\d+(\\.\\d+)?", "#");
    }

    private static final java.util.regex.Pattern FORECAST_TAIL = java.util.regex.Pattern.compile(
            ", ((full|out of inodes|gone) in .*|steady)$");

    private static Set<String> keys(List<Finding> findings) {
        Set<String> keys = new HashSet<>();
        for (Finding f : findings) {
            keys.add(key(f));
        }
        return keys;
    }

    private record Ranked(Finding finding, double peerShare, int order) {
    }
}
