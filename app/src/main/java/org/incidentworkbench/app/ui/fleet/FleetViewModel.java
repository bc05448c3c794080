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
import org.incidentworkbench.app.ui.hosts.HostRow;

/**
 * The fleet view's rows: every host with a successful triage, its key numbers, and its outliers
 * against its role (or the whole fleet when the role has fewer than three triaged hosts). Recomputed
 * on the FX thread whenever a report arrives: a few arithmetic operations per host.
 */
public final class FleetViewModel {

    static final int MIN_GROUP = 3;

    private final ObservableList<HostRow> hosts;
    private final ObservableList<FleetRow> rows = FXCollections.observableArrayList();
    private final InvalidationListener recompute = o -> schedule();
    private final java.util.concurrent.Executor later;
    private final Map<org.incidentworkbench.probe.TriageReport, FleetFigures> figuresCache = new java.util.WeakHashMap<>();
    private boolean scheduled;

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

    public ObservableList<FleetRow> rows() {
        return rows;
    }

    void recompute() {
        List<HostRow> triaged = hosts.stream().filter(h -> h.report().map(r -> r.triaged()).orElse(false)).toList();
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
