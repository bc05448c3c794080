package org.incidentworkbench.app.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The F1 overlay listing every shortcut from {@link Shortcuts}; a click or F1/Escape hides it. */
public final class HelpOverlay extends StackPane {

    public HelpOverlay() {
        setId("help-overlay");
        getStyleClass().add("help-overlay");
        setAlignment(Pos.CENTER);
        setVisible(false);
        setOnMouseClicked(e -> setVisible(false));
    }

    /**
     * The card is built at the first F1: thirty labels in a monospace font that the window's first frame
     * would otherwise style and lay out, hidden.
     */
    private void build() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            Label keys = new Label(s.keys().getDisplayText());
            keys.getStyleClass().add("help-keys");
            grid.addRow(row++, keys, new Label(s.action()));
        }
        for (String[] local : Shortcuts.LOCAL) {
            Label keys = new Label(local[0]);
            keys.getStyleClass().add("help-keys");
            grid.addRow(row++, keys, new Label(local[1]));
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("pane-title");
        Label close = new Label("F1, Escape or a click closes this.");
        close.getStyleClass().add("pane-message");
        VBox card = new VBox(12, title, grid, close);
        card.getStyleClass().add("help-card");
        card.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
        getChildren().add(card);
    }

    public void toggle() {
        if (getChildren().isEmpty()) {
            build();
        }
        setVisible(!isVisible());
    }
}
