package org.incidentworkbench.app.ui.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.model.DataAge;
import org.incidentworkbench.app.model.FindingChanges;
import org.incidentworkbench.app.model.FleetFigures;
import org.incidentworkbench.app.model.HostTrends;
import org.incidentworkbench.app.model.Outliers;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.TriageReport;

/**
 * The fleet board's rows: every host with a successful triage, most severe first. Per host: its worst finding, its
 * key numbers and their outliers against its role (or the whole fleet when the role has fewer than three triaged
 * hosts), the age of those numbers (stale after {@link DataAge#STALE_AFTER}, or at once when the host's latest
 * triage failed: the row then keeps the last good triage and says why the new one failed), the findings new and
 * resolved since the triage before, and, from the metrics store, sparklines and the soonest time-to-full.
 * Recomputed on the FX thread whenever a report arrives (a few arithmetic operations per host); the store and the
 * triage history are read through {@link Sources} on its executor.
 *
 * <p>During a replay the rows come from the replayed hosts instead ({@link #showReplay}), aged against the replay
 * clock, without store trends (the store holds the live fleet), until {@link #showLive} puts the live hosts back.
 */
public final class FleetViewModel {

    static final int MIN_GROUP = 3;
    /** How long a host's store trends are reused before the board reads them again. */
    static final Duration TRENDS_REFRESH = Duration.ofSeconds(10);

    /**
     * Where the board reads what the triage reports do not hold.
     *
     * @param previousTriage a host's remembered triage ({@code TriageHistory}): read once per host before its first
     *                       triage in this window, it is the triage the first one is compared with
     * @param trends         a host's sparklines and time-to-full from the store, as of the given time
     * @param io             where those two run (never the FX thread)
     * @param publish        where their results come back (the FX thread)
     */
    public record Sources(Function<String, Optional<TriageReport>> previousTriage, TrendReader trends, Executor io,
                          Executor publish) {

        /** No history and no store: the board shows what the reports hold. */
        public static final Sources NONE = new Sources(h -> Optional.empty(), (h, t) -> HostTrends.none(t), Runnable::run, Runnable::run);
    }

    /** Reads one host's trends; may throw (store closed, locked file): the row then shows none. */
    @FunctionalInterface
    public interface TrendReader {
        HostTrends read(String host, Instant now) throws Exception;
    }

    private final ObservableList<HostRow> hosts;
    private final ObservableList<FleetRow> rows = FXCollections.observableArrayList();
    private final Executor later;
    private final Supplier<Instant> clock;
    private final Sources sources;
    private final Map<TriageReport, FleetFigures> figuresCache = new java.util.WeakHashMap<>();
    private final StringProperty header = new SimpleStringProperty(LIVE);
    /** Per host name: its latest triaged report, and the triaged one before it (this window's). */
    private final Map<String, TriageReport> lastGood = new HashMap<>();
    private final Map<String, TriageReport> previous = new HashMap<>();
    /** Per host name: the remembered triage read from the history before this window's first triage. */
    private final Map<String, TriageReport> remembered = new HashMap<>();
    private final Set<String> historyAsked = new HashSet<>();
    private final Map<String, HostTrends> trends = new HashMap<>();
    private final Map<String, Instant> trendsAsked = new HashMap<>();
    private final ChangeListener<TriageReport> onReport = (o, old, now) -> {
        if (now != null && now.triaged()) {
            keep(now);
        }
        schedule();
    };
    private List<HostRow> replay;
    private Instant replayTime;
    private boolean scheduled;
    private boolean shown;

    static final String LIVE = "Live: the latest triage of each host";

    /** Recomputes at once on every change (tests without a stage), with no history or store. */
    public FleetViewModel(ObservableList<HostRow> hosts) {
        this(hosts, Runnable::run, Instant::now, Sources.NONE);
    }

