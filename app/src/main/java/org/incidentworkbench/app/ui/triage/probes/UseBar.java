package org.incidentworkbench.app.ui.triage.probes;

import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.incidentworkbench.probe.Severity;

/**
 * A horizontal bar filled to a percentage, with its figure written on it, coloured by the severity a
 * finding rule gives that value (green below the warning threshold, amber, red; grey when the rule does
 * not judge it). Colours come from the theme (probe-views.css).
 */
final class UseBar extends StackPane {

    private final Region fill = new Region();
    private final Label text = new Label();

    UseBar() {
        getStyleClass().add("use-bar");
        fill.getStyleClass().add("use-fill");
        text.getStyleClass().add("use-text");
        setAlignment(Pos.CENTER_LEFT);
        StackPane.setAlignment(text, Pos.CENTER_RIGHT);
        text.setPadding(new javafx.geometry.Insets(0, 4, 0, 4));
        setMinHeight(16);
        setPrefHeight(16);
        setMaxHeight(16);
        fill.setMaxWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(fill, text);
    }

    /** Fills to {@code percent} (0 to 100) with {@code label} on the bar; {@code judged} false draws it grey. */
    UseBar set(double percent, String label, Optional<Severity> level, boolean judged) {
        double p = Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
        fill.prefWidthProperty().unbind();
        fill.prefWidthProperty().bind(widthProperty().multiply(p / 100));
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
