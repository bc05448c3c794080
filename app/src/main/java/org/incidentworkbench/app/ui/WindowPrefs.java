package org.incidentworkbench.app.ui;

import java.util.ArrayList;
import java.util.Arrays;
import javafx.geometry.Rectangle2D;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs, in {@code java.util.prefs} (per user, no file of ours):
 * size and position, the split between panes, the open tab, the theme and the recently triaged
 * hosts. Tests pass their own preferences node and remove it afterwards.
 */
public final class WindowPrefs {

    public static final int MAX_RECENT = 8;

    private final Preferences node;

    public WindowPrefs(Preferences node) {
        this.node = node;
    }

    public static WindowPrefs standard() {
        return new WindowPrefs(Preferences.userRoot().node("org/incidentworkbench/window"));
    }

    public double width() {
        return node.getDouble("width", 1280);
    }

    public double height() {
        return node.getDouble("height", 800);
    }

    public double x() {
        return node.getDouble("x", Double.NaN);
    }

    public double y() {
        return node.getDouble("y", Double.NaN);
    }

    public boolean maximized() {
        return node.getBoolean("maximized", false);
    }

    public void bounds(double x, double y, double w, double h, boolean maximized) {
        node.putDouble("x", x);
        node.putDouble("y", y);
        node.putDouble("width", w);
        node.putDouble("height", h);
        node.putBoolean("maximized", maximized);
    }

    /** Where the window opens: {@code x}/{@code y} NaN lets JavaFX centre it. */
    public record Placement(double x, double y, double width, double height) {
    }

    /**
     * The remembered size and position, fitted into {@code screen} (the visual bounds of the screen the window was
     * on, else the primary one): a 1280 x 800 window on a 1280 x 720 laptop opened with its toolbar above the top of
     * the screen and its status bar below the bottom; a window remembered on a monitor that is gone comes back onto
     * this one.
     */
    public static Placement fit(double width, double height, double x, double y, Rectangle2D screen) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return new Placement(Double.NaN, Double.NaN, w, h);
        }
        double fx = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - w));
        double fy = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - h));
        return new Placement(fx, fy, w, h);
    }

    /** Divider positions of the main split (hosts | work | journal). */
    public double[] dividers() {
        String s = node.get("dividers", "0.2,0.8");
        try {
            return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            return new double[] {0.2, 0.8};
        }
    }

    public void dividers(double[] positions) {
        StringBuilder sb = new StringBuilder();
        for (double p : positions) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.4f", p));
        }
        node.put("dividers", sb.toString());
    }

    public String tab() {
        return node.get("tab", "Triage");
    }

    public void tab(String name) {
        node.put("tab", name);
    }

    /** The team library's folder ("" until one is chosen). */
    public String libraryFolder() {
        return node.get("libraryFolder", "");
    }

    public void libraryFolder(String folder) {
        node.put("libraryFolder", folder);
    }

    public boolean dark() {
        return node.getBoolean("dark", false);
    }

    public void dark(boolean dark) {
        node.putBoolean("dark", dark);
    }

    /** Recently triaged host names, most recent first. */
    public List<String> recentHosts() {
        String s = node.get("recentHosts", "");
        List<String> out = new ArrayList<>();
        for (String n : s.split("\n")) {
            if (!n.isBlank()) {
                out.add(n);
            }
        }
        return out;
    }

    /** Puts the names first in the recent list, keeping at most {@link #MAX_RECENT}; returns the new list. */
    public List<String> touchRecent(List<String> names) {
        List<String> list = new ArrayList<>(names);
        for (String n : recentHosts()) {
            if (!list.contains(n)) {
                list.add(n);
            }
        }
        List<String> kept = list.subList(0, Math.min(MAX_RECENT, list.size()));
        node.put("recentHosts", String.join("\n", kept));
        return List.copyOf(kept);
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: a read-only home must not stop the window from closing
        }
    }
}
