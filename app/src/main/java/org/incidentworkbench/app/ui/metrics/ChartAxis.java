package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The time axis every chart of the metrics view shares: one range (so zoom and pan move all charts
 * together), one crosshair instant (so every chart reads its hosts' values at the same time), and
 * whether it is live: false once a pan or zoom has paused it (a
 * live preset then stops following now) until the user goes back to the preset. FX thread only.
 */
public final class ChartAxis {

    /** The crosshair's value when the pointer is not over a chart. */
    public static final long NO_CROSSHAIR = Long.MIN_VALUE;

    private final ObjectProperty<TimeRange> range;
    private final LongProperty crosshair = new SimpleLongProperty(NO_CROSSHAIR);
    private final BooleanProperty live = new SimpleBooleanProperty(true);

    private final List<InvalidationListener> watchers = new ArrayList<>();

    public ChartAxis(TimeRange initial) {
        range = new SimpleObjectProperty<>(initial);
    }

    public ObjectProperty<TimeRange> rangeProperty() {
        return range;
    }

    public TimeRange range() {
        return range.get();
    }

    public LongProperty crosshairProperty() {
        return crosshair;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    /**
     * Calls {@code onChange} whenever the range or the crosshair changes, until the returned handle
     * runs. A chart watches while it is in a scene: the axis outlives the charts (small multiples
     * come and go), and a watcher left behind would keep its chart alive.
     */
    public Runnable watch(Runnable onChange) {
        InvalidationListener l = o -> onChange.run();
        range.addListener(l);
        crosshair.addListener(l);
        watchers.add(l);
        return () -> {
            if (watchers.remove(l)) {
                range.removeListener(l);
                crosshair.removeListener(l);
            }
        };
    }

    /** How many charts watch this axis now (for the leak test). */
    public int watcherCount() {
        return watchers.size();
    }

    /** A user pan or zoom: the range stops following now. */
    public void userSet(TimeRange r) {
        live.set(false);
        range.set(r);
    }
}
