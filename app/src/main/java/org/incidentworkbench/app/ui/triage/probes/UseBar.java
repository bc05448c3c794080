package org.incidentworkbench.app.ui.triage.probes;

import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.incidentworkbench.probe.Severity;

/**
 * A short horizontal bar filled to a percentage with its figure written beside it (not on it, so the
 * text keeps the theme's contrast), coloured by the severity a finding rule gives that value: green below
 * the warning threshold, amber, red; grey when the rule does not judge it. Colours come from the theme
 * (probe-views.css).
 */
final class UseBar extends HBox {

    private final double trackWidth;

    private final StackPane track = new StackPane();
    private final Region fill = new Region();
    private final Label text = new Label();

    UseBar() {
        this(64);
    }

    UseBar(double trackWidth) {
        super(6);
        this.trackWidth = trackWidth;
        getStyleClass().add("use-bar");
        track.getStyleClass().add("use-track");
        fill.getStyleClass().add("use-fill");
        text.getStyleClass().add("use-text");
        setAlignment(Pos.CENTER_LEFT);
        track.setAlignment(Pos.CENTER_LEFT);
        track.setMinSize(trackWidth, 12);
        track.setPrefSize(trackWidth, 12);
        track.setMaxSize(trackWidth, 12);
        fill.setMaxHeight(12);
        track.getChildren().add(fill);
        text.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(track, text);
    }

    /** Fills to {@code percent} (0 to 100) with {@code label} beside the bar; {@code judged} false draws it grey. */
    UseBar set(double percent, String label, Optional<Severity> level, boolean judged) {
        double p = Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
        double w = p == 0 ? 0 : Math.max(2, trackWidth * p / 100);
        fill.setMinWidth(w);
        fill.setPrefWidth(w);
        fill.setMaxWidth(w);
        text.setText(label);
        getStyleClass().removeAll("level-ok", "level-warning", "level-critical", "level-none");
        getStyleClass().add(!judged ? "level-none" : level.map(s -> s == Severity.CRITICAL ? "level-critical"
                : s == Severity.WARNING ? "level-warning" : "level-ok").orElse("level-ok"));
        return this;
    }

    String label() {
        return text.getText();
    }
}
