package org.incidentworkbench.app.ui.fleet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javafx.beans.InvalidationListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.model.FleetFigures;
import org.incidentworkbench.app.model.Outliers;
import org.incidentworkbench.app.ui.hosts.HostRow;

/**
 * The fleet view's rows: every host with a successful triage, its key numbers, and its outliers
 * against its role (or the whole fleet when the role has fewer than three triaged hosts). Recomputed
 * on the FX thread whenever a report arrives: a few arithmetic operations per host.
 *
 * <p>During a replay the rows come from the replayed hosts instead ({@link #showReplay}), with the
 * header saying the time they are as of, until {@link #showLive} puts the live hosts back.
 */
public final class FleetViewModel {

    static final int MIN_GROUP = 3;

    private final ObservableList<HostRow> hosts;
    private final ObservableList<FleetRow> rows = FXCollections.observableArrayList();
    private final InvalidationListener recompute = o -> schedule();
    private final java.util.concurrent.Executor later;
    private final Map<org.incidentworkbench.probe.TriageReport, FleetFigures> figuresCache = new java.util.WeakHashMap<>();
    private final javafx.beans.property.StringProperty header = new javafx.beans.property.SimpleStringProperty(LIVE);
    private List<HostRow> replay;
    private boolean scheduled;

    static final String LIVE = "Live: the latest triage of each host";

    /** Recomputes at once on every change (tests without a stage). */
    public FleetViewModel(ObservableList<HostRow> hosts) {
        this(hosts, Runnable::run);
    }

    /**
     * @param later where a recompute runs after a change; the window passes "next frame", so twenty
     *              reports arriving together cost one recompute, not twenty
     */
    public FleetViewModel(ObservableList<HostRow> hosts, java.util.concurrent.Executor later) {
        this.hosts = hosts;
        this.later = later;
        hosts.forEach(h -> h.reportProperty().addListener(recompute));
        hosts.addListener((ListChangeListener<HostRow>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(h -> h.reportProperty().removeListener(recompute));
                c.getAddedSubList().forEach(h -> h.reportProperty().addListener(recompute));
            }
            schedule();
        });
        recompute();
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
    public void showReplay(List<HostRow> replayed, String asOf) {
        replay = List.copyOf(replayed);
        header.set("As of " + asOf + " (replay)");
        recompute();
    }

    /** Back to the live hosts (replay closed). */
    public void showLive() {
        replay = null;
        header.set(LIVE);
        recompute();
    }

    public boolean replaying() {
        return replay != null;
    }

    /** What the rows are: live, or "As of HH:MM:SS (replay)". */
    public javafx.beans.property.StringProperty headerProperty() {
        return header;
    }

    public ObservableList<FleetRow> rows() {
        return rows;
    }

    void recompute() {
        List<HostRow> triaged = (replay != null ? replay : hosts).stream().filter(h -> h.report().map(r -> r.triaged()).orElse(false)).toList();
        Map<HostRow, FleetFigures> figures = new LinkedHashMap<>();
        triaged.forEach(h -> figures.put(h, figuresCache.computeIfAbsent(h.report().get(), FleetFigures::of)));
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
            out.add(new FleetRow(h, comparedWith, figures.get(h), marks));
        }
        rows.setAll(out);
    }
}
