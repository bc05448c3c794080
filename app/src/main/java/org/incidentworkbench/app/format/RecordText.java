package org.incidentworkbench.app.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentworkbench.json.Json;

/**
 * A parsed record as plain text for {@code workbench parse}: scalar fields as {@code name: value}
 * lines, nested objects indented, and every list of objects as a column table (one column per scalar
 * field, {@code -} for an empty value), as jc's tables look. It works from the record's JSON, so every
 * parser's record prints without a renderer of its own. Stateless.
 */
public final class RecordText {

    /** Widest a table cell may be before it is cut (commands lines are long). */
    private static final int MAX_CELL = 60;

    private RecordText() {
    }

    public static String render(Object record) {
        StringBuilder s = new StringBuilder();
        render(Json.mapper().valueToTree(record), "", s);
        return s.toString();
    }

    private static void render(JsonNode node, String indent, StringBuilder s) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                s.append(indent).append(f.getKey()).append(":\n");
                render(v, indent + "  ", s);
            } else if (v.isArray()) {
                if (v.isEmpty()) {
                    s.append(indent).append(f.getKey()).append(": (none)\n");
                } else if (v.get(0).isObject()) {
                    s.append(indent).append(f.getKey()).append(" (").append(v.size()).append("):\n");
                    table(v, indent + "  ", s);
                } else {
                    List<String> items = new ArrayList<>();
                    v.forEach(i -> items.add(i.asText()));
                    s.append(indent).append(f.getKey()).append(": ").append(String.join(", ", items)).append('\n');
                }
            } else {
                s.append(indent).append(f.getKey()).append(": ").append(cell(v)).append('\n');
            }
        }
    }

    private static void table(JsonNode rows, String indent, StringBuilder s) {
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            row.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    columns.add(e.getKey());
                }
            });
        }
        List<String> cols = List.copyOf(columns);
        int[] width = new int[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            width[c] = cols.get(c).length();
            for (JsonNode row : rows) {
                width[c] = Math.max(width[c], cell(row.path(cols.get(c))).length());
            }
        }
        line(cols, width, indent, s);
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : cols) {
                cells.add(cell(row.path(c)));
            }
            line(cells, width, indent, s);
        }
    }

    private static void line(List<String> cells, int[] width, String indent, StringBuilder s) {
        StringBuilder l = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            l.append(c == 0 ? "" : "  ").append(cells.get(c));
            if (c < cells.size() - 1) {
                l.append(" ".repeat(width[c] - cells.get(c).length()));
            }
        }
        s.append(l.toString().stripTrailing()).append('\n');
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "-";
        }
        String text = v.asText().replace('\n', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }
}
