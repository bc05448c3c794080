package org.incidentworkbench.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.RadialGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * WCAG 2.1 contrast of every text the user can see in a scene, from the colours CSS resolved on the
 * rendered nodes: the text's fill against the background painted behind it (the nearest regions'
 * background fills, semi-transparent ones blended over what lies below, gradients averaged). Disabled
 * and hidden nodes are skipped (WCAG exempts inactive controls). Read on the FX thread.
 */
final class TextContrast {

    /** One text with its colours and their contrast ratio. */
    record Pair(String where, String text, Color fg, Color bg, double ratio, boolean large) {
        double required() {
            return large ? 3.0 : 4.5;
        }

        @Override
        public String toString() {
            return String.format("%.2f:1 (needs %.1f) '%s' %s on %s in %s", ratio, required(), text.length() > 40 ? text.substring(0, 40) + "..." : text,
                    hex(fg), hex(bg), where);
        }
    }

    private TextContrast() {
    }

    static List<Pair> of(Scene scene) {
        List<Pair> out = new ArrayList<>();
        walk(scene.getRoot(), scene, out);
        return out;
    }

    private static void walk(Node n, Scene scene, List<Pair> out) {
        if (!n.isVisible() || n.isDisabled() || n.getOpacity() < 0.99) {
            return;
        }
        if (n instanceof Text t && t.getText() != null && !t.getText().isBlank() && t.getFill() instanceof Color fg && fg.getOpacity() > 0) {
            Color bg = backgroundBehind(t, scene);
            Color shown = blend(fg, bg);
            double size = t.getFont().getSize();
            boolean bold = t.getFont().getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold")
                    || FontWeight.findByName(t.getFont().getStyle()) == FontWeight.BOLD;
            boolean large = size >= 24 || (bold && size >= 18.66);
            out.add(new Pair(path(t), t.getText().strip(), shown, bg, ratio(shown, bg), large));
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, scene, out);
            }
        }
    }

    /** What is painted behind a node: its ancestors' background fills, topmost first, blended down to an opaque colour. */
    static Color backgroundBehind(Node n, Scene scene) {
        List<Color> layers = new ArrayList<>();
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()) {
                List<BackgroundFill> fills = r.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    Color c = average(fills.get(i).getFill());
                    if (c != null && c.getOpacity() > 0.01) {
                        layers.add(c);
                        if (c.getOpacity() >= 0.99) {
                            return compose(layers);
                        }
                    }
                }
            }
        }
        Color base = scene.getFill() instanceof Color c ? c : Color.WHITE;
        layers.add(base.getOpacity() >= 0.99 ? base : Color.WHITE);
        return compose(layers);
    }

    private static Color compose(List<Color> topFirst) {
        Color c = topFirst.get(topFirst.size() - 1);
        for (int i = topFirst.size() - 2; i >= 0; i--) {
            c = blend(topFirst.get(i), c);
        }
        return c;
    }

    /** {@code top} painted over the opaque {@code under}. */
    static Color blend(Color top, Color under) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + under.getRed() * (1 - a), top.getGreen() * a + under.getGreen() * (1 - a),
                top.getBlue() * a + under.getBlue() * (1 - a));
    }

    private static Color average(Paint p) {
        if (p instanceof Color c) {
            return c;
        }
        List<Stop> stops = p instanceof LinearGradient g ? g.getStops() : p instanceof RadialGradient g ? g.getStops() : List.of();
        if (stops.isEmpty()) {
            return null;
        }
        double r = 0;
        double g = 0;
        double b = 0;
        double a = 0;
        for (Stop s : stops) {
            r += s.getColor().getRed();
            g += s.getColor().getGreen();
            b += s.getColor().getBlue();
            a += s.getColor().getOpacity();
        }
        int k = stops.size();
        return Color.color(r / k, g / k, b / k, a / k);
    }

    /** The WCAG 2.1 contrast ratio of two opaque colours. */
    static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static String hex(Color c) {
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    private static String path(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node p = n; p != null && sb.length() < 200; p = p.getParent()) {
            String name = p.getId() != null ? "#" + p.getId() : p.getStyleClass().isEmpty() ? p.getClass().getSimpleName() : "." + p.getStyleClass().get(0);
            sb.insert(0, sb.length() == 0 ? name : name + " > ");
        }
        return sb.toString();
    }
}
