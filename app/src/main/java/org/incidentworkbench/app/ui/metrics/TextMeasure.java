package org.incidentworkbench.app.ui.metrics;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Widths of text in the charts' font, and text shortened or wrapped to a width. FX thread only. */
final class TextMeasure {

    private final Text text = new Text();

    TextMeasure(Font font) {
        text.setFont(font);
    }

    double width(String s) {
        text.setText(s);
        return text.getLayoutBounds().getWidth();
    }

    /** {@code s}, cut with an ellipsis where it would be wider than {@code max}. */
    String shorten(String s, double max) {
        double w = width(s);
        if (w <= max) {
            return s;
        }
        int keep = Math.max(1, (int) (s.length() * max / w));
        while (keep > 1 && width(s.substring(0, keep) + "…") > max) {
            keep--;
        }
        return s.substring(0, keep) + "…";
    }

    /** The words of {@code s} in lines at most {@code max} wide. */
    List<String> wrap(String s, double max) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : s.split("\\s+")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(next) > max) {
                lines.add(line);
                line = word;
            } else {
                line = next;
            }
        }
        if (!line.isEmpty()) {
            lines.add(shorten(line, max));
        }
        return lines;
    }
}