    /**
     * @param later   where a recompute runs after a change; the window passes "next frame", so twenty reports
     *                arriving together cost one recompute, not twenty
     * @param clock   what "now" is for the data's age and the store's trends
     * @param sources the triage history and the store
     */
    public FleetViewModel(ObservableList<HostRow> hosts, Executor later, Supplier<Instant> clock, Sources sources) {
        this.hosts = hosts;
        this.later = later;
        this.clock = clock;
        this.sources = sources;
        hosts.forEach(this::watch);
        hosts.addListener((ListChangeListener<HostRow>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(h -> h.reportProperty().removeListener(onReport));
                c.getAddedSubList().forEach(this::watch);
            }
            schedule();
        });
        recompute();
    }

    private void watch(HostRow h) {
        h.reportProperty().addListener(onReport);
        h.report().filter(TriageReport::triaged).ifPresent(this::keep);
        askHistory(h.name());
    }

    private void keep(TriageReport now) {
        TriageReport before = lastGood.put(now.host(), now);
        if (before != null && before != now) {
            previous.put(now.host(), before);
        }
    }

    /** Reads the host's remembered triage once, before its first triage here overwrites it. */
    private void askHistory(String host) {
        if (!historyAsked.add(host)) {
            return;
        }
        runIo(() -> {
            Optional<TriageReport> r;
            try {
                r = sources.previousTriage().apply(host);
            } catch (RuntimeException e) {
                r = Optional.empty(); // no comparison, never a broken board
            }
            Optional<TriageReport> found = r;
            sources.publish().execute(() -> found.ifPresent(p -> {
                remembered.put(host, p);
                schedule();
            }));
        });
    }

    private void runIo(Runnable work) {
        try {
            sources.io().execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the window is closing and its executor with it: nothing left to show the result in
        }
    }

    private void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        later.execute(() -> {
            scheduled = false;
            recompute();
        });
    }

    /** Shows these hosts (each with its report as of {@code asOf}) instead of the live ones. */
    public void showReplay(List<HostRow> replayed, Instant asOf, String asOfText) {
        replay = List.copyOf(replayed);
        replayTime = asOf;
        header.set("As of " + asOfText + " (replay)");
        recompute();
    }

    /** Back to the live hosts (replay closed). */
    public void showLive() {
        replay = null;
        replayTime = null;
        header.set(LIVE);
        recompute();
    }

    public boolean replaying() {
        return replay != null;
    }

    /**
     * Whether the board is on screen: only then are the store's trends read (a window whose fleet is never looked at
     * opens no store for it).
     */
    public void shown(boolean onScreen) {
        boolean was = shown;
        shown = onScreen;
        if (onScreen && !was) {
            schedule();
        }
    }

    /** Ages move and trends are re-read: the view calls this every few seconds while it is shown. */
    public void refresh() {
        recompute();
    }

    /** What the rows are: live, or "As of HH:MM:SS (replay)". */
    public StringProperty headerProperty() {
        return header;
    }

    public ObservableList<FleetRow> rows() {
        return rows;
    }

    void recompute() {
        Instant now = replay != null ? replayTime : clock.get();
        // a host whose latest triage failed keeps its last good one, marked stale with the reason
        Map<HostRow, TriageReport> good = new LinkedHashMap<>();
        Map<HostRow, String> failed = new HashMap<>();
        for (HostRow h : replay != null ? replay : hosts) {
            Optional<TriageReport> latest = h.report();
            TriageReport last = latest.filter(TriageReport::triaged).orElse(replay != null ? null : lastGood.get(h.name()));
            if (last == null) {
                continue;
            }
            good.put(h, last);
            latest.filter(r -> !r.triaged()).flatMap(TriageReport::failure).ifPresent(f -> failed.put(h, f.message()));
        }
        List<HostRow> triaged = new ArrayList<>(good.keySet());
        Map<HostRow, FleetFigures> figures = new LinkedHashMap<>();
        triaged.forEach(h -> figures.put(h, figuresCache.computeIfAbsent(good.get(h), FleetFigures::of)));
        Map<String, List<HostRow>> byRole = new LinkedHashMap<>();
        triaged.forEach(h -> byRole.computeIfAbsent(h.entry().role(), r -> new ArrayList<>()).add(h));
        List<FleetRow> out = new ArrayList<>();
        for (HostRow h : triaged) {
            List<HostRow> group = byRole.get(h.entry().role());
            String comparedWith = h.entry().role();
            if (group.size() < MIN_GROUP) {
                group = triaged;
                comparedWith = "all hosts";
            }
            int index = group.indexOf(h);
            Map<FleetColumn, Outliers.Mark> marks = new EnumMap<>(FleetColumn.class);
            for (FleetColumn c : FleetColumn.values()) {
                List<OptionalDouble> values = group.stream().map(g -> c.read(figures.get(g))).toList();
                marks.put(c, Outliers.mark(values, c.minDifference()).get(index));
            }
            TriageReport report = good.get(h);
            DataAge age = DataAge.of(report.startedAt(), now, failed.containsKey(h));
            FindingChanges changes = FindingChanges.between(replay != null ? Optional.empty() : before(h.name(), report), report);
            Optional<HostTrends> t = Optional.empty();
            if (replay == null) {
                if (shown) {
                    askTrends(h.name(), now);
                }
                t = Optional.ofNullable(trends.get(h.name()));
            }
            out.add(new FleetRow(h, comparedWith, figures.get(h), marks, report, Optional.ofNullable(failed.get(h)), age, changes, t));
        }
        out.sort(Comparator.comparingInt(FleetRow::worstRank).thenComparing(r -> r.host().name()));
        if (!out.equals(rows)) {
            rows.setAll(out);
        }
    }

    /** The triage before {@code report}: this window's, else the remembered one when it is older than this one. */
    private Optional<TriageReport> before(String host, TriageReport report) {
        TriageReport p = previous.get(host);
        if (p != null) {
            return Optional.of(p);
        }
        return Optional.ofNullable(remembered.get(host)).filter(r -> r.startedAt().isBefore(report.startedAt()));
    }

    private void askTrends(String host, Instant now) {
        Instant asked = trendsAsked.get(host);
        if (asked != null && Duration.between(asked, now).compareTo(TRENDS_REFRESH) < 0) {
            return;
        }
        trendsAsked.put(host, now);
        runIo(() -> {
            HostTrends t;
            try {
                t = sources.trends().read(host, now);
            } catch (Exception e) {
                t = HostTrends.none(now);
            }
            HostTrends read = t;
            sources.publish().execute(() -> {
                trends.put(host, read);
                schedule();
            });
        });
    }
}
