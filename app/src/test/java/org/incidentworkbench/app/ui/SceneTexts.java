package org.incidentworkbench.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.text.Text;

/**
 * Every text a user could read in a part of the scene, each with where it was found: labels, buttons,
 * text nodes, text fields (and their prompts), tooltips, menu items, and the items of every list,
 * tree and table (all rows, not only those scrolled into view: scrolling shows them). Read on the FX
 * thread. Used to check that nothing of one context (a replay, the future of a training) shows in another.
 */
final class SceneTexts {

    /** Where a text was found ("Label#replay-title") and the text. */
    record Found(String where, String text) {
        @Override
        public String toString() {
            return where + ": " + text;
        }
    }

    private SceneTexts() {
    }

    static List<Found> of(Node root) {
        List<Found> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    /**
     * The texts alone, in scene order, for comparing two moments of the same screen. A label's inner
     * {@code LabeledText} repeats the label's own text and exists only once its skin has laid it out, so it is
     * left out (a list cell drawn a pulse later once made two equal screens differ).
     */
    static List<String> textsOf(Node root) {
        return of(root).stream().filter(f -> !f.where().startsWith("LabeledText")).map(f -> f.where() + ": " + f.text()).toList();
    }

    private static void walk(Node n, List<Found> out) {
        String where = n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId());
        if (n instanceof Labeled l) {
            add(out, where, l.getText());
        }
        if (n instanceof Text t) {
            add(out, where, t.getText());
        }
        if (n instanceof TextInputControl t) {
            add(out, where, t.getText());
            add(out, where + " prompt", t.getPromptText());
        }
        if (n instanceof ComboBoxBase<?> c) {
            add(out, where + " prompt", c.getPromptText());
            add(out, where + " value", c.getValue() == null ? null : String.valueOf(c.getValue()));
        }
        if (n instanceof MenuButton m) {
            items(m.getItems(), where, out);
        }
        if (n instanceof Control c) {
            tooltip(c.getTooltip(), where, out);
            if (c.getContextMenu() != null) {
                items(c.getContextMenu().getItems(), where + " menu", out);
            }
        }
        // Tooltip.install keeps a node's tooltip in its properties under this key
        if (n.getProperties().get("javafx.scene.control.Tooltip") instanceof Tooltip t) {
            tooltip(t, where, out);
        }
        if (n instanceof ListView<?> l) {
            l.getItems().forEach(i -> add(out, where + " item", String.valueOf(i)));
        }
        if (n instanceof TableView<?> t) {
            t.getItems().forEach(i -> add(out, where + " row", String.valueOf(i)));
        }
        if (n instanceof TreeView<?> t && t.getRoot() != null) {
            tree(t.getRoot(), where + " item", out);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, out);
            }
        }
    }

    private static void tree(TreeItem<?> item, String where, List<Found> out) {
        add(out, where, String.valueOf(item.getValue()));
        item.getChildren().forEach(c -> tree(c, where, out));
    }

    private static void tooltip(Tooltip t, String where, List<Found> out) {
        if (t != null) {
            add(out, where + " tooltip", t.getText());
        }
    }

    private static void items(List<MenuItem> items, String where, List<Found> out) {
        items.forEach(i -> add(out, where + " menu item", i.getText()));
    }

    private static void add(List<Found> out, String where, String text) {
        if (text != null && !text.isEmpty()) {
            out.add(new Found(where, text));
        }
    }
}
