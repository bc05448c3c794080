package org.incidentworkbench.app.ui.metrics;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The time axis every chart of the metrics view shares: one range (so zoom and pan move all charts
 * together), one crosshair instant (so every chart reads its hosts' values at the same time), and
 * whether the range follows now (live). FX thread only.
 */
public final class ChartAxis {

    /** The crosshair's value when the pointer is not over a chart. */
    public static final long NO_CROSSHAIR = Long.MIN_VALUE;

    private final ObjectProperty<TimeRange> range;
    private final LongProperty crosshair = new SimpleLongProperty(NO_CROSSHAIR);
    private final BooleanProperty live = new SimpleBooleanProperty(true);

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

    /** A user pan or zoom: the range stops following now. */
    public void userSet(TimeRange r) {
        live.set(false);
        range.set(r);
    }
}
